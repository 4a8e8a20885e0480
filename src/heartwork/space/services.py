"""Every write of the space tracker. Each checks its input and raises SpaceInputError naming
the field at fault, so the API and the pages refuse bad input the same way and nothing
already saved is touched.

Free text (an urge's trigger and what was done instead, what a slip taught, a letter) is
encrypted by its field and scanned by the safety net after saving, like a journal entry.
Nothing here ever sends anything to anyone: a letter is kept, never sent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.core.timezones import local_day
from heartwork.partners.selectors import current_partner
from heartwork.reminders.services import schedule_cooldown_end
from heartwork.safety.services import record_text
from heartwork.space.models import (
    HOW_LABELS,
    INSTEAD_MAX_CHARS,
    LEARNED_MAX_CHARS,
    LETTER_MAX_CHARS,
    PLANNED_DAYS_MAX,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGER_MAX_CHARS,
    Letter,
    Plan,
    Slip,
    SocialCheck,
    Urge,
)

# A phone's clock may run a little ahead of the server's: that is not "the future".
CLOCK_SLACK = timedelta(minutes=5)
# Older than this is a typo (and would make charts of decades of empty days).
OLDEST = timedelta(days=3660)


class SpaceInputError(ValueError):
    """Input that cannot be saved. ``field`` names it, ``message`` says why in plain words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# -- checks ----------------------------------------------------------------------------


def check_moment(field: str, at: datetime, now: datetime) -> datetime:
    if timezone.is_naive(at):
        raise SpaceInputError(field, _("Give a time with its time zone."))
    if at > now + CLOCK_SLACK:
        raise SpaceInputError(field, _("This is in the future. Pick a time that has passed."))
    if at < now - OLDEST:
        raise SpaceInputError(field, _("This is more than ten years ago."))
    # Stored and returned in UTC, whatever zone it came in: the same answer before and
    # after a reload.
    return at.astimezone(UTC)


def check_day(field: str, day: date, today: date, message: str) -> date:
    if day > today:
        raise SpaceInputError(field, message)
    if day < today - OLDEST:
        raise SpaceInputError(field, _("This is more than ten years ago."))
    return day


def check_text(field: str, text: str, limit: int, *, required: bool = False) -> str:
    if required and not text.strip():
        raise SpaceInputError(field, _("Write something first."))
    if len(text) > limit:
        raise SpaceInputError(
            field,
            _("Keep this to %(limit)s characters or fewer.") % {"limit": f"{limit:,}"},
        )
    return text


def check_strength(strength: int) -> int:
    if isinstance(strength, bool) or not isinstance(strength, int):
        raise SpaceInputError("strength", _("Choose a whole number from 1 to 10."))
    if not STRENGTH_MIN <= strength <= STRENGTH_MAX:
        raise SpaceInputError("strength", _("Choose a whole number from 1 to 10."))
    return strength


def check_how(how: str) -> str:
    if how not in HOW_LABELS:
        raise SpaceInputError("how", _("Pick one of the choices."))
    return how


def check_planned_days(days: int | None) -> int | None:
    if days is not None and (
        isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= PLANNED_DAYS_MAX
    ):
        raise SpaceInputError(
            "planned_days",
            _("Choose a number of days from 1 to %(most)d, or leave it empty for no end date.")
            % {"most": PLANNED_DAYS_MAX},
        )
    return days


@sensitive_variables("text")
def _scan(user: User, text: str, now: datetime) -> None:
    if text.strip():
        record_text(user=user, text=text, partner=current_partner(user), now=now)


# -- the cool-down ---------------------------------------------------------------------


def set_plan(
    *,
    user: User,
    started_on: date,
    planned_days: int | None,
    last_contact_on: date,
    now: datetime | None = None,
) -> Plan:
    """Start the cool-down, or change it (a longer length, a corrected date)."""
    now = now or timezone.now()
    today = local_day(now, zone_of(user))
    check_day(
        "started_on",
        started_on,
        today,
        _("Pick today or a day that has passed: the cool-down starts when you begin it."),
    )
    check_day(
        "last_contact_on",
        last_contact_on,
        today,
        _("This date is in the future. Pick the day you were last in touch."),
    )
    check_planned_days(planned_days)
    plan, _created = Plan.objects.update_or_create(
        user=user,
        defaults={
            "started_on": started_on,
            "planned_days": planned_days,
            "last_contact_on": last_contact_on,
        },
        create_defaults={
            "started_on": started_on,
            "planned_days": planned_days,
            "last_contact_on": last_contact_on,
            "created_at": now,
        },
    )
    ends_on = started_on + timedelta(days=planned_days) if planned_days else None
    schedule_cooldown_end(user=user, ends_on=ends_on, now=now)
    return plan


