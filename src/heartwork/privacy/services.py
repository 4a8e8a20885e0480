"""Every write of "your data": building an export, importing one, deleting an account.

Export and delete are the person's own acts; the views and the API check their password
first (re-authentication), the CLI trusts whoever runs the instance.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from heartwork.accounts.models import User
from heartwork.accounts.services import create_account, normalize_email
from heartwork.core.models import DataKey
from heartwork.privacy import archive
from heartwork.privacy.archive import MalformedArchive
from heartwork.privacy.sections import by_name, registry
from heartwork.privacy.selectors import owns_rows, sections_of


class ImportRefused(ValueError):
    """The archive is fine but this instance will not take it (one line, for the CLI)."""


@dataclass(frozen=True)
class Export:
    content: bytes
    # Neutral on purpose (SAFETY.md, never 8): a download list or a shared folder shows it.
    filename: str


def export_archive(*, user: User, now: datetime | None = None) -> Export:
    """Everything ``user`` owns as a zip (heartwork.privacy.archive). Plain text inside."""
    exported_at = (now or timezone.now()).astimezone(UTC)
    titles = {section.name: str(section.title) for section in registry()}
    content = archive.build(sections_of(user), titles, exported_at)
    return Export(content=content, filename=f"export-{exported_at:%Y-%m-%d}.zip")


@dataclass(frozen=True)
class Imported:
    user: User
    created: bool


def import_archive(*, email: str, blob: bytes) -> Imported:
    """Restore an archive into a new account (made with no usable password) or into an
    existing one that holds nothing yet. All or nothing: a refused archive leaves no row.

    Raises MalformedArchive (or its ArchiveError) and ImportRefused, each with one line.
    """
    doc = archive.read(blob)
    known = by_name()
    unknown = sorted(set(doc["sections"]) - set(known))
    if unknown:
        raise MalformedArchive(f"sections this instance does not know: {', '.join(unknown)}")
    try:
        with transaction.atomic():
            user, created = _target(email, doc["sections"].get("account"))
            for section in registry():
                if section.name in doc["sections"]:
                    section.restore(user, doc["sections"][section.name])
    except DatabaseError:
        # Duplicate ids or a value out of the column's range, found by the database itself.
        raise ImportRefused("the database refused some rows of the archive") from None
    return Imported(user=user, created=created)


def _target(email: str, account: object) -> tuple[User, bool]:
    email = normalize_email(email)
    user = User.objects.select_related("data_key").filter(email=email).first()
    if user is not None:
        if owns_rows(user):
            raise ImportRefused(
                f"the account {email} already holds data; import into a new or empty account"
            )
        return user, False
    try:
        validate_email(email)
    except ValidationError:
        raise ImportRefused(f"{email!r} is not a valid email address") from None
    extra: dict[str, object] = {}
    if isinstance(account, dict):
        # The same account id and join date as before, so a move loses nothing.
        old_id = _uuid(account.get("id"))
        if old_id is not None and not User.objects.filter(pk=old_id).exists():
            extra["id"] = old_id
        joined = parse_datetime(str(account.get("date_joined", "")))
        if joined is not None and joined.tzinfo is not None:
            extra["date_joined"] = joined
    return create_account(email=email, password=None, **extra), True


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Delete every row ``user`` owns, then their data key: every value ever encrypted
    for them, in this database and in every old backup of it, can no longer be read."""
    for section in registry():
        if section.delete is not None:
            section.delete(user)
    data_key_id, user_id, email = user.data_key_id, user.pk, user.email
    user.delete()  # every row with a CASCADE foreign key to the user goes with it
    DataKey.objects.filter(pk=data_key_id).delete()
    _forget_sessions(user_id)
    _forget_failed_logins(email)


def _forget_sessions(user_id: object) -> None:
    # Database sessions hold the account id; after deletion they would be dead rows
    # still naming the person. Cookie-based sessions hold nothing on the server.
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return
    from django.contrib.sessions.models import Session

    dead = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    ]
    Session.objects.filter(pk__in=dead).delete()


def _forget_failed_logins(email: str) -> None:
    # django-axes keeps failed log-ins by email; they name the person too.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=email).delete()
