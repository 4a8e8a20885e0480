"""/api/v1/safety: scan a text for danger signals. Nothing is stored."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict, field_validator

from heartwork.accounts.auth import API_AUTH
from heartwork.safety.report import scan_report
from heartwork.safety.scanner import MAX_CHARS

router = Router(tags=["safety"], auth=API_AUTH)


class ScanIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_CHARS)
    country: str | None = Field(default=None, min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value


@router.post("/scan")
def scan_text(request: HttpRequest, payload: ScanIn) -> dict[str, Any]:
    """The level, signals, an optional question and help lines for the country."""
    return scan_report(payload.text, payload.country)
