"""The rules a content file must follow beyond its shape, each reported at its line.

Pure Python. heartwork.program.content runs :func:`check_stage` on each file once pydantic
has accepted its shape, then :func:`check_references` across all files, so a reference to
an exercise, question or result that does not exist is caught with the line that made it.
The onboarding questions (content/onboarding.yaml) get :func:`check_questionnaire`, and
conditions may read their answers as ``onboarding.situation.QUESTION``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heartwork.program.applies import COUNT, is_local
from heartwork.program.schema import (
    BRANCH_STAGES,
    CONTACT_TOOLS,
    NOT_APPLICABLE,
    NUMERIC_OPS,
    ONBOARDING,
    ONBOARDING_QUESTION_TYPES,
    PERCENT_HIGH,
    RECONNECTION_STAGES,
    SCALE_HIGH,
    SCALE_LOW,
    SITUATION,
    STAGE_IDS,
    YES_NO,
    ConditionSyntaxError,
    Exercise,
    Question,
    Stage,
    parse_condition,
    question,
)
from heartwork.program.scoring import scale_bounds

Loc = tuple[str | int, ...]
# Words a question id may not take: they mean something else at that place in a reference.
RESERVED_IDS = frozenset({"result", "scale", COUNT})
# Where a safety lock sends the person: no tool there may help towards contact.
SAFE_PATH_STAGES = frozenset({"dont_go_back", "moving_on"})
# The most a ``stage.exercise.count`` condition may compare with; a unit's longest label.
COUNT_LIMIT = 10_000
UNIT_MAX_CHARS = 40


@dataclass(frozen=True, order=True)
class ContentError:
    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Source:
    """One content file: where it is, the line of every value in it, and what is wrong."""

    path: Path
    lines: dict[Loc, int]
    errors: list[ContentError] = field(default_factory=list)

    def line(self, loc: Sequence[str | int]) -> int:
        # The deepest part of ``loc`` the file has: a missing field points at its parent,
        # and the extra steps pydantic adds (a union's branch) are skipped.
        found: Loc = ()
        for part in loc:
            if (*found, part) in self.lines:
                found = (*found, part)
        return self.lines.get(found, 1)

    def report(self, loc: Sequence[str | int], reason: str) -> None:
        self.errors.append(ContentError(self.path, self.line(loc), reason))


@dataclass(frozen=True)
class Target:
    """What a condition's reference may be compared with: ids, or whole numbers in a range
    (and, for a scale that allows it, the word ``na`` as well)."""

    ids: frozenset[str] | None = None
    low: int = 0
    high: int = 0
    words: frozenset[str] = frozenset()


Resolver = Callable[[tuple[str, ...]], "Target | str"]


def _duplicates(ids: Sequence[str]) -> list[int]:
    seen: set[str] = set()
    found = []
    for i, value in enumerate(ids):
        if value in seen:
            found.append(i)
        seen.add(value)
    return found


def _unique(src: Source, loc: Loc, ids: Sequence[str], what: str) -> None:
    for i in _duplicates(ids):
        src.report((*loc, i, "id"), f"two {what} share the id {ids[i]!r}")


# -- one stage -----------------------------------------------------------------------


def check_stage(stage: Stage, src: Source) -> None:
    _check_identity(stage, src)
    _unique(src, ("exercises",), [ex.id for ex in stage.exercises], "exercises")
    _unique(src, ("ready_check",), [item.id for item in stage.ready_check], "ready checks")
    _unique(src, ("results",), [result.id for result in stage.results], "results")
    for i, exercise in enumerate(stage.exercises):
        _check_exercise(exercise, ("exercises", i), src)
    for i, target in enumerate(stage.unlocks):
        if target not in STAGE_IDS:
            src.report(("unlocks", i), f"unlocks an unknown stage {target!r}")
        elif target == stage.id:
            src.report(("unlocks", i), "a stage cannot unlock itself")
    for i in _duplicates(stage.unlocks):
        src.report(("unlocks", i), f"{stage.unlocks[i]!r} is listed twice")
    _check_tools(stage, src)


def _check_tools(stage: Stage, src: Source) -> None:
    """A stage's ``tools``: each app once; none on an external stage (its app is the tool);
    no tool that helps towards contact on the stages a safety lock leads to."""
    apps = [tool.app for tool in stage.tools]
    for i in _duplicates(apps):
        src.report(("tools", i, "app"), f"the tool {apps[i]!r} is listed twice")
    if stage.external and stage.tools:
        src.report(("tools",), f"an external stage's tool is its own app, {stage.external}")
    for i, app in enumerate(apps):
        if app in CONTACT_TOOLS and stage.id in SAFE_PATH_STAGES:
            src.report(
                ("tools", i, "app"),
                f"{app!r} helps towards contact: not a tool for {stage.id}, where a safety "
                "lock leads",
            )


def _check_identity(stage: Stage, src: Source) -> None:
    if stage.id not in STAGE_IDS:
        src.report(("id",), f"unknown stage id {stage.id!r}: use one of {', '.join(STAGE_IDS)}")
        return
    if src.path.stem != stage.id:
        src.report(("id",), f"the file for stage {stage.id!r} must be named {stage.id}.yaml")
    kind = "branch" if stage.id in BRANCH_STAGES else "main"
    if stage.kind != kind:
        src.report(("kind",), f"{stage.id} is a {kind} stage")
    if stage.id in RECONNECTION_STAGES and not stage.reconnection:
        src.report(("reconnection",), f"{stage.id} coaches contact: reconnection must be true")
    if stage.external:
        if stage.pause_when:
            src.report(("pause_when",), "an external stage is never paused: it stays open")
        if stage.exercises:
            src.report(("exercises",), f"an external stage's exercises live in {stage.external}")
        if not stage.results:
            src.report(("external",), "an external stage lists the results its app reports")
        return
    if stage.results:
        src.report(("results",), "only an external stage lists results; use scoring")
    if not stage.exercises:
        src.report(("id",), "a stage needs at least one exercise (or `external`)")
    if not stage.ready_check:
        src.report(("id",), "a stage needs a ready_check: how the person knows it is done")


def check_questionnaire(questions: Exercise, src: Source) -> None:
    """The onboarding questions: one reflection called ``situation``, that a plain form can
    ask all at once (their answers are read as ``onboarding.situation.QUESTION``)."""
    if questions.id != SITUATION:
        src.report(("id",), f"the onboarding questions are called {SITUATION!r}")
    if questions.type != "reflection":
        src.report(("type",), "the onboarding questions are a reflection")
    if questions.feeds_from:
        src.report(("feeds_from",), "the onboarding questions come first: they feed from nothing")
    if questions.show_if:
        src.report(("show_if",), "the onboarding questions are always asked: no show_if")
    if questions.summary is not None:
        src.report(("summary",), "the onboarding questions come first: nothing to sum up yet")
    for i, q in enumerate(questions.questions):
        if q.type not in ONBOARDING_QUESTION_TYPES:
            allowed = ", ".join(ONBOARDING_QUESTION_TYPES)
            src.report(("questions", i, "type"), f"an onboarding question is one of {allowed}")
        if q.ask_if is not None and not _is_local_text(q.ask_if):
            src.report(("questions", i, "ask_if"), "an onboarding follow-up names a question here")
    _check_exercise(questions, (), src)


def _check_exercise(exercise: Exercise, loc: Loc, src: Source) -> None:
    ids = [q.id for q in exercise.questions]
    _unique(src, (*loc, "questions"), ids, "questions")
    for i in range(len(exercise.questions)):
        _check_question(exercise, i, (*loc, "questions", i), src)
    _check_kind_fields(exercise, loc, src)
    if exercise.scoring is not None and exercise.type == "scored":
        _check_scoring(exercise, loc, src)
    if exercise.summary is not None and exercise.type != "reflection":
        src.report((*loc, "summary"), "a summary goes on a reflection: a look back, answered once")
    for i, ref in enumerate(exercise.feeds_from):
        if not 2 <= len(ref.split(".")) <= 3:
            src.report((*loc, "feeds_from", i), "write feeds_from as stage.exercise[.question]")


def _check_question(exercise: Exercise, index: int, loc: Loc, src: Source) -> None:
    q = exercise.questions[index]
    if q.id in RESERVED_IDS:
        src.report((*loc, "id"), f"{q.id!r} is reserved; choose another question id")
    if q.type in ("choice", "multi"):
        if len(q.options) < 2:
            src.report((*loc, "type"), f"a {q.type} question needs at least two options")
        _unique(src, (*loc, "options"), [option.id for option in q.options], "options")
    elif q.options:
        src.report((*loc, "options"), f"a {q.type} question has no options")
    if q.type != "scale" and (q.low or q.high):
        src.report((*loc, "type"), "low and high label the ends of a scale question")
    _check_answer_fields(q, loc, src)
    if exercise.type != "scored" and (q.weights or any(o.weights for o in q.options)):
        src.report((*loc, "id"), "weights belong to questions in a scored exercise")
    if q.ask_if is not None:
        if exercise.type == "scored":
            src.report((*loc, "ask_if"), "a scored exercise asks every question")
        earlier = exercise.questions[:index]
        # A full reference (another exercise's answer) is checked across files.
        if _is_local_text(q.ask_if):
            check_condition(q.ask_if, (*loc, "ask_if"), src, lambda ref: _local(earlier, ref))


def _is_local_text(text: str) -> bool:
    """Whether a condition names one question (or cannot be read: reported where local)."""
    try:
        return is_local(parse_condition(text).ref)
    except ConditionSyntaxError:
        return True


def _check_answer_fields(q: Question, loc: Loc, src: Source) -> None:
    """The fields only some question types take: a number's range and unit, a date's
    ``not_future``, a scale's ``allow_na``."""
    if q.type == "number":
        if q.min is None or q.max is None:
            src.report((*loc, "type"), "a number question needs min and max")
        elif q.min >= q.max:
            src.report((*loc, "max"), f"max ({q.max}) must be more than min ({q.min})")
        if q.unit is not None and len(q.unit) > UNIT_MAX_CHARS:
            src.report((*loc, "unit"), f"keep a unit to {UNIT_MAX_CHARS} characters, like days")
    else:
        for name in ("min", "max", "unit"):
            if getattr(q, name) is not None:
                src.report((*loc, name), f"{name} belongs to a number question")
    if q.type != "date" and q.not_future is not None:
        src.report((*loc, "not_future"), "not_future belongs to a date question")
    if q.type != "scale" and q.allow_na:
        src.report((*loc, "allow_na"), "allow_na belongs to a scale question")


