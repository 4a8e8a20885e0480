"""/api/v1/safety: scan a text, the structured safety check, and where the user stands.

``POST /scan`` stores nothing. ``POST /screens/{id}`` stores a completed screen through
heartwork.safety.services, the only writer of safety standings. ``GET /status`` says
whether coaching may run, using the same gate as every reconnection feature.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict, field_validator

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError
from heartwork.partners.models import Partner
from heartwork.partners.selectors import current_partner, partner_of
from heartwork.safety import standing as rules
from heartwork.safety.gate import reconnection_block
from heartwork.safety.report import PERPETRATOR_CODES, resource_dict, scan_report
from heartwork.safety.resources import Situation, for_country, lines_for
from heartwork.safety.scanner import MAX_CHARS
from heartwork.safety.screens import ORDER, Screen, ScreenInputError, load_screens
from heartwork.safety.selectors import codes_of, highest_level
from heartwork.safety.services import record_screen

router = Router(tags=["safety"], auth=API_AUTH)


class ScanIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_CHARS)
    country: str | None = Field(default=None, min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value


class ScreenAnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Which answers a screen takes is checked by the screen itself (screens.clean_answers),
    # so the API and the web form refuse the same things with the same words.
    answers: dict[str, str]
    partner_id: uuid.UUID | None = None


@router.post("/scan")
def scan_text(request: HttpRequest, payload: ScanIn) -> dict[str, Any]:
    """The level, signals, an optional question and help lines for the country."""
    return scan_report(payload.text, payload.country)


@router.get("/screens")
def list_screens(request: HttpRequest) -> dict[str, Any]:
    """Every screen of the safety check, in the order the web check asks them."""
    acting_user(request)
    screens = load_screens()
    return {
        "order": list(ORDER),
        "screens": [_screen(screens.get(screen_id)).to_dict() for screen_id in ORDER],
    }


@router.post("/screens/{screen_id}")
def answer_screen(request: HttpRequest, screen_id: str, payload: ScreenAnswersIn) -> dict[str, Any]:
    """Store one completed screen; the answer says what it found and where things stand now."""
    user = acting_user(request)
    found = _screen(load_screens().get(screen_id))
    partner = _partner_for(user, found, payload.partner_id)
    try:
        outcome = record_screen(
            user=user, screen_id=found.id, answers=payload.answers, partner=partner
        )
    except ScreenInputError as exc:
        field = exc.field if exc.field == "partner_id" else f"answers.{exc.field}"
        raise ApiError(422, "invalid", f"{field}: {exc.message}", field=field) from None
    return {
        "screen": outcome.screen,
        "level": outcome.level,
        "codes": list(outcome.codes),
        "discreet_mode": user.discreet_mode,
        "status": safety_status(user),
    }


@router.get("/status")
def get_status(request: HttpRequest) -> dict[str, Any]:
    """Whether coaching may run, why not, what to answer, and help lines when they matter."""
    return safety_status(acting_user(request))


def _screen(found: Screen | None) -> Screen:
    if found is None:
        raise Http404
    return found


def _partner_for(user: User, found: Screen, partner_id: uuid.UUID | None) -> Partner | None:
    """The partner a screen is about: the one named, else the current one."""
    if partner_id is not None:
        # Someone else's partner looks exactly like one that does not exist.
        partner = partner_of(user, partner_id)
        if partner is None:
            raise Http404
        return partner if found.scope == "partner" else None
    if found.scope == "user":
        return None
    partner = current_partner(user)
    if partner is None:
        raise ApiError(
            422,
            "invalid",
            "partner_id: this screen is about one partner; add a partner first or name one",
            field="partner_id",
        )
    return partner


def safety_status(user: User) -> dict[str, Any]:
    """``{"level", "coaching", "message", "due", "partner", "country", "resources"}``."""
    block = reconnection_block(user)
    if block is None:
        coaching = "open"
    elif block.code == "safety_lock":
        coaching = "locked"
    else:
        coaching = "check_required"
    level = highest_level(user)
    partner = current_partner(user)
    country = user.country or None
    situation = _situation(level, codes_of(user))
    lines = lines_for(for_country(country), situation) if situation else ()
    return {
        "level": level,
        "coaching": coaching,
        "message": block.message if block is not None else None,
        "due": list(block.screens) if block is not None else [],
        "partner": (
            None
            if partner is None
            else {"id": str(partner.id), "name": partner.name, "since": partner.created_at}
        ),
        "country": country,
        "resources": [resource_dict(line) for line in lines],
    }


def _situation(level: str, codes: tuple[str, ...]) -> Situation | None:
    """Which help lines fit where the user stands; None when nothing calls for them."""
    if level == "crisis":
        # A crisis about their own life gets the crisis lines; danger from someone
        # else, right now, gets the emergency number first.
        return "crisis" if "self_harm" in codes else "emergency"
    if not rules.at_least(level, "red"):
        return None
    if "user_perpetration" in codes and set(codes) <= PERPETRATOR_CODES:
        return "perpetrator"
    return "abuse"
