"""/api/v1/auth: sign up, get a token, log out, who am I."""

import uuid
from datetime import datetime

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from heartwork import languages
from heartwork.accounts import services
from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.language import activate_for, browser_language
from heartwork.accounts.lockout import LOCKED_OUT_MESSAGE, clear_failures
from heartwork.accounts.models import User
from heartwork.audit.services import record
from heartwork.core.errors import ApiError
from heartwork.core.ratelimit import rate_limit

router = Router(tags=["auth"])


class Credentials(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class SignupRequest(Credentials):
    # Left out: the browser's language (Accept-Language) when Heartwork speaks it, else en.
    language: str | None = Field(default=None, max_length=8)


class TokenRequest(Credentials):
    label: str = Field(default="", max_length=60)


class AccountOut(Schema):
    id: uuid.UUID
    email: str
    # IANA name, or "" for the server's default (settings.TIME_ZONE).
    time_zone: str
    # What pages, content and API messages are in: one of heartwork.languages.CODES.
    language: str


class AccountChange(Schema):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    time_zone: str | None = Field(default=None, max_length=64)
    language: str | None = Field(default=None, max_length=8)


class TokenOut(Schema):
    token: str
    expires_at: datetime


@router.post("/signup", auth=None, response={201: AccountOut})
@rate_limit("signup")
def signup(request: HttpRequest, payload: SignupRequest) -> Status[User]:
    email = services.normalize_email(payload.email)
    language = _language(payload.language) if payload.language else browser_language(request)
    try:
        validate_email(email)
    except DjangoValidationError as exc:
        raise ApiError(422, "invalid", _("Enter a valid email address."), field="email") from exc
    try:
        validate_password(payload.password, User(email=email))
    except DjangoValidationError as exc:
        raise ApiError(422, "invalid", " ".join(exc.messages), field="password") from exc
    try:
        user = services.create_account(email=email, password=payload.password, language=language)
    except services.EmailTaken as exc:
        raise ApiError(
            409, "email_taken", _("An account with this email already exists."), field="email"
        ) from exc
    activate_for(user)
    return Status(201, user)


def _language(code: str) -> str:
    if code not in languages.CODES:
        raise ApiError(
            422,
            "invalid",
            "language: " + _("use one of %(codes)s") % {"codes": ", ".join(languages.CODES)},
            field="language",
        )
    return code


def _locked_out() -> ApiError:
    return ApiError(429, "locked_out", str(LOCKED_OUT_MESSAGE))


@router.post("/token", auth=None, response={200: TokenOut})
@rate_limit("login")
@rate_limit("token")
def token(request: HttpRequest, payload: TokenRequest) -> dict[str, object]:
    email = services.normalize_email(payload.email)
    # django-axes' backend refuses a locked-out pair before the password is checked.
    user = authenticate(request, username=email, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise _locked_out()
    if not isinstance(user, User):
        raise ApiError(401, "invalid_credentials", _("The email or password is not right."))
    clear_failures(request, email)
    api_token, raw = services.issue_token(user=user, label=payload.label)
    # A password traded for a token is a log-in, though no session starts (no signal).
    record(kind="login", user_id=user.pk, request=request)
    return {"token": raw, "expires_at": api_token.expires_at}


@router.delete("/token", auth=API_AUTH, response={204: None})
def revoke_current_token(request: HttpRequest) -> Status[None]:
    """Log this client out: the bearer token used for this call stops working."""
    user = acting_user(request)
    current = getattr(request, "api_token", None)
    if current is None:
        raise ApiError(400, "no_token", _("This call was not made with a bearer token."))
    services.revoke_token(user=user, token_id=current.pk)
    record(kind="logout", user_id=user.pk, request=request)
    return Status(204, None)


@router.get("/me", auth=API_AUTH, response=AccountOut)
def me(request: HttpRequest) -> User:
    return acting_user(request)


@router.patch("/me", auth=API_AUTH, response=AccountOut)
def change_me(request: HttpRequest, payload: AccountChange) -> User:
    """Change account settings: the time zone ("" for the server's default) and the
    language; only the fields sent change, and nothing changes when one is refused."""
    user = acting_user(request)
    if payload.time_zone is None and payload.language is None:
        raise ApiError(422, "invalid", _("Send time_zone, language or both."), field="time_zone")
    language = _language(payload.language) if payload.language is not None else None
    if payload.time_zone is not None:
        try:
            services.set_time_zone(user=user, name=payload.time_zone)
        except services.UnknownTimeZone as exc:
            raise ApiError(
                422,
                "invalid",
                "time_zone: " + _("unknown time zone; use a name such as Europe/Dublin"),
                field="time_zone",
            ) from exc
    if language is not None:
        services.set_language(user=user, code=language)
        activate_for(user)  # this answer is in the new language already
    return user