def _check_kind_fields(exercise: Exercise, loc: Loc, src: Source) -> None:
    kind = exercise.type
    if (exercise.scoring is not None) != (kind == "scored"):
        src.report((*loc, "type"), "a scored exercise has scoring, and only a scored one")
    is_message = kind == "message"
    if is_message != (exercise.coach_kind is not None) or is_message != bool(exercise.draft):
        src.report((*loc, "type"), "a message exercise has coach_kind and draft, others neither")
    if is_message and exercise.draft:
        draft = question(exercise, exercise.draft)
        if draft is None or draft.type != "text":
            src.report((*loc, "draft"), f"draft must name a text question, not {exercise.draft!r}")
    for i, q in enumerate(exercise.questions):
        qloc = (*loc, "questions", i, "type")
        if kind == "scored" and (q.type not in ("choice", "scale") or not q.required):
            src.report(qloc, "a scored exercise asks required choice or scale questions")
        elif kind == "columns" and q.type != "text":
            src.report(qloc, "each column of a columns exercise is a text question")
        elif kind == "checklist" and q.type != "yes_no" and q.ask_if is None:
            src.report(qloc, "a checklist's items are yes_no questions (others as follow-ups)")
    if kind == "columns" and len(exercise.questions) < 2:
        src.report((*loc, "questions"), "a columns exercise has at least two columns")