def clear_plan(*, user: User) -> bool:
    """Stop tracking the cool-down; urges, slips and letters stay. True if there was one."""
    deleted, _rows = Plan.objects.filter(user=user).delete()
    schedule_cooldown_end(user=user, ends_on=None)
    return deleted > 0


# -- urges -----------------------------------------------------------------------------


@sensitive_variables("trigger", "instead")
def log_urge(
    *,
    user: User,
    strength: int,
    trigger: str = "",
    instead: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> Urge:
    now = now or timezone.now()
    urge = Urge(
        user=user,
        at=check_moment("at", at or now, now),
        strength=check_strength(strength),
        trigger=check_text("trigger", trigger.strip(), TRIGGER_MAX_CHARS),
        instead=check_text("instead", instead.strip(), INSTEAD_MAX_CHARS),
        created_at=now,
    )
    urge.save(force_insert=True)
    _scan(user, f"{urge.trigger}\n{urge.instead}", now)
    return urge


@sensitive_variables("trigger", "instead")
def update_urge(
    *,
    urge: Urge,
    at: datetime | None = None,
    strength: int | None = None,
    trigger: str | None = None,
    instead: str | None = None,
    now: datetime | None = None,
) -> Urge:
    """Change what was given; None leaves a part as it was. Checks everything first."""
    now = now or timezone.now()
    changes: dict[str, object] = {}
    if at is not None:
        changes["at"] = check_moment("at", at, now)
    if strength is not None:
        changes["strength"] = check_strength(strength)
    if trigger is not None:
        changes["trigger"] = check_text("trigger", trigger.strip(), TRIGGER_MAX_CHARS)
    if instead is not None:
        changes["instead"] = check_text("instead", instead.strip(), INSTEAD_MAX_CHARS)
    if not changes:
        return urge
    for name, value in changes.items():
        setattr(urge, name, value)
    urge.save(update_fields=[*changes, "updated_at"])
    if trigger is not None or instead is not None:
        _scan(urge.user, f"{urge.trigger}\n{urge.instead}", now)
    return urge


def delete_urge(*, urge: Urge) -> None:
    urge.delete()


# -- slips -----------------------------------------------------------------------------


@sensitive_variables("learned")
def log_slip(
    *,
    user: User,
    how: str,
    learned: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> Slip:
    """Note a contact that was not planned. It adds a contact day; it erases nothing."""
    now = now or timezone.now()
    slip = Slip(
        user=user,
        at=check_moment("at", at or now, now),
        how=check_how(how),
        learned=check_text("learned", learned.strip(), LEARNED_MAX_CHARS),
        created_at=now,
    )
    slip.save(force_insert=True)
    _scan(user, slip.learned, now)
    return slip


@sensitive_variables("learned")
def update_slip(
    *,
    slip: Slip,
    at: datetime | None = None,
    how: str | None = None,
    learned: str | None = None,
    now: datetime | None = None,
) -> Slip:
    now = now or timezone.now()
    changes: dict[str, object] = {}
    if at is not None:
        changes["at"] = check_moment("at", at, now)
    if how is not None:
        changes["how"] = check_how(how)
    if learned is not None:
        changes["learned"] = check_text("learned", learned.strip(), LEARNED_MAX_CHARS)
    if not changes:
        return slip
    for name, value in changes.items():
        setattr(slip, name, value)
    slip.save(update_fields=[*changes, "updated_at"])
    if learned is not None:
        _scan(slip.user, slip.learned, now)
    return slip


def delete_slip(*, slip: Slip) -> None:
    slip.delete()


# -- social-media checks ---------------------------------------------------------------


def log_social_check(
    *, user: User, at: datetime | None = None, now: datetime | None = None
) -> SocialCheck:
    now = now or timezone.now()
    check = SocialCheck(user=user, at=check_moment("at", at or now, now), created_at=now)
    check.save(force_insert=True)
    return check


def delete_social_check(*, check: SocialCheck) -> None:
    check.delete()


# -- unsent letters --------------------------------------------------------------------


@sensitive_variables("body")
def write_letter(*, user: User, body: str, now: datetime | None = None) -> Letter:
    """Keep a letter. It is never sent: no code path here or anywhere sends it."""
    now = now or timezone.now()
    letter = Letter(
        user=user, body=check_text("body", body, LETTER_MAX_CHARS, required=True), created_at=now
    )
    letter.save(force_insert=True)
    _scan(user, body, now)
    return letter


@sensitive_variables("body")
def update_letter(*, letter: Letter, body: str, now: datetime | None = None) -> Letter:
    letter.body = check_text("body", body, LETTER_MAX_CHARS, required=True)
    letter.save(update_fields=["body", "updated_at"])
    _scan(letter.user, body, now or timezone.now())
    return letter


def delete_letter(*, letter: Letter) -> None:
    letter.delete()
