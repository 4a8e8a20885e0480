"""Answering the program in the browser: one page per exercise, and each stage's ready check.

The pages save through the same services as the API (``services.answer_exercise``,
``services.mark_done``) and read through the same selectors, so both always agree. After a
save the page redirects to itself (post, redirect, get), so a reload never saves twice and
no answer ever travels in a URL.

Only the safety gate locks anything for real: while ``reconnection_block`` holds, the
exercises and ready check of a stage marked ``reconnection`` answer with a 403 page that
says why and where to go, instead of the form. A stage paused by its content
(``pause_when``) is a soft lock: its pages work as usual, and the first answer starts the
stage, which lifts the pause. Other stages stay open; a message exercise there (the
apology) is saved without the coach's notes until the gate lets coaching run.

Every page is never_cache: it shows what someone wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from heartwork import coach
from heartwork.accounts.models import User
from heartwork.drafts.views import panel_context
from heartwork.program import selectors, services
from heartwork.program.applies import lookup_for, shows
from heartwork.program.content import program
from heartwork.program.forms import (
    ExerciseForm,
    ReadyForm,
    ScaleRow,
    ShownAnswer,
    not_applicable_context,
    scale_rows,
    shown_answers,
)
from heartwork.program.growth import growth_of
from heartwork.program.models import ExerciseAnswer
from heartwork.program.schema import Exercise, ReadyItem, Result, Stage
from heartwork.program.views import Row, _acting, _unlock
from heartwork.safety.gate import Block, reconnection_block

# ------------------------------------------------------------------------- helpers


def _stage(stage_id: str) -> Stage:
    stage = program().stages.get(stage_id)
    if stage is None:
        raise Http404
    return stage


def _exercise(stage: Stage, exercise_id: str) -> Exercise:
    # The safety check (external) has no exercises here: its URLs are not found either.
    exercise = stage.exercise(exercise_id)
    if exercise is None:
        raise Http404
    return exercise


def _locked(request: HttpRequest, stage: Stage, block: Block) -> HttpResponse:
    """The gate's reason in plain words and where to go, instead of the form."""
    context = {"stage": stage, "reason": block.message, "unlock": _unlock(block)}
    return render(request, "program/locked.html", context, status=403)


def _result(exercise: Exercise, result_id: str | None) -> Result | None:
    if result_id is None or exercise.scoring is None:
        return None
    found = next((r for r in exercise.scoring.results if r.id == result_id), None)
    # A result no longer in the content still reads as its id.
    return found or Result(id=result_id, title=result_id, explain=result_id)


@dataclass(frozen=True)
class Entry:
    """One saved answer set, read back in words (decrypted in memory, for its owner)."""

    when: datetime
    answers: list[ShownAnswer]


@dataclass(frozen=True)
class Feed:
    """An earlier answer this exercise starts from."""

    ref: str
    title: str
    stage_title: str
    url: str
    entry: Entry | None


@dataclass(frozen=True)
class Point:
    when: datetime
    result: Result | None
    # Each scale's score that time, in the order of the exercise's scales (None: not kept).
    values: list[int | None]


def _feeds(user: User, exercise: Exercise) -> list[Feed]:
    content = program()
    feeds = []
    for ref in exercise.feeds_from:
        stage_id, exercise_id, *only = ref.split(".")
        source = content.exercise(stage_id, exercise_id)
        if source is None:  # the content checks make every reference resolve
            continue
        row = selectors.latest_answer(user, stage_id, exercise_id)
        entry = None
        if row is not None:
            answers = row.answers
            if only:
                answers = {key: answers[key] for key in only if key in answers}
            entry = Entry(row.created_at, shown_answers(source, answers))
        feeds.append(
            Feed(
                ref=ref,
                title=source.title,
                stage_title=content.stages[stage_id].title,
                url=reverse("program:exercise", args=[stage_id, exercise_id]),
                entry=entry,
            )
        )
    return feeds


@sensitive_variables("text")
def _coach_panel(exercise: Exercise, text: str) -> dict[str, Any]:
    """The message coach's notes on a draft, for its panel; empty when there is no draft.

    Call only while the safety gate lets coaching run: the same rule as the coach page.
    """
    if exercise.coach_kind is None or not text.strip():
        return {}
    try:
        analysis = coach.analyze(text, kind=exercise.coach_kind)
    except coach.CoachInputError as exc:
        return {"problem": str(exc)}
    return panel_context(analysis, text)


def _message_context(user: User, form: ExerciseForm, block: Block | None) -> dict[str, Any]:
    if form.exercise.type != "message":
        return {}
    if block is not None:
        return {"coach_on": False, "coach_unlock": _unlock(block), "coach_reason": block.message}
    form.live_coach(reverse("coach:analyze"))
    return {"coach_on": True, **_coach_panel(form.exercise, form.draft_text())}


