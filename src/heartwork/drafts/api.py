"""/api/v1/coach: analyse a draft (nothing stored), and the drafts a person chose to save."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal, get_args

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, field_validator

from heartwork import coach
from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.core.errors import ApiError
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.core.ratelimit import rate_limit
from heartwork.drafts import selectors, services
from heartwork.drafts.models import TEXT_MAX_CHARS, Draft
from heartwork.safety.gate import reconnection_api

router = Router(tags=["coach"], auth=API_AUTH)

DraftKind = Literal["apology", "reach_out", "conflict_reply"]
assert set(get_args(DraftKind)) == set(coach.KINDS), "DraftKind must list the coach's KINDS"


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("the draft needs some text")
    return value


def _iso_text(value: object) -> object:
    # pydantic would also take a number of seconds; only ISO 8601 text is documented.
    if value is not None and not isinstance(value, str | datetime):
        raise ValueError("use an ISO 8601 date and time, such as 2025-03-01T23:30:00+01:00")
    return value


class AnalyzeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Length and kind are checked by the coach itself, so the API and the CLI say the same.
    text: str
    kind: str = "auto"
    sent_at: datetime | None = None

    _check_sent_at = field_validator("sent_at", mode="before")(_iso_text)


class _Open(Schema):
    # The coach's JSON is passed through whole: fields it adds later are not dropped.
    model_config = ConfigDict(extra="allow")


class FindingOut(_Open):
    rule: str
    label: str
    severity: str
    span: list[int]
    text: str
    why: str
    rewrite: str


class StrengthOut(_Open):
    component: str
    span: list[int]
    text: str
    why: str


class SuggestionOut(_Open):
    component: str
    message: str


class SafetyCueOut(_Open):
    family: str
    span: list[int]
    text: str


class SafetyOut(_Open):
    cues: list[SafetyCueOut]
    message: str


class StatsOut(_Open):
    words: int
    sentences: int


class AnalysisOut(_Open):
    kind: str
    kind_source: str
    verdict: str
    summary: str
    labels: list[str]
    findings: list[FindingOut]
    strengths: list[StrengthOut]
    suggestions: list[SuggestionOut]
    safety: SafetyOut | None
    stats: StatsOut


class DraftIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=TEXT_MAX_CHARS)
    kind: DraftKind

    _check_text = field_validator("text")(_not_blank)


class DraftPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=TEXT_MAX_CHARS)
    kind: DraftKind | None = None

    @field_validator("text")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("the draft needs some text")
        return _not_blank(value)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError(f"use one of: {', '.join(coach.KINDS)}")
        return value


class DraftOut(Schema):
    id: uuid.UUID
    kind: str
    text: str
    created_at: datetime
    updated_at: datetime


@router.post("/analyze", response=AnalysisOut)
@rate_limit("coach", per="user")
@reconnection_api
def analyze(request: HttpRequest, payload: AnalyzeIn) -> dict[str, Any]:
    """Analyse a draft. Nothing is stored and the text is never logged."""
    acting_user(request)
    try:
        analysis = coach.analyze(payload.text, kind=payload.kind, sent_at=payload.sent_at)
    except coach.CoachInputError as exc:
        field = "kind" if payload.kind not in coach.KIND_CHOICES else "text"
        raise ApiError(422, "invalid", f"{field}: {exc}", field=field) from None
    return analysis.to_dict()


def _own_draft(request: HttpRequest, draft_id: str) -> Draft:
    # Someone else's id looks exactly like an id that does not exist.
    draft = selectors.draft_of(acting_user(request), draft_id)
    if draft is None:
        raise Http404
    return draft


@router.post("/drafts", response={201: DraftOut})
@reconnection_api
def create_draft(request: HttpRequest, payload: DraftIn) -> Status[Draft]:
    draft = services.save_draft(user=acting_user(request), kind=payload.kind, text=payload.text)
    return Status(201, draft)


@router.get("/drafts", response=list[DraftOut])
@paginate(LimitOffsetPagination)
def list_drafts(request: HttpRequest) -> object:
    """Most recently changed first."""
    return selectors.drafts_of(acting_user(request))


@router.get("/drafts/{draft_id}", response=DraftOut)
def get_draft(request: HttpRequest, draft_id: str) -> Draft:
    return _own_draft(request, draft_id)


@router.patch("/drafts/{draft_id}", response=DraftOut)
@reconnection_api
def patch_draft(request: HttpRequest, draft_id: str, payload: DraftPatch) -> Draft:
    draft = _own_draft(request, draft_id)
    changes = payload.model_dump(exclude_unset=True)
    return services.update_draft(draft=draft, kind=changes.get("kind"), text=changes.get("text"))


@router.delete("/drafts/{draft_id}", response={204: None})
def delete_draft(request: HttpRequest, draft_id: str) -> Status[None]:
    services.delete_draft(draft=_own_draft(request, draft_id))
    return Status(204, None)
