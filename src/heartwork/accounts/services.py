"""Every write to accounts and tokens happens here."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork import languages
from heartwork.accounts.models import ApiToken, User
from heartwork.core.keys import create_data_key
from heartwork.core.timezones import is_zone
from heartwork.safety.resources import ALIASES, load_table

TOKEN_PREFIX = "hw_"  # noqa: S105 (a marker, not a secret)
TOKEN_LIFETIME = timedelta(days=90)
# Writing last_used_at on every request would turn each read into a write.
TOKEN_TOUCH_EVERY = timedelta(minutes=5)


class EmailTaken(Exception):
    """Someone already signed up with this email."""


class CountryNotListed(ValueError):
    """Not two letters, or a country the help-line table does not list."""


class UnknownLanguage(ValueError):
    """Not one of the languages Heartwork speaks (heartwork.languages)."""


class UnknownTimeZone(ValueError):
    """Not a time zone name this machine knows ("Europe/Dublin", "America/Chicago")."""


def normalize_email(email: str) -> str:
    # People type their address in any case; treating it as one account avoids
    # "duplicate" accounts and lockouts that only differ by capitals.
    return email.strip().lower()


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def create_account(*, email: str, password: str | None, **extra: Any) -> User:
    """Create a user with their own data key. The caller has validated the password."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise EmailTaken(email)
    user = User(email=email, data_key=create_data_key(), **extra)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as exc:  # a concurrent sign-up won the race
        raise EmailTaken(email) from exc
    return user


def change_password(*, user: User, new_password: str) -> None:
    """Set a new password and revoke every API token: a changed password means a fresh start."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    revoke_all_tokens(user=user)


def set_discreet_mode(*, user: User, on: bool) -> None:
    """Turn discreet mode on or off: neutral page titles and header (heartwork.web.discreet)."""
    user.discreet_mode = on
    user.save(update_fields=["discreet_mode"])


def set_country(*, user: User, country: str) -> str:
    """Save whose help lines to show: a country in the help-line table, or blank for the
    international list. Any case; "UK" means GB. Returns the code saved."""
    code = country.strip().upper()
    code = ALIASES.get(code, code)
    if code and (len(code) != 2 or not code.isascii() or not code.isalpha()):
        raise CountryNotListed(country)
    if code and code not in load_table().countries:
        raise CountryNotListed(country)
    user.country = code
    user.save(update_fields=["country"])
    return code


def issue_token(*, user: User, label: str = "") -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        digest=token_digest(raw),
        prefix=raw[:10],
        label=label.strip()[:60],
        expires_at=timezone.now() + TOKEN_LIFETIME,
    )
    return token, raw


def touch_token(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke_token(*, user: User, token_id: uuid.UUID) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def revoke_all_tokens(*, user: User) -> int:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def set_time_zone(*, user: User, name: str) -> str:
    """Save the person's time zone (an IANA name), or blank for the server's default."""
    name = name.strip()
    if name and not is_zone(name):
        raise UnknownTimeZone(name)
    user.time_zone = name
    user.save(update_fields=["time_zone"])
    return name


def set_language(*, user: User, code: str) -> str:
    """Save the language the person reads Heartwork in: one of heartwork.languages.CODES."""
    code = code.strip().lower()
    if code not in languages.CODES:
        raise UnknownLanguage(code)
    user.language = code
    user.save(update_fields=["language"])
    return code
