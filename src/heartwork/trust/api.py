"""/api/v1/trust: the trust ledger (entries), commitments and their follow-through, and the
numbers: the summary, steady weeks, and the ledger week by week.

The chart of the same numbers is /api/v1/charts/trust.svg (heartwork.charts_api). None of
these operations asks the safety gate: the ledger is the person's own record and reaches
nobody (docs/trackers.md, "The safety gate").
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError, not_yours
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.trust import selectors, services
from heartwork.trust.ledger import Consistency, WeekState
from heartwork.trust.models import Commitment, Entry
from heartwork.trust.services import TrustInputError

router = Router(tags=["trust"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class SummaryOut(Schema):
    balance: int
    deposits: int
    withdrawals: int
    # Deposits per withdrawal, 2 decimals; with no withdrawal yet, the number of deposits.
    ratio: float
    # Kept / (kept + not kept), from 0 to 1; null until a commitment is decided.
    follow_through_rate: float | None


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    direction: str
    kind: str
    # The local day it happened; today (where the person lives) when left out.
    day: date | None = None
    note: str | None = None


class EntryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    day: date | None = None
    note: str | None = None


class EntryOut(Schema):
    id: uuid.UUID
    direction: str
    kind: str
    day: date
    note: str | None
    # Set when the entry was made by marking this commitment kept or not kept.
    commitment_id: uuid.UUID | None
    created_at: datetime


class CommitmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str
    due: date


class CommitmentPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    due: date | None = None
    status: str | None = None
    # The day a kept or broken commitment goes in the ledger; see resolve_commitment.
    day: date | None = None


class CommitmentOut(Schema):
    id: uuid.UUID
    text: str
    due: date
    status: str
    # Still open after its due day.
    overdue: bool
    resolved_at: datetime | None
    created_at: datetime


class CommitmentFilter(Schema):
    status: str | None = None


class WeekOut(Schema):
    start: date
    deposits: int
    withdrawals: int
    kind: str


class ConsistencyOut(Schema):
    weeks: list[WeekOut]
    this_week: WeekOut
    steady: int
    counted: int
    run: int


class WeekPointOut(Schema):
    start: date
    deposits: int
    withdrawals: int
    balance: int
    ratio: float


class WeeksOut(Schema):
    weeks: list[WeekPointOut]


# -- helpers ---------------------------------------------------------------------------


def _invalid(exc: TrustInputError) -> ApiError:
    return ApiError(422, "invalid", f"{exc.field}: {exc.message}", field=exc.field)


def _own_entry(user: User, entry_id: str) -> Entry:
    # Someone else's id looks exactly like an id that does not exist.
    entry = selectors.entry_of(user, entry_id)
    if entry is None:
        raise not_yours("entry_id", _("there is nothing with this id"))
    return entry


def _own_commitment(user: User, commitment_id: str) -> Commitment:
    commitment = selectors.commitment_of(user, commitment_id)
    if commitment is None:
        raise not_yours("commitment_id", _("there is nothing with this id"))
    return commitment


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "direction": entry.direction,
        "kind": entry.kind,
        "day": entry.day,
        "note": entry.note,
        "commitment_id": entry.commitment_id,
        "created_at": entry.created_at,
    }


def _commitment(commitment: Commitment, today: date) -> dict[str, Any]:
    return {
        "id": commitment.id,
        "text": commitment.text,
        "due": commitment.due,
        "status": commitment.status,
        "overdue": commitment.status == "open" and commitment.due < today,
        "resolved_at": commitment.resolved_at,
        "created_at": commitment.created_at,
    }


def _week(week: WeekState) -> dict[str, Any]:
    return {
        "start": week.start,
        "deposits": week.deposits,
        "withdrawals": week.withdrawals,
        "kind": week.kind,
    }


def _consistency(found: Consistency) -> dict[str, Any]:
    return {
        "weeks": [_week(week) for week in found.weeks],
        "this_week": _week(found.this_week),
        "steady": found.steady,
        "counted": found.counted,
        "run": found.run,
    }


def _required(changes: dict[str, Any], *fields: str) -> None:
    for field in fields:
        if field in changes and changes[field] is None:
            raise ApiError(422, "invalid", f"{field}: this field cannot be null", field=field)


# -- the numbers -----------------------------------------------------------------------


@router.get("/summary", response=SummaryOut)
def get_summary(request: HttpRequest) -> dict[str, Any]:
    """The balance (deposits minus withdrawals), both counts, the ratio and follow-through."""
    found = selectors.summary(acting_user(request))
    rate = found.follow_through_rate
    return {
        "balance": found.balance,
        "deposits": found.deposits,
        "withdrawals": found.withdrawals,
        "ratio": round(found.ratio, 2),
        "follow_through_rate": None if rate is None else round(rate, 2),
    }


@router.get("/consistency", response=ConsistencyOut)
def get_consistency(request: HttpRequest) -> dict[str, Any]:
    """The recent complete weeks (steady, mixed, hard or quiet) and this week so far."""
    return _consistency(selectors.overview(acting_user(request)).consistency)


@router.get("/weeks", response=WeeksOut)
def get_weeks(request: HttpRequest) -> dict[str, Any]:
    """The ledger week by week, as drawn by /api/v1/charts/trust.svg."""
    weeks = selectors.overview(acting_user(request)).weeks
    return {
        "weeks": [
            {
                "start": point.start,
                "deposits": point.deposits,
                "withdrawals": point.withdrawals,
                "balance": point.balance,
                "ratio": round(point.window_ratio, 2),
            }
            for point in weeks
        ]
    }


# -- entries ---------------------------------------------------------------------------


@router.get("/entries", response=list[EntryOut])
@paginate(LimitOffsetPagination)
def list_entries(request: HttpRequest) -> object:
    """Newest day first."""
    # The queryset itself: only the page asked for is read and decrypted.
    return selectors.entries_of(acting_user(request))


@router.post("/entries", response={201: EntryOut})
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    """A deposit or a withdrawal; ``kind`` must be one offered for its direction."""
    try:
        entry = services.add_entry(
            user=acting_user(request),
            direction=payload.direction,
            kind=payload.kind,
            day=payload.day,
            note=payload.note,
        )
    except TrustInputError as exc:
        raise _invalid(exc) from None
    return Status(201, _entry(entry))


@router.get("/entries/{entry_id}", response=EntryOut)
def get_entry(request: HttpRequest, entry_id: str) -> dict[str, Any]:
    return _entry(_own_entry(acting_user(request), entry_id))


@router.patch("/entries/{entry_id}", response=EntryOut)
def patch_entry(request: HttpRequest, entry_id: str, payload: EntryPatch) -> dict[str, Any]:
    """Change the day or the note (null clears it); to change the kind, delete and add."""
    entry = _own_entry(acting_user(request), entry_id)
    changes = payload.model_dump(exclude_unset=True)
    _required(changes, "day")
    try:
        services.update_entry(
            entry=entry,
            day=changes.get("day", services.UNSET),
            note=changes.get("note", services.UNSET),
        )
    except TrustInputError as exc:
        raise _invalid(exc) from None
    return _entry(entry)


@router.delete("/entries/{entry_id}", response={204: None})
def delete_entry(request: HttpRequest, entry_id: str) -> Status[None]:
    services.delete_entry(entry=_own_entry(acting_user(request), entry_id))
    return Status(204, None)


# -- commitments -----------------------------------------------------------------------


@router.get("/commitments", response=list[CommitmentOut])
def list_commitments(
    request: HttpRequest, filters: Query[CommitmentFilter]
) -> list[dict[str, Any]]:
    """Soonest due first; ``?status=open`` (or kept, not_kept) for one kind only."""
    user = acting_user(request)
    if filters.status is not None:
        try:
            services.check_status(filters.status)
        except TrustInputError as exc:
            raise _invalid(exc) from None
    today = selectors.today_for(user)
    return [_commitment(c, today) for c in selectors.commitments_of(user, filters.status)]


@router.post("/commitments", response={201: CommitmentOut})
def create_commitment(request: HttpRequest, payload: CommitmentIn) -> Status[dict[str, Any]]:
    """A small promise with the day to look back on it; it starts open."""
    user = acting_user(request)
    try:
        commitment = services.add_commitment(user=user, text=payload.text, due=payload.due)
    except TrustInputError as exc:
        raise _invalid(exc) from None
    return Status(201, _commitment(commitment, selectors.today_for(user)))


@router.get("/commitments/{commitment_id}", response=CommitmentOut)
def get_commitment(request: HttpRequest, commitment_id: str) -> dict[str, Any]:
    user = acting_user(request)
    return _commitment(_own_commitment(user, commitment_id), selectors.today_for(user))


@router.patch("/commitments/{commitment_id}", response=CommitmentOut)
def patch_commitment(
    request: HttpRequest, commitment_id: str, payload: CommitmentPatch
) -> dict[str, Any]:
    """Change the words or the due day, and/or record the follow-through: ``status`` kept
    or not_kept adds its ledger entry (on ``day``), open removes it."""
    user = acting_user(request)
    commitment = _own_commitment(user, commitment_id)
    changes = payload.model_dump(exclude_unset=True)
    _required(changes, "text", "due", "status")
    if "day" in changes and "status" not in changes:
        raise ApiError(422, "invalid", _("day: send it with a status"), field="day")
    try:
        services.update_commitment(
            commitment=commitment,
            text=changes.get("text", services.UNSET),
            due=changes.get("due", services.UNSET),
            status=changes.get("status", services.UNSET),
            day=changes.get("day"),
        )
    except TrustInputError as exc:
        raise _invalid(exc) from None
    return _commitment(commitment, selectors.today_for(user))


@router.delete("/commitments/{commitment_id}", response={204: None})
def delete_commitment(request: HttpRequest, commitment_id: str) -> Status[None]:
    """The commitment, and the ledger entry its follow-through made."""
    services.delete_commitment(commitment=_own_commitment(acting_user(request), commitment_id))
    return Status(204, None)
