"""/api/v1/partner: pairing, shared exercises and trust-ledger confirmations.

Everything shared is reached through the caller's active couple only: someone who is not
in it (or no longer is) gets 404, exactly as for an id that does not exist. Making an
invite is a reconnection step (``reconnection_api``: 403 ``safety_lock`` or
``safety_check_required``); accepting, answering and confirming ask the same gate inside,
once the request is known to be well formed.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError, not_yours
from heartwork.couples import selectors, services
from heartwork.couples.models import NOTE_MAX_CHARS, Couple
from heartwork.couples.selectors import DepositRow, ExerciseState
from heartwork.couples.services import Blocked, PartnerError
from heartwork.privacy.reauth import LockedOut, password_ok
from heartwork.safety.gate import reconnection_api

router = Router(tags=["partner"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class InviteCreatedOut(Schema):
    # Shown this once: only a digest is stored.
    code: str
    url: str
    expires_at: datetime


class InviteOut(Schema):
    id: uuid.UUID
    created_at: datetime
    expires_at: datetime


class AcceptIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=64)


class UnpairIn(Schema):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=4096)


class PartnerOut(Schema):
    email: str


class StatusOut(Schema):
    paired: bool
    couple_id: uuid.UUID | None
    paired_at: datetime | None
    partner: PartnerOut | None
    invite: InviteOut | None


class QuestionOut(Schema):
    id: str
    text: str


class ExerciseOut(Schema):
    id: str
    title: str
    intro: str
    questions: list[QuestionOut]
    round: int
    me_answered: bool
    partner_answered: bool
    revealed: bool
    # Your own answers to this round; the partner's only once both are in.
    mine: dict[str, str] | None
    theirs: dict[str, str] | None


class AnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str | None] = Field(max_length=20)


class ConfirmationOut(Schema):
    verdict: str
    note: str | None
    updated_at: datetime


class DepositOut(Schema):
    entry_id: uuid.UUID
    kind: str
    day: date
    confirmation: ConfirmationOut | None


class ConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Checked by the service, after the entry is found: someone else's id is a 404 first.
    verdict: str | None = None
    note: str | None = Field(default=None, max_length=NOTE_MAX_CHARS * 2)


# -- helpers ---------------------------------------------------------------------------


def _error(exc: PartnerError) -> ApiError:
    message = f"{exc.field}: {exc.message}" if exc.field else exc.message
    return ApiError(exc.status, exc.code, message, field=exc.field)


def _blocked(exc: Blocked) -> ApiError:
    return ApiError(403, exc.block.code, exc.block.message)


def _couple(user: User) -> Couple:
    couple = selectors.active_couple_of(user)
    if couple is None:
        raise ApiError(404, "not_paired", _("You are not paired with anyone right now."))
    return couple


def _status(user: User) -> dict[str, Any]:
    couple = selectors.active_couple_of(user)
    invite = selectors.open_invite_of(user)
    return {
        "paired": couple is not None,
        "couple_id": couple.id if couple else None,
        "paired_at": couple.paired_at if couple else None,
        "partner": {"email": couple.other(user).email} if couple else None,
        "invite": invite,
    }


def _exercise(state: ExerciseState) -> dict[str, Any]:
    exercise = state.exercise
    return {
        "id": exercise.id,
        "title": str(exercise.title),
        "intro": str(exercise.intro),
        "questions": [{"id": q.id, "text": str(q.text)} for q in exercise.questions],
        "round": state.round,
        "me_answered": state.me_answered,
        "partner_answered": state.partner_answered,
        "revealed": state.revealed,
        "mine": state.mine,
        "theirs": state.theirs,
    }


def _state(user: User, exercise_id: str) -> ExerciseState:
    state = selectors.exercise_state(user, _couple(user), exercise_id)
    if state is None:
        raise ApiError(404, "not_found", _("There is no such shared exercise."))
    return state


def _deposit(row: DepositRow) -> dict[str, Any]:
    found = row.confirmation
    return {
        "entry_id": row.entry.id,
        "kind": row.entry.kind,
        "day": row.entry.day,
        "confirmation": None
        if found is None
        else {"verdict": found.verdict, "note": found.note, "updated_at": found.updated_at},
    }


# -- pairing ---------------------------------------------------------------------------


@router.get("/status", response=StatusOut)
def get_status(request: HttpRequest) -> dict[str, Any]:
    """Whether you are paired, with whom (their email), and your open invite if any."""
    return _status(acting_user(request))


@router.post("/invites", response={201: InviteCreatedOut})
@reconnection_api
def create_invite(request: HttpRequest) -> Status[dict[str, Any]]:
    """A one-time invite for your current partner, valid 7 days; an open one is revoked.

    Needs a partner's name on record (``/api/v1/partners``): 409 ``no_partner`` otherwise.
    """
    user = acting_user(request)
    try:
        invite, code = services.create_invite(user=user)
    except PartnerError as exc:
        raise _error(exc) from None
    except Blocked as exc:
        raise _blocked(exc) from None
    url = request.build_absolute_uri(reverse("couples:join", args=[code]))
    return Status(201, {"code": code, "url": url, "expires_at": invite.expires_at})


@router.get("/invites", response=list[InviteOut])
def list_invites(request: HttpRequest) -> list[Any]:
    """Your invite that can still be used: an empty list or one item (never the code)."""
    invite = selectors.open_invite_of(acting_user(request))
    return [invite] if invite is not None else []


@router.delete("/invites/{invite_id}", response={204: None})
def revoke_invite(request: HttpRequest, invite_id: str) -> Status[None]:
    """Revoke an invite so the code stops working. Used or expired ones stay as they are."""
    invite = selectors.invite_of(acting_user(request), invite_id)
    if invite is None:
        raise not_yours("invite_id", _("there is nothing with this id"))
    services.revoke_invite(invite=invite)
    return Status(204, None)


@router.post("/accept", response={201: StatusOut})
def accept(request: HttpRequest, payload: AcceptIn) -> Status[dict[str, Any]]:
    """Pair with the person whose invite code this is.

    404 ``invite_unusable`` for a code that is unknown, used, revoked or expired, or that
    cannot be used for any other reason; 409 ``own_invite`` or ``already_paired``.
    """
    user = acting_user(request)
    try:
        services.accept_invite(user=user, code=payload.code)
    except PartnerError as exc:
        raise _error(exc) from None
    except Blocked as exc:
        raise _blocked(exc) from None
    return Status(201, _status(user))


@router.post("/unpair", response=StatusOut)
def unpair(request: HttpRequest, payload: UnpairIn) -> dict[str, Any]:
    """End the pairing (your current password in ``password``). Always allowed.

    Wrong passwords count towards the same lock-out as logging in (429 ``locked_out``).

    What the two of you shared stays encrypted but out of both your sights.
    """
    user = acting_user(request)
    try:
        confirmed = password_ok(request, user, payload.password)
    except LockedOut:
        raise ApiError(429, "locked_out", _("Too many wrong passwords: try again later.")) from None
    if not confirmed:
        raise ApiError(
            403, "wrong_password", "password: that is not your password.", field="password"
        )
    _couple(user)
    services.unpair(user=user)
    return _status(user)


# -- shared exercises ------------------------------------------------------------------


@router.get("/exercises", response=list[ExerciseOut])
def list_exercises(request: HttpRequest) -> list[dict[str, Any]]:
    """Every shared exercise, with who has answered the latest round."""
    user = acting_user(request)
    return [_exercise(s) for s in selectors.exercise_states(user, _couple(user))]


@router.get("/exercises/{exercise_id}", response=ExerciseOut)
def get_exercise(request: HttpRequest, exercise_id: str) -> dict[str, Any]:
    return _exercise(_state(acting_user(request), exercise_id))


@router.post("/exercises/{exercise_id}/answers", response={201: ExerciseOut})
def answer_exercise(
    request: HttpRequest, exercise_id: str, payload: AnswersIn
) -> Status[dict[str, Any]]:
    """Your answers, by question id, each up to 3000 characters.

    Until your partner has answered, you may send them again to change them; after both
    have answered, sending answers starts a new round.
    """
    user = acting_user(request)
    couple = _couple(user)
    answers = {key: value or "" for key, value in payload.answers.items()}
    try:
        services.answer_exercise(user=user, couple=couple, exercise_id=exercise_id, answers=answers)
    except PartnerError as exc:
        raise _error(exc) from None
    except Blocked as exc:
        raise _blocked(exc) from None
    return Status(201, _exercise(_state(user, exercise_id)))


@router.get("/exercises/{exercise_id}/reveal", response=ExerciseOut)
def reveal(request: HttpRequest, exercise_id: str) -> dict[str, Any]:
    """Both answers to the latest round; 409 ``not_yet`` until both of you have answered."""
    state = _state(acting_user(request), exercise_id)
    if not state.revealed:
        raise ApiError(409, "not_yet", _("Both of you need to answer before the answers show."))
    return _exercise(state)


# -- trust-ledger confirmations --------------------------------------------------------


@router.get("/confirmations/deposits", response=list[DepositOut])
def partner_deposits(request: HttpRequest) -> list[dict[str, Any]]:
    """Your partner's deposits logged since you paired (kind and day, never a note)."""
    user = acting_user(request)
    return [_deposit(row) for row in selectors.deposits_to_confirm(user, _couple(user))]


@router.put("/confirmations/{entry_id}", response=DepositOut)
def confirm(request: HttpRequest, entry_id: str, payload: ConfirmIn) -> dict[str, Any]:
    """Confirm (``confirm``) or gently question (``question``) one of your partner's
    deposits, with an optional short note; sending again changes it."""
    user = acting_user(request)
    couple = _couple(user)
    entry = selectors.partner_deposit(user, couple, entry_id)
    if entry is None:
        raise not_yours("entry_id", _("there is nothing with this id"))
    try:
        found = services.confirm_deposit(
            user=user, couple=couple, entry=entry, verdict=payload.verdict or "", note=payload.note
        )
    except PartnerError as exc:
        raise _error(exc) from None
    except Blocked as exc:
        raise _blocked(exc) from None
    return _deposit(DepositRow(entry, found))


@router.get("/confirmations", response=list[DepositOut])
def my_confirmations(request: HttpRequest) -> list[dict[str, Any]]:
    """Your own deposits since you paired, with what your partner said about each."""
    user = acting_user(request)
    return [_deposit(row) for row in selectors.my_confirmed_deposits(user, _couple(user))]
