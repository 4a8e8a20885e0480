"""Every write of partner mode: invites, pairing and unpairing, shared answers, confirmations.

The safety rules (SAFETY.md, docs/partner-mode.md):

- Making an invite is a reconnection step: it asks heartwork.safety.gate like the coach
  does, so a red (or higher) level for that partner, or a safety check not yet answered,
  stops it.
- Accepting checks again, on both sides: the inviter's level for the partner they named
  (it may have risen since) and the acceptor's own gate. When the inviter's side is the
  reason, the acceptor hears only that the invite cannot be used: the reason must not leak
  a disclosure.
- Writing in a shared space asks the writer's own gate. It never asks about the other
  person: their state stays theirs, and each side only ever sees what the other did.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.accounts.services import token_digest
from heartwork.audit.services import record
from heartwork.core.keys import create_data_key
from heartwork.couples import selectors
from heartwork.couples.exercises import shared_exercise
from heartwork.couples.models import (
    ANSWER_MAX_CHARS,
    NOTE_MAX_CHARS,
    VERDICTS,
    Confirmation,
    Couple,
    Invite,
    SharedAnswer,
)
from heartwork.partners.selectors import current_partner
from heartwork.safety import standing as rules
from heartwork.safety.gate import Block, reconnection_block
from heartwork.safety.selectors import pair_level
from heartwork.safety.services import record_text
from heartwork.trust.models import Entry

INVITE_LIFETIME = timedelta(days=7)
# No 0/O, 1/I/L: a code read aloud or copied from paper comes out right.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, GROUP_LENGTH = 4, 4  # 16 characters, about 79 bits


class PartnerError(ValueError):
    """A step that cannot happen; ``code`` is the API's error code, ``field`` the input at
    fault. ``message`` is for people, without the field's name (the API prefixes it)."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message, self.field = status, code, message, field


class Blocked(Exception):
    """The acting person's own safety gate stops this step."""

    def __init__(self, block: Block) -> None:
        super().__init__(block.code)
        self.block = block


def _audit(kind: str, user: User) -> None:
    # Only the kind and the account id: never who the partner is or what was shared.
    record(kind=kind, user_id=user.pk)


def _gate(user: User) -> None:
    block = reconnection_block(user)
    if block is not None:
        raise Blocked(block)


def normalize_code(code: str) -> str:
    """What was typed, without spaces, dashes or case: "abcd-efgh ..." -> "ABCDEFGH..."."""
    return "".join(char for char in code.upper() if char.isalnum())


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def _not_paired_yet(user: User) -> None:
    if selectors.active_couple_of(user) is not None:
        raise PartnerError(
            409, "already_paired", _("You are already paired. Unpair first to pair again.")
        )


# -- invites -------------------------------------------------------------------------------