def _check_scoring(exercise: Exercise, loc: Loc, src: Source) -> None:
    assert exercise.scoring is not None
    scoring = exercise.scoring
    sloc = (*loc, "scoring")
    scales = {scale.id for scale in scoring.scales}
    results = {result.id for result in scoring.results}
    _unique(src, (*sloc, "scales"), [scale.id for scale in scoring.scales], "scales")
    _unique(src, (*sloc, "results"), [result.id for result in scoring.results], "results")
    for i, q in enumerate(exercise.questions):
        qloc = (*loc, "questions", i)
        if q.type == "choice" and q.weights:
            src.report((*qloc, "weights"), "a choice question puts weights on its options")
        for name in q.weights:
            if name not in scales:
                src.report((*qloc, "weights", name), f"no scale is called {name!r}")
        for j, option in enumerate(q.options):
            for name in option.weights:
                if name not in scales:
                    src.report((*qloc, "options", j, "weights", name), f"no scale {name!r}")
    always = {q.id for q in exercise.questions if not q.allow_na}
    counted = scale_bounds(exercise, skip=frozenset(q.id for q in exercise.questions) - always)
    for name, (low, high) in scale_bounds(exercise).items():
        index = [scale.id for scale in scoring.scales].index(name) if name in scales else 0
        if name in scales and low == high:
            src.report((*sloc, "scales", index), f"no answer moves the scale {name!r}")
        elif name in scales and counted[name][0] == counted[name][1]:
            src.report(
                (*sloc, "scales", index),
                f"every question that moves the scale {name!r} allows 'does not apply': "
                "answered so, there would be nothing to score",
            )
    _check_rules(exercise, sloc, src, scales, results)


