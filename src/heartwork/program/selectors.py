"""Reads of the program: where a person stands, what to do next, and their own answers.

Every function takes the acting user, so nobody reads another's answers. Progress follows
docs/program.md, "Progress and gating": the safety gate locks a stage hard; a stage not yet
started may be paused by its content (``pause_when``), a soft lock the person can open
anyway; everything else is available, in progress (answered) or done (its ready check
passed), and nothing resets. The situation answered at the start (``onboarding.situation``)
is not a stage: it never shows in the map, but conditions read it, and the personal plan
(``onboarding_state``) orders the stages around it.

Cheap by design: a person's whole program state is worked out from one reading
(``_read``), a fixed handful of queries however many answers they saved: the current
partner, the gate's two standings, every safety standing, the stage marks, and the newest
answer of each exercise. What was read is passed down, never read again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.partners.selectors import current_partner
from heartwork.program.applies import COUNT, read, shows
from heartwork.program.applies import first_open as applies_first_open
from heartwork.program.content import Program, program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.program.plan import Step, build_plan, first_open, protects
from heartwork.program.schema import ONBOARDING, SITUATION, Condition, Stage
from heartwork.program.scoring import condition
from heartwork.safety import standing as rules
from heartwork.safety.gate import Block, reconnection_block
from heartwork.safety.models import SafetyStanding
from heartwork.safety.selectors import pair_level

Status = Literal["locked", "available", "in_progress", "done"]
Value = str | int | None
Key = tuple[str, str]  # (stage, exercise)
SAFETY_STAGE = "safety_check"


@dataclass(frozen=True)
class StageState:
    id: str
    title: str
    status: Status
    # Plain words saying why, for a locked stage; None otherwise.
    locked_reason: str | None
    # True for the safety gate's lock, which only the safety check lifts. A pause
    # (``pause_when``) is locked too, but soft: the person may open the stage anyway.
    hard: bool = False

    @property
    def paused(self) -> bool:
        return self.status == "locked" and not self.hard


@dataclass(frozen=True)
class Next:
    stage: str
    exercise: str | None
    why: str


@dataclass(frozen=True)
class ProgramState:
    stages: tuple[StageState, ...]
    next: Next | None
    # The safety gate's block (None when coaching may run): pages link to its way out.
    block: Block | None = None


# -- answers ---------------------------------------------------------------------------


def answers_of(user: User) -> QuerySet[ExerciseAnswer]:
    """Newest first; the owner and data key come along, so decrypting costs no queries."""
    return ExerciseAnswer.objects.filter(user=user).select_related("user__data_key")


def answers_to(user: User, stage_id: str, exercise_id: str) -> QuerySet[ExerciseAnswer]:
    """Every saved answer set of one exercise, newest first."""
    return answers_of(user).filter(stage=stage_id, exercise=exercise_id)


def latest_answer(user: User, stage_id: str, exercise_id: str) -> ExerciseAnswer | None:
    return answers_to(user, stage_id, exercise_id).first()


def latest_answers(user: User) -> dict[Key, ExerciseAnswer]:
    """The newest row of each exercise the user answered, in one query that fetches only
    those rows (not a long log's every entry). Rows decrypt only when read."""
    newest = (
        ExerciseAnswer.objects.filter(
            user=user, stage=OuterRef("stage"), exercise=OuterRef("exercise")
        )
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )
    rows = answers_of(user).filter(id=Subquery(newest))
    return {(row.stage, row.exercise): row for row in rows}


def situation_of(user: User) -> ExerciseAnswer | None:
    """The newest answers to the situation questions (content/onboarding.yaml), if any."""
    return latest_answer(user, ONBOARDING, SITUATION)


# -- one reading -------------------------------------------------------------------------


class _Facts:
    """What conditions (``recommend_when``, ``pause_when``) read: the newest answers,
    results and scales, and the safety check's result."""

    def __init__(
        self, latest: dict[Key, ExerciseAnswer], safety: str | None, user: User | None = None
    ):
        self.latest = latest
        self.safety = safety
        self._user = user
        self._counts: dict[Key, int] | None = None

    def value(self, ref: tuple[str, ...]) -> Value:
        if len(ref) == 2:  # stage.result: only the safety check reports one today
            return self.safety if ref == (SAFETY_STAGE, "result") else None
        key = (ref[0], ref[1])
        count = self.count(key) if ref[2:] == (COUNT,) else 0
        return read(ref, self.latest.get(key), count)

    def count(self, key: Key) -> int:
        """How often an exercise was saved: one grouped query, the first time it is asked."""
        if self._counts is None:
            rows = (
                answers_of(self._user)
                .order_by()
                .values_list("stage", "exercise")
                .annotate(n=Count("id"))
                if self._user is not None
                else []
            )
            self._counts = {(stage, exercise): n for stage, exercise, n in rows}
        return self._counts.get(key, 0)

    def holds(self, tests: Iterable[Condition]) -> bool:
        return all(test.holds(self.value(test.ref)) for test in tests)

    def when(self, tests: Iterable[Condition]) -> datetime | None:
        """When the newest answer the conditions read was given."""
        times = [self.latest[key].created_at for key in _read_by(tests) if key in self.latest]
        return max(times, default=None)

    def newest(self, keys: Iterable[Key]) -> Key | None:
        """Of these exercises, the one answered last (None if none was answered)."""
        answered = [key for key in keys if key in self.latest]
        return max(answered, key=lambda key: self.latest[key].created_at, default=None)


def _read_by(tests: Iterable[Condition]) -> set[Key]:
    """The exercises (or the onboarding situation) whose answers the conditions read."""
    return {(test.ref[0], test.ref[1]) for test in tests if len(test.ref) > 2}


@dataclass(frozen=True)
class _Reading:
    """Everything a person's program state is worked out from, read once by ``_read``."""

    content: Program
    partner: Partner | None
    block: Block | None
    own: rules.Standing
    pair: rules.Standing
    marks: dict[str, StageMark]
    facts: _Facts


def _read(user: User) -> _Reading:
    """One reading: 6 queries with a current partner, 7 without (the gate looks for one
    again), whatever the number of answers."""
    partner = current_partner(user)
    block = reconnection_block(user, partner)
    rows = list(SafetyStanding.objects.filter(user=user).select_related("user__data_key"))
    standings = {row.partner_id: row.standing for row in rows}
    own = standings.get(None, rules.Standing())
    pair = standings.get(partner.pk, rules.Standing()) if partner is not None else rules.Standing()
    # As safety_result: the level of the user's own standing and the pair's, None before
    # any safety answer at all.
    safety = rules.highest((own.level, pair.level)) if rows else None
    return _Reading(
        content=program(),
        partner=partner,
        block=block,
        own=own,
        pair=pair,
        marks={mark.stage: mark for mark in StageMark.objects.filter(user=user)},
        facts=_Facts(latest_answers(user), safety, user),
    )


# -- progress --------------------------------------------------------------------------


def stage_states(user: User) -> dict[str, StageState]:
    """Every stage's status, in the program's order."""
    return _states(_read(user))


def stage_state(user: User, stage_id: str) -> StageState | None:
    return stage_states(user).get(stage_id)


def program_state(user: User) -> ProgramState:
    """The map (each stage's status) and the next recommended step, with why."""
    return _program(_read(user))


def _program(reading: _Reading) -> ProgramState:
    states = _states(reading)
    block = reading.block
    # Once the lock holds, sending the user back to the check would change nothing.
    locked = block is not None and block.code == "safety_lock"
    step = _next(reading.content, states, reading.facts, _last_screened(reading), locked)
    return ProgramState(stages=tuple(states.values()), next=step, block=block)


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
    reading = _read(user)
    state = _program(reading)
    row = reading.facts.latest.get((ONBOARDING, SITUATION))
    situation = row.answers if row is not None else None
    safety = reading.facts.safety
    step = state.next
    plan = build_plan(
        situation,
        safety,
        {found.id: found.status for found in state.stages},
        lead=step.stage if step is not None else None,
        lead_why=step.why if step is not None else None,
        paused={found.id: found.locked_reason or "" for found in state.stages if found.paused},
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


def _states(reading: _Reading) -> dict[str, StageState]:
    block = reading.block
    states: dict[str, StageState] = {}
    for stage in reading.content.stages.values():
        if stage.reconnection and block is not None:
            states[stage.id] = StageState(stage.id, stage.title, "locked", block.message, True)
            continue
        mark = reading.marks.get(stage.id)
        status: Status
        if stage.external:
            status = _safety_status(reading)
        elif mark is not None and mark.done_at is not None:
            status = "done"
        elif mark is not None:
            status = "in_progress"
        else:
            # Only a stage not yet started can be paused: resume anywhere, nothing resets.
            why = _pause(stage, reading.facts)
            if why is not None:
                states[stage.id] = StageState(stage.id, stage.title, "locked", why, False)
                continue
            status = "available"
        states[stage.id] = StageState(stage.id, stage.title, status, None)
    return states


def _pause(stage: Stage, facts: _Facts) -> str | None:
    """The ``why`` of the first ``pause_when`` rule that holds, else None.

    The newest answer decides: when the stage's rules read different exercises (the motive
    check and the five signs), only the rules that read the one answered last count. So a
    lean-out lifts once either check is taken again and no longer leans out.
    """
    pauses = [(pause.why, [condition(text) for text in pause.if_]) for pause in stage.pause_when]
    newest = facts.newest({key for _why, tests in pauses for key in _read_by(tests)})
    for why, tests in pauses:
        read = _read_by(tests)
        if read and newest not in read:
            continue
        if facts.holds(tests):
            return why
    return None


def _safety_status(reading: _Reading) -> Status:
    """Done once every screen was answered (or the answers lock coaching); a screen that is
    due again is the gate's business, so a done check never goes back to in progress."""
    own, pair = reading.own, reading.pair
    answered = (set(own.marks) | set(pair.marks)) - {rules.QUICK}
    if not answered:
        return "available"
    complete = (
        reading.partner is not None
        and set(rules.USER_SCREENS) <= set(own.marks)
        and set(rules.PARTNER_SCREENS) <= set(pair.marks)
    )
    block = reading.block
    if complete or (block is not None and block.code == "safety_lock"):
        return "done"
    return "in_progress"


def _last_screened(reading: _Reading) -> datetime | None:
    marks = [*reading.own.marks.values(), *reading.pair.marks.values()]
    return max((mark.at for mark in marks), default=None)


# -- the next step ---------------------------------------------------------------------


def _next(
    content: Program,
    states: dict[str, StageState],
    facts: _Facts,
    screened: datetime | None,
    locked: bool,
) -> Next | None:
    """The first recommendation that holds and points somewhere open, else the first stage
    not done, in the program's order. Safety first: those sending the user to the safety
    check come before the rest. A locked stage, paused ones included, is never the next
    step."""
    recs = [rec for stage in content.stages.values() for rec in stage.recommend_when]
    recs.sort(key=lambda rec: SAFETY_STAGE not in rec.then)
    for rec in recs:
        tests = [condition(text) for text in rec.if_]
        if not facts.holds(tests):
            continue
        since = facts.when(tests)
        for target in rec.then:
            stage_id, _dot, exercise_id = target.partition(".")
            if stage_id == SAFETY_STAGE and locked:
                continue
            found = content.stages[stage_id]
            if exercise_id and not _applies(found, exercise_id, facts):
                continue  # not for this person's answers (show_if): never the next step
            if _open(states[stage_id], exercise_id, facts, since, screened):
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
    """Whether a recommendation's target is worth pointing to: not locked (nor paused),
    and not already done since the answers that called for it."""
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


def _applies(stage: Stage, exercise_id: str, facts: _Facts) -> bool:
    found = next(each for each in stage.exercises if each.id == exercise_id)
    return shows(found, facts.value)


def _first_open(stage: Stage, facts: _Facts) -> str | None:
    """The stage's first exercise that applies (show_if) and is not yet answered, else its
    first that applies; None for external."""
    return applies_first_open(
        stage.exercises, lambda found: (stage.id, found) in facts.latest, facts.value
    )
