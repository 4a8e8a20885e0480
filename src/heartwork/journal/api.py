"""/api/v1/journal: the user's own entries, and nobody else's."""

import uuid
from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict, field_validator

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.journal import selectors, services
from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, Entry

router = Router(tags=["journal"], auth=API_AUTH)


def _body_not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("the entry needs some text")
    return value


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    body: str = Field(max_length=BODY_MAX_CHARS)

    _check_body = field_validator("body")(_body_not_blank)


class EntryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    body: str | None = Field(default=None, max_length=BODY_MAX_CHARS)

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
    created_at: datetime
    updated_at: datetime


def _own_entry(request: HttpRequest, entry_id: str) -> Entry:
    # Someone else's id looks exactly like an id that does not exist.
    entry = selectors.entry_of(acting_user(request), entry_id)
    if entry is None:
        raise Http404
    return entry


@router.post("/entries", response={201: EntryOut})
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[Entry]:
    entry = services.create_entry(
        user=acting_user(request), title=payload.title or "", body=payload.body
    )
    return Status(201, entry)


@router.get("/entries", response=list[EntryOut])
@paginate(LimitOffsetPagination)
def list_entries(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.entries_of(acting_user(request))


@router.get("/entries/{entry_id}", response=EntryOut)
def get_entry(request: HttpRequest, entry_id: str) -> Entry:
    return _own_entry(request, entry_id)


@router.patch("/entries/{entry_id}", response=EntryOut)
def patch_entry(request: HttpRequest, entry_id: str, payload: EntryPatch) -> Entry:
    entry = _own_entry(request, entry_id)
    changes = payload.model_dump(exclude_unset=True)
    title = changes.get("title", None)
    return services.update_entry(
        entry=entry,
        # An explicit null title clears it; a missing title leaves it alone.
        title="" if "title" in changes and title is None else title,
        body=changes.get("body"),
    )


@router.delete("/entries/{entry_id}", response={204: None})
def delete_entry(request: HttpRequest, entry_id: str) -> Status[None]:
    services.delete_entry(entry=_own_entry(request, entry_id))
    return Status(204, None)