def _check_rules(
    exercise: Exercise, sloc: Loc, src: Source, scales: set[str], results: set[str]
) -> None:
    assert exercise.scoring is not None
    rules = exercise.scoring.rules
    given = set()
    for i, rule in enumerate(rules):
        rloc = (*sloc, "rules", i)
        if rule.result not in results:
            src.report((*rloc, "result"), f"no result is called {rule.result!r}")
        given.add(rule.result)
        last = i == len(rules) - 1
        if last and rule.if_:
            src.report((*rloc, "if"), "the last rule has no `if`: it is the answer otherwise")
        elif not last and not rule.if_:
            src.report(rloc, "only the last rule may leave out `if`")
        for j, text in enumerate(rule.if_):
            check_condition(text, (*rloc, "if", j), src, lambda ref: _scale(scales, ref))
    for i, result in enumerate(exercise.scoring.results):
        if result.id not in given:
            src.report((*sloc, "results", i), f"no rule gives the result {result.id!r}")


def _local(earlier: Sequence[Question], ref: tuple[str, ...]) -> Target | str:
    if len(ref) != 1:
        return "an ask_if names one earlier question of the same exercise"
    q = next((q for q in earlier if q.id == ref[0]), None)
    if q is None:
        return f"no earlier question is called {ref[0]!r}"
    return _answers_of(q)


def _scale(scales: set[str], ref: tuple[str, ...]) -> Target | str:
    if len(ref) != 1 or ref[0] not in scales:
        return f"{'.'.join(ref)!r} is not a scale of this exercise"
    return Target(low=0, high=PERCENT_HIGH)


def _answers_of(q: Question) -> Target | str:
    if q.type == "choice":
        return Target(ids=frozenset(option.id for option in q.options))
    if q.type == "yes_no":
        return Target(ids=frozenset(YES_NO))
    if q.type == "scale":
        words = frozenset({NOT_APPLICABLE}) if q.allow_na else frozenset()
        return Target(low=SCALE_LOW, high=SCALE_HIGH, words=words)
    if q.type == "number" and q.min is not None and q.max is not None:
        return Target(low=q.min, high=q.max)
    return f"a condition can test a choice, yes_no, scale or number answer, not {q.type}"


def check_condition(text: str, loc: Loc, src: Source, resolve: Resolver) -> None:
    try:
        condition = parse_condition(text)
    except ConditionSyntaxError as exc:
        src.report(loc, str(exc))
        return
    target = resolve(condition.ref)
    if isinstance(target, str):
        src.report(loc, target)
    elif target.ids is not None:
        if condition.op in NUMERIC_OPS:
            src.report(loc, f"'{condition.op}' compares numbers; {text!r} names choices")
        for value in condition.values:
            if value not in target.ids:
                choices = ", ".join(sorted(target.ids))
                src.report(loc, f"{value!r} is not a possible value here: one of {choices}")
    else:
        for value in condition.values:
            if isinstance(value, str) and value in target.words:
                if condition.op in NUMERIC_OPS:
                    src.report(loc, f"'{condition.op}' compares numbers, not {value!r}")
            elif not isinstance(value, int) or not target.low <= value <= target.high:
                src.report(loc, f"{value!r} is outside {target.low}-{target.high}")


# -- across files --------------------------------------------------------------------


def check_references(
    stages: Mapping[str, tuple[Stage, Source]], onboarding: Exercise | None = None
) -> None:
    """Conditions (of recommendations and pauses), targets and feeds_from that point into
    other stages, or into the onboarding questions (None when content/onboarding.yaml is
    missing or invalid)."""
    written = {stage_id: stage for stage_id, (stage, _) in stages.items()}

    def resolve(ref: tuple[str, ...]) -> Target | str:
        if ref[0] == ONBOARDING:
            return _situation(onboarding, ref)
        return _qualified(written, ref)

    for stage, src in stages.values():
        for i, rec in enumerate(stage.recommend_when):
            for j, text in enumerate(rec.if_):
                check_condition(text, ("recommend_when", i, "if", j), src, resolve)
            for j, target in enumerate(rec.then):
                reason = _stage_or_exercise(written, target)
                if reason:
                    src.report(("recommend_when", i, "then", j), reason)
        for i, pause in enumerate(stage.pause_when):
            for j, text in enumerate(pause.if_):
                check_condition(text, ("pause_when", i, "if", j), src, resolve)
        for i, exercise in enumerate(stage.exercises):
            for j, ref in enumerate(exercise.feeds_from):
                reason = _feed(written, stage.id, exercise.id, ref)
                if reason:
                    src.report(("exercises", i, "feeds_from", j), reason)
            _check_exercise_conditions(stage.id, exercise, ("exercises", i), src, resolve)


