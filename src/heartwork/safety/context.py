"""Template context processor: what every page needs to know about a crisis.

``safety_crisis``: the logged-in person's highest level is crisis. ``safety_crisis_closed``:
they closed the crisis card in this session (for this crisis). ``safety_card``: show the
full-screen card now; a view that is itself help (the help page, the close confirmation)
sets it to False in its own context, which wins over this one. ``safety_lines``: the
emergency number and the lines to talk to for their country, and whether the crisis is
about suicide or danger from someone (heartwork.safety.crisis.CrisisLines), only while
in crisis.

Logged-out pages get none of it and pay no query; pages rendered without a request
(the server error page) do not run context processors at all.
"""

from __future__ import annotations

from django.http import HttpRequest

from heartwork.accounts.models import User
from heartwork.safety.crisis import card_state, crisis_lines


def crisis_context(request: HttpRequest) -> dict[str, object]:
    state = card_state(request)
    user = getattr(request, "user", None)
    if state.crisis is None or not isinstance(user, User):
        return {"safety_crisis": False, "safety_crisis_closed": False, "safety_card": False}
    return {
        "safety_crisis": True,
        "safety_crisis_closed": state.closed,
        "safety_card": not state.closed,
        "safety_lines": crisis_lines(user.country, state.crisis.reason),
    }
