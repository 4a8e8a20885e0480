"""/api/v1/account: export everything, delete everything. Both need the password again.

The bearer token alone is not enough: whoever holds a phone with a token on it should
not be able to take a copy of everything or erase it (docs/privacy.md).
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.lockout import LOCKED_OUT_MESSAGE
from heartwork.accounts.models import User
from heartwork.audit.services import record
from heartwork.core.errors import ApiError
from heartwork.privacy import services
from heartwork.privacy.reauth import LockedOut, password_ok
from heartwork.privacy.views import zip_response

router = Router(tags=["account"], auth=API_AUTH)


class PasswordIn(Schema):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=1024)


def _reauthenticate(request: HttpRequest, password: str) -> User:
    user = acting_user(request)
    try:
        ok = password_ok(request, user, password)
    except LockedOut:
        raise ApiError(429, "locked_out", str(LOCKED_OUT_MESSAGE)) from None
    if not ok:
        raise ApiError(
            403, "wrong_password", "password: " + _("That password is not right."), field="password"
        )
    return user


@router.post(
    "/export",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "The archive (a zip file).",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def export(request: HttpRequest, payload: PasswordIn) -> HttpResponse:
    """Everything you own as a zip: versioned JSON plus readable Markdown. Not encrypted."""
    user = _reauthenticate(request, payload.password)
    response = zip_response(services.export_archive(user=user))
    record(kind="export", user_id=user.pk, request=request)
    return response


@router.delete("", response={204: None})
def delete_account(request: HttpRequest, payload: PasswordIn) -> Status[None]:
    """Delete the account, everything in it, and its data key. Cannot be undone."""
    user = _reauthenticate(request, payload.password)
    user_id = user.pk
    services.delete_account(user=user)
    record(kind="delete_account", user_id=user_id, request=request)
    if getattr(request, "session", None) is not None:
        logout(request)
    return Status(204, None)
