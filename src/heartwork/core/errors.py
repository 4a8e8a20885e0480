"""The one error type API code raises, and the codes of the JSON error shape.

heartwork.api turns an ApiError into ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


# The `code` for an error status when nothing more specific applies (docs/api.md).
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "too_many_requests",
    500: "server_error",
}


def code_for(status: int) -> str:
    return STATUS_CODES.get(status, "error")


def not_yours(field: str, message: str) -> ApiError:
    """404 for an id or day in the path that the acting person has nothing under.

    It names the field, so a client knows which part of the address was wrong; another
    person's id gets exactly the same answer as one that never existed.
    """
    return ApiError(404, "not_found", f"{field}: {message}", field=field)