def _exercise_context(
    user: User,
    stage: Stage,
    exercise: Exercise,
    form: ExerciseForm,
    rows: list[ExerciseAnswer],
    block: Block | None,
) -> dict[str, Any]:
    latest = rows[0] if rows else None
    is_log = exercise.type == "log"
    scales: list[ScaleRow] = scale_rows(exercise, latest.scales) if latest else []
    scale_ids = [scale.id for scale in exercise.scoring.scales] if exercise.scoring else []
    history = [
        Point(
            row.created_at,
            _result(exercise, row.result),
            [(row.scales or {}).get(scale_id) for scale_id in scale_ids],
        )
        for row in reversed(rows)
    ]
    return {
        "stage": stage,
        "exercise": exercise,
        "form": form,
        "is_log": is_log,
        "count": len(rows),
        "last": latest.created_at if latest else None,
        "feeds": _feeds(user, exercise),
        # summary: growth: what the person did across the app (None for other exercises).
        "growth": growth_of(user) if exercise.summary == "growth" else None,
        "result": _result(exercise, latest.result) if latest else None,
        "scales": scales,
        # The trend, oldest first, once a scored check was taken more than once.
        "history": history if exercise.scoring is not None and len(rows) > 1 else [],
        # A log keeps every entry: newest first.
        "entries": [Entry(row.created_at, shown_answers(exercise, row.answers)) for row in rows]
        if is_log
        else [],
        **_message_context(user, form, block),
    }


@sensitive_variables("answers")
def _save(request: HttpRequest, user: User, stage: Stage, form: ExerciseForm) -> bool:
    """Save the form's answers as a new entry; False when the form shows why it cannot."""
    if not form.is_valid():
        return False
    answers = form.answers()
    try:
        services.answer_exercise(
            user=user, stage_id=stage.id, exercise_id=form.exercise.id, answers=answers
        )
    except services.AnswerError as exc:
        form.answer_error(exc)
        return False
    if form.exercise.type == "log":
        messages.success(request, _("Your entry is saved. Only you can read it."))
    else:
        messages.success(request, _("Your answers are saved. Only you can read them."))
    return True


# ---------------------------------------------------------------------- the pages


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def exercise_page(request: HttpRequest, stage_id: str, exercise_id: str) -> HttpResponse:
    """An exercise's questions as a form, with what was answered before."""
    user = _acting(request)
    stage = _stage(stage_id)
    exercise = _exercise(stage, exercise_id)
    block = reconnection_block(user)
    if stage.reconnection and block is not None:
        return _locked(request, stage, block)
    if not shows(exercise, lookup_for(user, selectors)):  # show_if: not for these answers
        return render(request, "program/exercise.html", not_applicable_context(stage, exercise))
    rows = list(selectors.answers_to(user, stage.id, exercise.id))
    if request.method == "POST":
        form = ExerciseForm(exercise, request.POST)
        if _save(request, user, stage, form):
            return redirect("program:exercise", stage_id=stage.id, exercise_id=exercise.id)
    else:
        # A log starts each entry afresh; anything else shows the answer that counts.
        prefill = rows[0].answers if rows and exercise.type != "log" else None
        form = ExerciseForm(exercise, answers=prefill)
    context = _exercise_context(user, stage, exercise, form, rows, block)
    return render(request, "program/exercise.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def ready_page(request: HttpRequest, stage_id: str) -> HttpResponse:
    """The ready check: all yes marks the stage done; a no says, kindly, what could help."""
    user = _acting(request)
    stage = _stage(stage_id)
    if stage.external:
        return redirect("safety:home")
    if not stage.ready_check:
        raise Http404
    block = reconnection_block(user) if stage.reconnection else None
    if block is not None:
        return _locked(request, stage, block)
    not_yet: tuple[ReadyItem, ...] = ()
    if request.method == "POST":
        form = ReadyForm(stage, request.POST)
        if form.is_valid():
            try:
                check = services.mark_done(user=user, stage_id=stage.id, answers=form.answers())
            except services.AnswerError as exc:
                form.answer_error(exc)
            else:
                if check.done:
                    messages.success(request, _("This stage is done. Well done."))
                    return redirect("program:ready", stage_id=stage.id)
                not_yet = check.not_yet
    else:
        form = ReadyForm(stage)
    states = selectors.stage_states(user)
    content = program()
    context = {
        "stage": stage,
        "form": form,
        "not_yet": not_yet,
        "done": states[stage.id].status == "done",
        "unlocks": [
            Row(content.stages[found], states[found])
            for found in stage.unlocks
            if found in content.stages
        ],
    }
    return render(request, "program/ready.html", context)
