"""Reads of partner mode. Every function takes the acting user.

A shared item is reachable only through the acting user's *active* couple: after an
unpairing, or for anyone outside the couple, these return nothing, and the pages and the
API answer 404. Nothing here ever reads the other person's private apps (journal, urges,
drafts, checks): the one exception is the kind and day of trust-ledger deposits, which
partner mode shares on purpose (docs/partner-mode.md).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.couples.exercises import EXERCISES, SharedExercise, shared_exercise
from heartwork.couples.models import Confirmation, Couple, Invite, SharedAnswer
from heartwork.trust.models import DEPOSIT, Entry


def active_couple_of(user: User) -> Couple | None:
    """The one couple the user is actively paired in, else None."""
    return (
        Couple.objects.filter(Q(user_a=user) | Q(user_b=user), ended_at__isnull=True)
        .select_related("user_a", "user_b", "data_key")
        .first()
    )


def open_invite_of(user: User, now: datetime | None = None) -> Invite | None:
    """The user's invite that can still be used (at most one)."""
    return (
        Invite.objects.filter(
            inviter=user,
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def invite_of(user: User, invite_id: uuid.UUID | str) -> Invite | None:
    try:
        key = uuid.UUID(str(invite_id))
    except ValueError:
        return None
    return Invite.objects.filter(inviter=user, pk=key).first()


# -- shared exercises ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseState:
    exercise: SharedExercise
    # The latest round (1 before anyone answered).
    round: int
    mine: dict[str, str] | None
    # The partner's answers, only once both are in; otherwise None.
    theirs: dict[str, str] | None
    partner_answered: bool

    @property
    def me_answered(self) -> bool:
        return self.mine is not None

    @property
    def revealed(self) -> bool:
        return self.theirs is not None


def _answers(row: SharedAnswer) -> dict[str, str]:
    loaded = json.loads(row.answers)
    return {str(key): str(value) for key, value in loaded.items()}


def _state(user: User, exercise: SharedExercise, rows: list[SharedAnswer]) -> ExerciseState:
    """The state of the latest round, from this exercise's rows (newest round first)."""
    if not rows:
        return ExerciseState(exercise, 1, None, None, partner_answered=False)
    latest = rows[0].round
    in_round = [row for row in rows if row.round == latest]
    mine = next((row for row in in_round if row.user_id == user.pk), None)
    theirs = next((row for row in in_round if row.user_id != user.pk), None)
    both = mine is not None and theirs is not None
    return ExerciseState(
        exercise,
        latest,
        _answers(mine) if mine is not None else None,
        # Decrypted only when both are in: before that, nothing of theirs is read.
        _answers(theirs) if both and theirs is not None else None,
        partner_answered=theirs is not None,
    )


def _rows(couple: Couple, exercise_ids: list[str]) -> QuerySet[SharedAnswer]:
    return (
        SharedAnswer.objects.filter(couple=couple, exercise__in=exercise_ids)
        .select_related("couple__data_key")
        .order_by("exercise", "-round", "created_at")
    )


def exercise_states(user: User, couple: Couple) -> list[ExerciseState]:
    """Every shared exercise with where the two of you are in it; one query."""
    if not couple.has_member(user) or not couple.is_active:
        return []
    by_id: dict[str, list[SharedAnswer]] = {exercise.id: [] for exercise in EXERCISES}
    for row in _rows(couple, list(by_id)):
        by_id[row.exercise].append(row)
    return [_state(user, exercise, by_id[exercise.id]) for exercise in EXERCISES]


def exercise_state(user: User, couple: Couple, exercise_id: str) -> ExerciseState | None:
    exercise = shared_exercise(exercise_id)
    if exercise is None or not couple.has_member(user) or not couple.is_active:
        return None
    return _state(user, exercise, list(_rows(couple, [exercise.id])))


def my_answers(user: User) -> QuerySet[SharedAnswer]:
    """Everything the user wrote in any couple, for their own export."""
    return SharedAnswer.objects.filter(user=user).select_related("couple__data_key")


# -- trust-ledger confirmations ----------------------------------------------------------------


@dataclass(frozen=True)
class DepositRow:
    entry: Entry
    confirmation: Confirmation | None


def _shared_deposits(owner: User, couple: Couple) -> QuerySet[Entry]:
    # Only deposits logged while this couple was paired: never what came before it.
    # .only(): the note stays unread, since it is not shared.
    return (
        Entry.objects.filter(user=owner, direction=DEPOSIT, created_at__gte=couple.paired_at)
        .only("id", "user_id", "direction", "kind", "day", "created_at")
        .order_by("-day", "-created_at", "-id")
    )


def _with_confirmations(couple: Couple, entries: list[Entry]) -> list[DepositRow]:
    found = {
        row.entry_id: row
        for row in Confirmation.objects.filter(
            couple=couple, entry__in=[entry.pk for entry in entries]
        ).select_related("couple__data_key")
    }
    return [DepositRow(entry, found.get(entry.pk)) for entry in entries]


def deposits_to_confirm(user: User, couple: Couple, limit: int = 60) -> list[DepositRow]:
    """The partner's deposits the user may confirm or question (kind and day only)."""
    if not couple.has_member(user) or not couple.is_active:
        return []
    entries = list(_shared_deposits(couple.other(user), couple)[:limit])
    return _with_confirmations(couple, entries)


def partner_deposit(user: User, couple: Couple, entry_id: uuid.UUID | str) -> Entry | None:
    """One of the partner's shared deposits, or None (also for anyone else's entry)."""
    if not couple.has_member(user) or not couple.is_active:
        return None
    try:
        key = uuid.UUID(str(entry_id))
    except ValueError:
        return None
    return _shared_deposits(couple.other(user), couple).filter(pk=key).first()


def my_confirmed_deposits(user: User, couple: Couple, limit: int = 60) -> list[DepositRow]:
    """The user's own deposits in this couple, with what the partner said about each."""
    if not couple.has_member(user) or not couple.is_active:
        return []
    return _with_confirmations(couple, list(_shared_deposits(user, couple)[:limit]))
