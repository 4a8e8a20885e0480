"""/api/v1/partners: the relationships a user is working on, and nobody else's.

There is no delete: a partner's row carries the safety standing of that pair, which must
outlive the relationship (SAFETY.md principle 3). Deleting the account removes them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, field_validator

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.partners import selectors, services
from heartwork.partners.models import NAME_MAX_CHARS, Partner

router = Router(tags=["partners"], auth=API_AUTH)


class PartnerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=NAME_MAX_CHARS)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name is empty")
        return value


class PartnerOut(Schema):
    id: uuid.UUID
    name: str
    created_at: datetime
    ended_at: datetime | None
    current: bool

    @staticmethod
    def resolve_current(obj: Partner) -> bool:
        return obj.is_current


def _own_partner(request: HttpRequest, partner_id: str) -> Partner:
    # Someone else's id looks exactly like an id that does not exist.
    partner = selectors.partner_of(acting_user(request), partner_id)
    if partner is None:
        raise Http404
    return partner


@router.get("", response=list[PartnerOut])
@paginate(LimitOffsetPagination)
def list_partners(request: HttpRequest) -> object:
    """Newest first; at most one is current."""
    return selectors.partners_of(acting_user(request))


@router.post("", response={201: PartnerOut})
def add_partner(request: HttpRequest, payload: PartnerIn) -> Status[Partner]:
    """Start working on a relationship: it becomes the current one, the one before ends."""
    user = acting_user(request)
    partner = services.add_partner(user=user, name=payload.name)
    return Status(201, partner)


@router.post("/{partner_id}/end", response=PartnerOut)
def end_partner(request: HttpRequest, partner_id: str) -> Partner:
    """Stop working on this relationship. Its safety standing stays."""
    return services.end_partner(partner=_own_partner(request, partner_id))
