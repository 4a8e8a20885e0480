"""Reads of the program: where a person stands, what to do next, and their own answers.

Every function takes the acting user, so nobody reads another's answers. Progress follows
docs/program.md, "Progress and gating": only the safety gate locks a stage; everything else
is available, in progress (answered) or done (its ready check passed), and nothing resets.
The situation answered at the start (``onboarding.situation``) is not a stage: it never
shows in the map, but conditions read it, and the personal plan (``onboarding_state``)
orders the stages around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from heartwork.accounts.models import User
from heartwork.partners.selectors import current_partner
from heartwork.program.content import Program, program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.program.plan import Step, build_plan, first_open, protects
from heartwork.program.schema import ONBOARDING, SITUATION, Condition, Stage
from heartwork.program.scoring import condition
from heartwork.safety import standing as rules
from heartwork.safety.gate import Block, reconnection_block
from heartwork.safety.models import SafetyStanding
from heartwork.safety.selectors import pair_level, standing_of

Status = Literal["locked", "available", "in_progress", "done"]
Value = str | int | None
SAFETY_STAGE = "safety_check"


@dataclass(frozen=True)
class StageState:
    id: str
    title: str
    status: Status
    # Plain words saying why, for a locked stage; None otherwise.
    locked_reason: str | None


@dataclass(frozen=True)
class Next:
    stage: str
    exercise: str | None
    why: str


@dataclass(frozen=True)
class ProgramState:
    stages: tuple[StageState, ...]
    next: Next | None


# -- answers ---------------------------------------------------------------------------


def answers_of(user: User) -> QuerySet[ExerciseAnswer]:
    """Newest first; the owner and data key come along, so decrypting costs no queries."""
    return ExerciseAnswer.objects.filter(user=user).select_related("user__data_key")


def answers_to(user: User, stage_id: str, exercise_id: str) -> QuerySet[ExerciseAnswer]:
    """Every saved answer set of one exercise, newest first."""
    return answers_of(user).filter(stage=stage_id, exercise=exercise_id)


def latest_answer(user: User, stage_id: str, exercise_id: str) -> ExerciseAnswer | None:
    return answers_to(user, stage_id, exercise_id).first()


def latest_answers(user: User) -> dict[tuple[str, str], ExerciseAnswer]:
    """The newest row of each exercise the user answered. Rows decrypt only when read."""
    latest: dict[tuple[str, str], ExerciseAnswer] = {}
    for row in answers_of(user):
        latest.setdefault((row.stage, row.exercise), row)
    return latest


def situation_of(user: User) -> ExerciseAnswer | None:
    """The newest answers to the situation questions (content/onboarding.yaml), if any."""
    return latest_answer(user, ONBOARDING, SITUATION)


# -- progress --------------------------------------------------------------------------


def stage_states(user: User) -> dict[str, StageState]:
    """Every stage's status, in the program's order."""
    return _states(user, program(), reconnection_block(user))


def stage_state(user: User, stage_id: str) -> StageState | None:
    return stage_states(user).get(stage_id)


def program_state(user: User) -> ProgramState:
    """The map (each stage's status) and the next recommended step, with why."""
    content = program()
    block = reconnection_block(user)
    states = _states(user, content, block)
    facts = _Facts(latest_answers(user), safety_result(user))
    # Once the lock holds, sending the user back to the check would change nothing.
    locked = block is not None and block.code == "safety_lock"
    return ProgramState(
        stages=tuple(states.values()),
        next=_next(content, states, facts, _last_screened(user), locked),
    )


@dataclass(frozen=True)
class Onboarding:
    # The newest situation answers, None before any; and when they were given.
    situation: dict[str, Any] | None
    answered_at: datetime | None
    plan: tuple[Step, ...]
    # Where the plan starts today: the program's next step (None when nothing is open).
    start: str | None
    # Whether the plan leads away from contact (safety, or a request for no contact).
    protect: bool


def onboarding_state(user: User) -> Onboarding:
    """The situation and the personal plan, which starts at ``program_state``'s next step."""
    state = program_state(user)
    row = situation_of(user)
    situation = row.answers if row is not None else None
    safety = safety_result(user)
    step = state.next
    plan = build_plan(
        situation,
        safety,
        {found.id: found.status for found in state.stages},
        lead=step.stage if step is not None else None,
        lead_why=step.why if step is not None else None,
    )
    led = step is not None and bool(plan) and plan[0].stage == step.stage and not plan[0].locked
    first = plan[0] if led else first_open(plan)
    return Onboarding(
        situation=situation,
        answered_at=row.created_at if row is not None else None,
        plan=plan,
        start=first.stage if first is not None else None,
        protect=protects(situation, safety),
    )


def safety_check_done(user: User) -> bool:
    """Whether the safety check is done (every screen answered, or its answers lock)."""
    state = stage_state(user, SAFETY_STAGE)
    return state is not None and state.status == "done"


def safety_result(user: User) -> str | None:
    """The safety check's result for conditions: the level that governs coaching towards
    the current partner (the same one the gate uses); None before any safety answer."""
    if not SafetyStanding.objects.filter(user=user).exists():
        return None
    return pair_level(user, current_partner(user))


def _states(user: User, content: Program, block: Block | None) -> dict[str, StageState]:
    marks = {mark.stage: mark for mark in StageMark.objects.filter(user=user)}
    states: dict[str, StageState] = {}
    for stage in content.stages.values():
        status: Status
        if stage.reconnection and block is not None:
            states[stage.id] = StageState(stage.id, stage.title, "locked", block.message)
            continue
        mark = marks.get(stage.id)
        if stage.external:
            status = _safety_status(user, block)
        elif mark is not None and mark.done_at is not None:
            status = "done"
        else:
            status = "in_progress" if mark is not None else "available"
        states[stage.id] = StageState(stage.id, stage.title, status, None)
    return states


def _safety_status(user: User, block: Block | None) -> Status:
    """Done once every screen was answered (or the answers lock coaching); a screen that is
    due again is the gate's business, so a done check never goes back to in progress."""
    partner = current_partner(user)
    own = standing_of(user)
    pair = standing_of(user, partner) if partner is not None else rules.Standing()
    answered = (set(own.marks) | set(pair.marks)) - {rules.QUICK}
    if not answered:
        return "available"
    complete = (
        partner is not None
        and set(rules.USER_SCREENS) <= set(own.marks)
        and set(rules.PARTNER_SCREENS) <= set(pair.marks)
    )
    if complete or (block is not None and block.code == "safety_lock"):
        return "done"
    return "in_progress"


def _last_screened(user: User) -> datetime | None:
    partner = current_partner(user)
    standings = [standing_of(user)] + ([standing_of(user, partner)] if partner else [])
    times = [mark.at for standing in standings for mark in standing.marks.values()]
    return max(times, default=None)


# -- the next step ---------------------------------------------------------------------


class _Facts:
    """What conditions in ``recommend_when`` read: the newest answers, results and scales."""

    def __init__(self, latest: dict[tuple[str, str], ExerciseAnswer], safety: str | None):
        self.latest = latest
        self.safety = safety

    def value(self, ref: tuple[str, ...]) -> Value:
        if len(ref) == 2:  # stage.result: only the safety check reports one today
            return self.safety if ref == (SAFETY_STAGE, "result") else None
        row = self.latest.get((ref[0], ref[1]))
        if row is None:
            return None
        if len(ref) == 4 and ref[2] == "scale":
            return (row.scales or {}).get(ref[3])
        if ref[2] == "result":
            return row.result
        answer = row.answers.get(ref[2])
        return answer if isinstance(answer, str | int) else None

    def when(self, tests: Iterable[Condition]) -> datetime | None:
        """When the newest answer the conditions read was given."""
        times = [
            self.latest[(test.ref[0], test.ref[1])].created_at
            for test in tests
            if len(test.ref) > 2 and (test.ref[0], test.ref[1]) in self.latest
        ]
        return max(times, default=None)


def _next(
    content: Program,
    states: dict[str, StageState],
    facts: _Facts,
    screened: datetime | None,
    locked: bool,
) -> Next | None:
    """The first recommendation that holds and points somewhere open, else the first stage
    not done, in the program's order. Safety first: those sending the user to the safety
    check come before the rest."""
    recs = [rec for stage in content.stages.values() for rec in stage.recommend_when]
    recs.sort(key=lambda rec: SAFETY_STAGE not in rec.then)
    for rec in recs:
        tests = [condition(text) for text in rec.if_]
        if not all(test.holds(facts.value(test.ref)) for test in tests):
            continue
        since = facts.when(tests)
        for target in rec.then:
            stage_id, _dot, exercise_id = target.partition(".")
            if stage_id == SAFETY_STAGE and locked:
                continue
            if _open(states[stage_id], exercise_id, facts, since, screened):
                found = content.stages[stage_id]
                return Next(stage_id, exercise_id or _first_open(found, facts), rec.why)
    for state in states.values():
        if state.status in ("available", "in_progress"):
            found = content.stages[state.id]
            why = _("Pick up where you left off.") if state.status == "in_progress" else None
            return Next(state.id, _first_open(found, facts), why or found.purpose)
    return None


def _open(
    state: StageState,
    exercise_id: str,
    facts: _Facts,
    since: datetime | None,
    screened: datetime | None,
) -> bool:
    """Whether a recommendation's target is worth pointing to: not locked, and not already
    done since the answers that called for it."""
    if state.status == "locked":
        return False
    if state.id == SAFETY_STAGE:
        # Sent back to the safety check by a later answer: open until it is answered again.
        answered_since = screened is not None and (since is None or screened >= since)
        return state.status != "done" or not answered_since
    if exercise_id:
        row = facts.latest.get((state.id, exercise_id))
        return row is None or since is None or row.created_at <= since
    return state.status != "done"


def _first_open(stage: Stage, facts: _Facts) -> str | None:
    """The stage's first exercise not yet answered, else its first; None for external."""
    for exercise in stage.exercises:
        if (stage.id, exercise.id) not in facts.latest:
            return exercise.id
    return stage.exercises[0].id if stage.exercises else None
