"""/api/v1/journal: the user's own entries, and nobody else's; search and prompts.

``GET /entries?q=words`` searches the user's own entries, decrypted in memory a batch at a
time (heartwork.journal.selectors.search_entries): nothing decrypted is cached or indexed.
"""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, field_validator

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.core.errors import ApiError, not_yours
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.journal import selectors, services
from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, Entry
from heartwork.journal.prompts import Prompt, prompts
from heartwork.journal.search import QUERY_MAX_CHARS
from heartwork.program.content import program
from heartwork.program.schema import STAGE_IDS
from heartwork.safety.gate import require_reconnection

router = Router(tags=["journal"], auth=API_AUTH)


def _body_not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("the entry needs some text")
    return value


def _known_stage(value: str | None) -> str | None:
    if value is not None and value not in STAGE_IDS:
        raise ValueError("not a stage id of the program (see GET /api/v1/program)")
    return value


# A search reads at most this many matches (the newest); the list pages through them.
SEARCH_LIMIT = 100


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    body: str = Field(max_length=BODY_MAX_CHARS)
    # A program stage id the entry is about, or null.
    stage: str | None = None

    _check_body = field_validator("body")(_body_not_blank)
    _check_stage = field_validator("stage")(_known_stage)


class EntryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    body: str | None = Field(default=None, max_length=BODY_MAX_CHARS)
    stage: str | None = None

    _check_stage = field_validator("stage")(_known_stage)

    @field_validator("body")
    @classmethod
    def _body(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("the entry needs some text")
        return _body_not_blank(value)


class EntryOut(Schema):
    id: uuid.UUID
    title: str
    body: str
    stage: str | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_stage(obj: Entry) -> str | None:
        return obj.stage or None


class EntryFilter(Schema):
    # Words to find (every one, in the title or body; capitals and accents ignored).
    q: str | None = Field(default=None, max_length=QUERY_MAX_CHARS)
    stage: str | None = None


class PromptOut(Schema):
    id: str
    text: str


class PromptGroupOut(Schema):
    # null for the general prompts.
    stage: str | None
    prompts: list[PromptOut]


class PromptsOut(Schema):
    # The stage a new entry is about by default: the one being worked on now.
    current_stage: str | None
    groups: list[PromptGroupOut]


def _own_entry(request: HttpRequest, entry_id: str) -> Entry:
    # Someone else's id looks exactly like an id that does not exist.
    entry = selectors.entry_of(acting_user(request), entry_id)
    if entry is None:
        raise not_yours("entry_id", _("there is nothing with this id"))
    return entry


@router.post("/entries", response={201: EntryOut})
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[Entry]:
    entry = services.create_entry(
        user=acting_user(request),
        title=payload.title or "",
        body=payload.body,
        stage=payload.stage or "",
    )
    return Status(201, entry)


@router.get("/entries", response=list[EntryOut])
@paginate(LimitOffsetPagination)
def list_entries(request: HttpRequest, filters: Query[EntryFilter]) -> object:
    """Newest first. ``stage`` keeps one stage's entries; ``q`` keeps those holding every
    word, searched in memory, and stops at the newest 100 matches."""
    user = acting_user(request)
    stage = filters.stage or None
    if stage is not None and stage not in STAGE_IDS:
        raise ApiError(422, "invalid", _("stage: not a stage id of the program"), field="stage")
    if filters.q and filters.q.strip():
        return list(
            selectors.search_entries(user, filters.q, stage=stage, limit=SEARCH_LIMIT).entries
        )
    return selectors.entries_of(user, stage=stage)


@router.get("/entries/{entry_id}", response=EntryOut)
def get_entry(request: HttpRequest, entry_id: str) -> Entry:
    return _own_entry(request, entry_id)


@router.patch("/entries/{entry_id}", response=EntryOut)
def patch_entry(request: HttpRequest, entry_id: str, payload: EntryPatch) -> Entry:
    entry = _own_entry(request, entry_id)
    changes = payload.model_dump(exclude_unset=True)
    title = changes.get("title", None)
    stage = changes.get("stage", None)
    return services.update_entry(
        entry=entry,
        # An explicit null title (or stage) clears it; a missing one leaves it alone.
        title="" if "title" in changes and title is None else title,
        body=changes.get("body"),
        stage="" if "stage" in changes and stage is None else stage,
    )


@router.delete("/entries/{entry_id}", response={204: None})
def delete_entry(request: HttpRequest, entry_id: str) -> Status[None]:
    services.delete_entry(entry=_own_entry(request, entry_id))
    return Status(204, None)


def _prompt_group(stage: str | None, group: tuple[Prompt, ...]) -> dict[str, Any]:
    return {"stage": stage, "prompts": [{"id": p.id, "text": _(p.text)} for p in group]}


@router.get("/prompts", response=PromptsOut)
def get_prompts(request: HttpRequest, stage: str | None = None) -> dict[str, Any]:
    """Starting points for a new entry: for the stage being worked on and the next one
    the program suggests, then the general ones (``stage`` null); or for ``stage`` only."""
    if stage is not None:
        if stage not in STAGE_IDS:
            raise ApiError(422, "invalid", _("stage: not a stage id of the program"), field="stage")
        found = program().stages.get(stage)
        if found is not None and found.reconnection:
            # No prompts about getting back in touch while the safety gate holds.
            require_reconnection(acting_user(request))
        return {"current_stage": None, "groups": [_prompt_group(stage, prompts().for_stage(stage))]}
    offered = selectors.offered_prompts(acting_user(request))
    return {
        "current_stage": offered.current_stage,
        "groups": [_prompt_group(group.stage, group.prompts) for group in offered.groups],
    }
