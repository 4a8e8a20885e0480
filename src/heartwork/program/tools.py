"""A stage's ``tools``: links to the app's own tools that go with it, for the stage page and
``GET /api/v1/program/stages/{id}``.

The safety gate decides what shows (docs/program.md, "Tools for a stage"): on a stage the
gate locks (``hard``) no tool shows at all, and the tools that help towards contact or
closeness with the partner (``CONTACT_TOOLS``: the message coach, rituals) show only
while ``heartwork.safety.gate.reconnection_block`` is None.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy

from heartwork.program.schema import CONTACT_TOOLS, TOOL_URL_NAMES, Stage
from heartwork.safety.gate import Block

# The name of each tool, as the link shows it.
TOOL_TITLES = {
    "space": gettext_lazy("Space and urges"),
    "checkin": gettext_lazy("Daily check-in"),
    "trust": gettext_lazy("Trust ledger"),
    "rituals": gettext_lazy("Rituals and time together"),
    "journal": gettext_lazy("Journal"),
    "wellbeing": gettext_lazy("Well-being checks"),
    "coach": gettext_lazy("Message coach"),
}


@dataclass(frozen=True)
class ToolLink:
    app: str
    title: str
    url: str
    why: str


def tools_for(stage: Stage, *, hard: bool, block: Block | None) -> list[ToolLink]:
    """The stage's tools this person may see now: ``hard`` is the stage's safety lock,
    ``block`` the gate's answer for the current partner (None when coaching may run)."""
    if hard:
        return []
    return [
        ToolLink(
            app=tool.app,
            title=str(TOOL_TITLES[tool.app]),
            url=reverse(TOOL_URL_NAMES[tool.app]),
            why=tool.why,
        )
        for tool in stage.tools
        if tool.app not in CONTACT_TOOLS or block is None
    ]