def create_invite(*, user: User, now: datetime | None = None) -> tuple[Invite, str]:
    """A new one-time invite for the user's current partner; the code is returned only here.

    An earlier invite still open is revoked: one at a time.
    """
    now = now or timezone.now()
    partner = current_partner(user)
    if partner is None:
        raise PartnerError(
            409, "no_partner", _("Add your partner's name first, then make the invite.")
        )
    _not_paired_yet(user)
    _gate(user)
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_GROUPS * GROUP_LENGTH))
    with transaction.atomic():
        Invite.objects.filter(inviter=user, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        invite = Invite(
            inviter=user,
            partner=partner,
            digest=token_digest(raw),
            created_at=now,
            expires_at=now + INVITE_LIFETIME,
        )
        invite.save(force_insert=True)
    _audit("invite_created", user)
    return invite, format_code(raw)


def revoke_invite(*, invite: Invite, now: datetime | None = None) -> Invite:
    if invite.revoked_at is None and invite.used_at is None:
        invite.revoked_at = now or timezone.now()
        invite.save(update_fields=["revoked_at"])
        _audit("invite_revoked", invite.inviter)
    return invite


def _unusable() -> PartnerError:
    # The same words whatever the reason (unknown, used, expired, revoked, or the
    # inviter's safety level): the acceptor must not learn which.
    return PartnerError(
        404,
        "invite_unusable",
        _("This invite cannot be used. Ask for a new one if you both still want to pair."),
        field="code",
    )


def _usable_invite(user: User, code: str, now: datetime) -> Invite:
    """The invite behind ``code``, locked for update, if ``user`` may accept it now."""
    raw = normalize_code(code)
    if not raw:
        raise PartnerError(422, "invalid", _("Type the invite code."), field="code")
    invite = (
        Invite.objects.select_for_update()
        .select_related("inviter", "partner")
        .filter(digest=token_digest(raw))
        .first()
    )
    if invite is None or not invite.is_open(now):
        raise _unusable()
    if invite.inviter_id == user.pk:
        raise PartnerError(
            409, "own_invite", _("This is your own invite: send it to your partner."), "code"
        )
    if (
        invite.partner.ended_at is not None
        or rules.at_least(pair_level(invite.inviter, invite.partner), "red")
        or selectors.active_couple_of(invite.inviter) is not None
    ):
        raise _unusable()
    return invite


@sensitive_variables("code")
def accept_invite(*, user: User, code: str, now: datetime | None = None) -> Couple:
    """Pair ``user`` with the invite's maker: a new couple with its own data key."""
    now = now or timezone.now()
    with transaction.atomic():
        invite = _usable_invite(user, code, now)
        _not_paired_yet(user)
        _gate(user)
        couple = Couple(
            user_a=invite.inviter, user_b=user, data_key=create_data_key(), paired_at=now
        )
        couple.save(force_insert=True)
        invite.used_at = now
        invite.save(update_fields=["used_at"])
        # Any other invite either of them still had open is of no use now.
        Invite.objects.filter(
            inviter__in=(invite.inviter, user), used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
    _audit("pair", user)
    return couple


def unpair(*, user: User, now: datetime | None = None) -> Couple | None:
    """End the user's active couple. Shared items stay stored but out of both people's sight."""
    couple = selectors.active_couple_of(user)
    if couple is not None:
        couple.ended_at = now or timezone.now()
        couple.save(update_fields=["ended_at"])
        _audit("unpair", user)
    return couple


# -- shared exercises ----------------------------------------------------------------------


@sensitive_variables("answers", "cleaned")
def _clean_answers(exercise_id: str, answers: dict[str, str]) -> dict[str, str]:
    exercise = shared_exercise(exercise_id)
    if exercise is None:
        raise PartnerError(404, "not_found", _("There is no such shared exercise."))
    known = {question.id for question in exercise.questions}
    for key in answers:
        if key not in known:
            raise PartnerError(
                422, "invalid", _("There is no such question in this exercise."), f"answers.{key}"
            )
    cleaned = {key: str(answers.get(key) or "").strip() for key in known}
    for key, text in cleaned.items():
        if len(text) > ANSWER_MAX_CHARS:
            message = _("Keep each answer under %(max)d characters.") % {"max": ANSWER_MAX_CHARS}
            raise PartnerError(422, "invalid", message, f"answers.{key}")
    if not any(cleaned.values()):
        raise PartnerError(422, "invalid", _("Write at least one answer."), "answers")
    return {question.id: cleaned[question.id] for question in exercise.questions}


@sensitive_variables("answers", "cleaned")
def answer_exercise(
    *,
    user: User,
    couple: Couple,
    exercise_id: str,
    answers: dict[str, str],
    now: datetime | None = None,
) -> SharedAnswer:
    """Save the user's answers to the latest round, or start a new round after a reveal.

    Until the partner has answered too, the user may change their answers; once both are
    in, the round is closed and answering again starts the next one.
    """
    now = now or timezone.now()
    cleaned = _clean_answers(exercise_id, answers)
    if not couple.is_active or not couple.has_member(user):
        raise PartnerError(404, "not_paired", _("You are not paired."))
    _gate(user)
    with transaction.atomic():
        Couple.objects.select_for_update().filter(pk=couple.pk).first()  # one writer at a time
        state = selectors.exercise_state(user, couple, exercise_id)
        assert state is not None  # the exercise and the membership were checked above
        round_ = state.round + 1 if state.me_answered and state.partner_answered else state.round
        row = SharedAnswer.objects.filter(
            couple=couple, user=user, exercise=exercise_id, round=round_
        ).first()
        if row is None:
            row = SharedAnswer(couple=couple, user=user, exercise=exercise_id, round=round_)
            row.created_at = now
        row.answers = json.dumps(cleaned, ensure_ascii=False)
        row.updated_at = now
        row.save()
    # A finding stays on the writer's own standing: nothing of it reaches the partner.
    partner = current_partner(user)
    for text in cleaned.values():
        if text:
            record_text(user=user, text=text, partner=partner, now=now)
    return row


# -- trust-ledger confirmations ----------------------------------------------------------------


@sensitive_variables("note", "cleaned")
def confirm_deposit(
    *,
    user: User,
    couple: Couple,
    entry: Entry,
    verdict: str,
    note: str | None = None,
    now: datetime | None = None,
) -> Confirmation:
    """Confirm, or gently question, a deposit the partner logged; saying it again changes it."""
    now = now or timezone.now()
    if verdict not in VERDICTS:
        raise PartnerError(422, "invalid", _("Choose confirm or question."), "verdict")
    cleaned = (note or "").strip() or None
    if cleaned is not None and len(cleaned) > NOTE_MAX_CHARS:
        message = _("Keep the note under %(max)d characters.") % {"max": NOTE_MAX_CHARS}
        raise PartnerError(422, "invalid", message, "note")
    if selectors.partner_deposit(user, couple, entry.pk) is None:
        raise PartnerError(404, "not_found", _("Nothing here."))
    _gate(user)
    row = Confirmation.objects.filter(couple=couple, entry=entry).first()
    if row is None:
        row = Confirmation(couple=couple, entry=entry, confirmer=user, created_at=now)
    row.verdict, row.note, row.updated_at = verdict, cleaned, now
    row.save()
    if cleaned:
        record_text(user=user, text=cleaned, partner=current_partner(user), now=now)
    return row
