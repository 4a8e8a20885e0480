"""Reads of safety standings. Every function takes the acting user."""

from __future__ import annotations

from django.db.models import Q

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.safety.models import SafetyStanding
from heartwork.safety.standing import Standing, highest


def standing_of(user: User, partner: Partner | None = None) -> Standing:
    """The user's own standing (no partner), or the pair's. Empty when never screened."""
    row = (
        SafetyStanding.objects.filter(user=user, partner=partner)
        .select_related("user__data_key")
        .first()
    )
    return row.standing if row is not None else Standing()


def pair_level(user: User, partner: Partner | None) -> str:
    """The level that governs coaching towards ``partner``: the user's own and the pair's."""
    rows = SafetyStanding.objects.filter(user=user).filter(
        Q(partner__isnull=True) | Q(partner=partner)
    )
    return highest(row.standing.level for row in rows.select_related("user__data_key"))


def highest_level(user: User) -> str:
    """The highest level across the user and every partner: what the pages show."""
    rows = SafetyStanding.objects.filter(user=user).select_related("user__data_key")
    return highest(row.standing.level for row in rows)


def codes_of(user: User) -> tuple[str, ...]:
    """Every reason on record, for choosing which path and which help lines to show."""
    seen: dict[str, None] = {}
    for row in SafetyStanding.objects.filter(user=user).select_related("user__data_key"):
        seen.update(dict.fromkeys(row.standing.codes))
    return tuple(seen)
