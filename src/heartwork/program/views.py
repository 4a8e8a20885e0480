"""The program, as pages: the map of every stage with the next step, and one stage.

Both read through the same selectors as the API (heartwork.program.selectors), so a page
and /api/v1/program always agree on each stage's status and on the next step. A stage the
safety gate locks hides its exercises; a stage its content pauses (a soft lock) says why,
offers "Open it anyway" and still lists them.

Every page is never_cache: what someone answered, and whether the safety gate locks a
stage, must not come back from the browser's cache after logging out on a shared computer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from heartwork.accounts.models import User
from heartwork.program import selectors
from heartwork.program.applies import lookup_for, visible
from heartwork.program.content import program
from heartwork.program.schema import Exercise, Stage
from heartwork.program.selectors import StageState
from heartwork.program.tools import tools_for
from heartwork.safety.gate import Block
from heartwork.wellbeing.views import due_context

# The status in plain words; "available" reads as "not started" to a person.
STATUS_WORDS = {
    "available": gettext_lazy("Not started"),
    "in_progress": gettext_lazy("In progress"),
    "done": gettext_lazy("Done"),
    "locked": gettext_lazy("Locked"),
    # A soft lock (pause_when): a suggestion from the person's own answers.
    "paused": gettext_lazy("Paused"),
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _unlock(block: Block | None) -> dict[str, str] | None:
    """Where a locked stage sends the person: the safety path under a lock, else the check."""
    if block is None:
        return None
    if block.code == "safety_lock":
        return {"url": reverse("safety:path"), "label": _("What Heartwork offers you instead")}
    return {"url": reverse("safety:check"), "label": _("Answer the safety check")}


@dataclass(frozen=True)
class Row:
    stage: Stage
    state: StageState

    @property
    def status_words(self) -> str:
        return str(STATUS_WORDS["paused" if self.state.paused else self.state.status])


# ---------------------------------------------------------------------------- the map


@never_cache
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    content = program()
    state = selectors.program_state(user)
    rows = [Row(content.stages[found.id], found) for found in state.stages]
    # Only the safety gate's lock has a way out to link to; a pause is opened on its page.
    hard = any(row.state.hard for row in rows)
    next_step = state.next
    context = {
        "groups": [
            {
                "key": "main",
                "title": _("Main stages"),
                "help": _("A suggested order, from the safety check on."),
                "rows": [row for row in rows if row.stage.kind == "main"],
            },
            {
                "key": "branch",
                "title": _("Branches"),
                "help": _("Side paths for particular situations. Open any of them when it fits."),
                "rows": [row for row in rows if row.stage.kind == "branch"],
            },
        ],
        "next": next_step,
        "next_stage": content.stages[next_step.stage] if next_step else None,
        "next_exercise": (
            content.exercise(next_step.stage, next_step.exercise)
            if next_step and next_step.exercise
            else None
        ),
        "unlock": _unlock(state.block) if hard else None,
        "started": selectors.situation_of(user) is not None,
        # The well-being checks, when due: at the start, then every few weeks.
        **due_context(user),
    }
    return render(request, "program/dashboard.html", context)


# ------------------------------------------------------------------------- one stage


@dataclass(frozen=True)
class ExerciseRow:
    exercise: Exercise
    count: int
    last: datetime | None


def _exercise_rows(user: User, stage: Stage) -> list[ExerciseRow]:
    """Each exercise with how often it was answered and when last; nothing is decrypted."""
    rows = (
        selectors.answers_of(user)
        .filter(stage=stage.id)
        .order_by()
        .values("exercise")
        .annotate(count=Count("id"), last=Max("created_at"))
    )
    seen: dict[str, dict[str, Any]] = {row["exercise"]: row for row in rows}
    return [
        ExerciseRow(
            exercise,
            seen.get(exercise.id, {}).get("count", 0),
            seen.get(exercise.id, {}).get("last"),
        )
        for exercise in visible(stage.exercises, lookup_for(user, selectors))  # show_if
    ]


@never_cache
@login_required
def stage_page(request: HttpRequest, stage_id: str) -> HttpResponse:
    user = _acting(request)
    stage = program().stages.get(stage_id)
    if stage is None:
        raise Http404
    found = selectors.program_state(user)
    state = next(each for each in found.stages if each.id == stage.id)
    # Locked by the safety gate: the reading stays, the exercises and ready check do not.
    locked = state.hard
    exercises = [] if locked else _exercise_rows(user, stage)
    context = {
        "stage": stage,
        "row": Row(stage, state),
        "locked": locked,
        "unlock": _unlock(found.block) if locked else None,
        "exercises": exercises,
        # Paused by the person's own answers: say why, and offer to open it anyway.
        "paused": state.paused,
        "open_anyway": _open_anyway(stage, exercises) if state.paused else None,
        # Nothing under the gate's lock; the tools towards contact only while coaching may run.
        "tools": tools_for(stage, hard=locked, block=found.block),
        # What the stage leads to: a suggestion (nothing is opened by finishing it).
        "unlocks": [
            Row(program().stages[each.id], each)
            for each in found.stages
            if each.id in stage.unlocks
        ],
    }
    return render(request, "program/stage.html", context)


def _open_anyway(stage: Stage, rows: list[ExerciseRow]) -> str | None:
    """Where "Open it anyway" goes: the first exercise not yet answered, else the first.
    Answering it starts the stage, which lifts the pause."""
    first = next((row for row in rows if not row.count), rows[0] if rows else None)
    if first is None:
        return None
    return reverse("program:exercise", args=[stage.id, first.exercise.id])
