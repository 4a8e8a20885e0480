"""The shared exercises: each person answers alone, and both answers show once both are in.

Content lives in code rather than YAML so every word goes through gettext like the rest
of the pages. Ids are a public contract (the API and stored rows use them): never rename
one; retire it by removing it, and stored answers to it simply stop being listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    id: str
    text: Promise


@dataclass(frozen=True)
class SharedExercise:
    id: str
    title: Promise
    intro: Promise
    questions: tuple[Question, ...]


EXERCISES: tuple[SharedExercise, ...] = (
    SharedExercise(
        id="looking_back",
        title=_("Looking back at us"),
        intro=_(
            "Write from your own side, about your own feelings. Your partner will read this "
            "only after writing theirs, and you will read theirs at the same moment. Take a "
            "break whenever you need one."
        ),
        questions=(
            Question("felt", _("How did you feel, most of the time, while we were together?")),
            Question("hurt", _("What hurt you the most?")),
            Question("wished", _("What do you wish I had done differently?")),
        ),
    ),
    SharedExercise(
        id="trust_again",
        title=_("What trust would take"),
        intro=_(
            "Trust comes back through small things done again and again. Be concrete: what "
            "could your partner do, or stop doing, that you would notice?"
        ),
        questions=(
            Question("need", _("What do you need from me to be able to trust me again?")),
            Question("notice", _("What would be the first small sign you would notice?")),
        ),
    ),
    SharedExercise(
        id="non_negotiables",
        title=_("Our non-negotiables"),
        intro=_(
            "Some things are not up for debate for you. Naming them plainly now saves guessing "
            "later. A limit is not a threat: it is information."
        ),
        questions=(
            Question("limits", _("Which things can you not accept in this relationship?")),
            Question("why", _("If you want to, say why each one matters to you.")),
        ),
    ),
    SharedExercise(
        id="stress_team",
        title=_("Facing stress as a team"),
        intro=_(
            "Pressure from outside (money, work, family, health) often turns two people "
            "against each other. Plan how you will stay on the same side."
        ),
        questions=(
            Question("signs", _("How can I tell that you are stressed, even if you say nothing?")),
            Question("helps", _("What helps you when you are under pressure, and what doesn't?")),
            Question("together", _("What could we agree to do together when things get hard?")),
        ),
    ),
)

_BY_ID = {exercise.id: exercise for exercise in EXERCISES}


def shared_exercise(exercise_id: str) -> SharedExercise | None:
    return _BY_ID.get(exercise_id)
