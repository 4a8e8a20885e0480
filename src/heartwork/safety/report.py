"""A scan with the help lines to show beside it: the JSON shared by the CLI and the API.

Pure Python (no Django import), so `heartwork safety scan` needs no database.
"""

from __future__ import annotations

from typing import Any

from heartwork.safety.resources import Resource, Situation, for_country, lines_for
from heartwork.safety.scanner import LEVELS, ScanResult, scan

# Codes that fit someone who may be causing harm, and no one harming them: with
# "user_perpetration" among them, the help lines are for people who want to stop. Screen
# codes are included too, so the status API (a standing's codes) decides the same way.
PERPETRATOR_CODES = frozenset(
    {
        "user_perpetration",
        "stalking",
        "physical_violence",
        "threats",
        "strangulation",
        "legal_boundary",
        "snooping",
        "asked_for_space",
        "low_mood",
        "self_harm",
    }
)


def situation_for(result: ScanResult) -> Situation | None:
    """Which lines matter most for this result; None when nothing needs a help line."""
    if result.imminent or result.level == "high_danger":
        return "emergency"  # the emergency number first, then the abuse line
    if result.level == "crisis" or "self_harm" in result.codes:
        return "crisis"
    if "user_perpetration" in result.codes and result.codes <= PERPETRATOR_CODES:
        return "perpetrator"  # services for people who want to stop harming
    if LEVELS.index(result.level) >= LEVELS.index("amber"):
        return "abuse"
    return None


def resource_dict(resource: Resource) -> dict[str, Any]:
    return {
        "name": resource.name,
        "kind": resource.kind,
        "channels": [
            {"type": channel.type, "value": channel.value, "note": channel.note}
            for channel in resource.channels
        ],
        "hours": resource.hours,
        "audience": resource.audience,
        "verified_on": resource.verified_on.isoformat(),
        "source_url": resource.source_url,
    }


def scan_report(text: str, country: str | None = None) -> dict[str, Any]:
    """``{"level", "signals", "question", "imminent", "resources"}`` for one text."""
    result = scan(text)
    report = result.to_dict()
    situation = situation_for(result)
    lines = lines_for(for_country(country), situation) if situation else ()
    report["resources"] = [resource_dict(line) for line in lines]
    return report