def _check_exercise_conditions(
    stage_id: str, exercise: Exercise, loc: Loc, src: Source, resolve: Resolver
) -> None:
    """An exercise's ``show_if``, and the follow-ups that read another exercise's answer:
    the references resolve, and none reads the exercise's own saved answers."""

    def elsewhere(ref: tuple[str, ...]) -> Target | str:
        if ref[:2] == (stage_id, exercise.id):
            return "a condition here cannot read this exercise's own saved answers"
        return resolve(ref)

    for j, text in enumerate(exercise.show_if):
        check_condition(text, (*loc, "show_if", j), src, elsewhere)
    for j, q in enumerate(exercise.questions):
        if q.ask_if is not None and not _is_local_text(q.ask_if):
            check_condition(q.ask_if, (*loc, "questions", j, "ask_if"), src, elsewhere)


def _written(written: Mapping[str, Stage], stage_id: str) -> Stage | str:
    if stage_id not in STAGE_IDS:
        return f"unknown stage {stage_id!r}"
    if stage_id not in written:
        return f"stage {stage_id!r} has no valid content file yet, so this cannot be checked"
    return written[stage_id]


def _exercise(written: Mapping[str, Stage], ref: Sequence[str]) -> Exercise | str:
    stage = _written(written, ref[0])
    if isinstance(stage, str):
        return stage
    exercise = stage.exercise(ref[1])
    return exercise or f"stage {ref[0]!r} has no exercise {ref[1]!r}"


def _qualified(written: Mapping[str, Stage], ref: tuple[str, ...]) -> Target | str:
    if len(ref) == 2 and ref[1] == "result":
        stage = _written(written, ref[0])
        if isinstance(stage, str):
            return stage
        if not stage.results:
            return f"stage {ref[0]!r} reports no result of its own; name an exercise"
        return Target(ids=frozenset(result.id for result in stage.results))
    if len(ref) not in (3, 4):
        return (
            f"{'.'.join(ref)!r}: use stage.result, stage.exercise.result, "
            "stage.exercise.question, stage.exercise.scale.NAME or stage.exercise.count"
        )
    exercise = _exercise(written, ref)
    if isinstance(exercise, str):
        return exercise
    if len(ref) == 3 and ref[2] == COUNT:
        return Target(low=0, high=COUNT_LIMIT)
    scored = exercise.scoring
    if ref[2] in ("result", "scale") and scored is None:
        return f"{ref[0]}.{ref[1]} is not a scored exercise"
    if len(ref) == 4:
        if ref[2] != "scale" or scored is None:
            return f"{'.'.join(ref)!r}: only stage.exercise.scale.NAME has four parts"
        return _scale({scale.id for scale in scored.scales}, ref[3:])
    if ref[2] == "result":
        assert scored is not None
        return Target(ids=frozenset(result.id for result in scored.results))
    q = question(exercise, ref[2])
    if q is None:
        return f"{ref[0]}.{ref[1]} has no question {ref[2]!r}"
    return _answers_of(q)


def _situation(onboarding: Exercise | None, ref: tuple[str, ...]) -> Target | str:
    if onboarding is None:
        return "content/onboarding.yaml has no valid questions yet, so this cannot be checked"
    # Named by the constant, not the file's id: a wrong id is reported once, at the id.
    if len(ref) != 3 or ref[1] != SITUATION:
        return f"{'.'.join(ref)!r}: write {ONBOARDING}.{SITUATION}.QUESTION"
    q = question(onboarding, ref[2])
    if q is None:
        return f"{ONBOARDING}.{SITUATION} has no question {ref[2]!r}"
    return _answers_of(q)


def _stage_or_exercise(written: Mapping[str, Stage], target: str) -> str | None:
    parts = target.split(".")
    if len(parts) == 1:
        return None if target in STAGE_IDS else f"recommends an unknown stage {target!r}"
    if len(parts) == 2:
        found = _exercise(written, parts)
        return found if isinstance(found, str) else None
    return f"recommend a stage or stage.exercise, not {target!r}"


def _feed(written: Mapping[str, Stage], stage_id: str, exercise_id: str, ref: str) -> str | None:
    parts = ref.split(".")
    if not 2 <= len(parts) <= 3:
        return None  # reported by check_stage
    if parts[:2] == [stage_id, exercise_id]:
        return "an exercise cannot feed from itself"
    exercise = _exercise(written, parts)
    if isinstance(exercise, str):
        return exercise
    if len(parts) == 3 and question(exercise, parts[2]) is None:
        return f"{parts[0]}.{parts[1]} has no question {parts[2]!r}"
    return None
