"""The program's content schema, version 1: typed models for ``content/stages/*.yaml`` and
``content/onboarding.yaml``.

Pure Python (pydantic, no Django). This module holds the shapes and the public stage
contract; the rules that span fields, exercises and files (ids that must exist, scoring
that must add up, references between stages) live in heartwork.program.content, which
knows the line every value came from. docs/program.md describes each field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

# Bump when a change would make an older content file mean something else (house rule 7).
SCHEMA_VERSION = 1

# The public stage ids (issue 5): the program's order, main path first, then the branches.
MAIN_STAGES = (
    "safety_check",
    "want_them_back",
    "what_went_wrong",
    "space",
    "work_on_myself",
    "own_mistakes",
    "reach_out",
    "show_change",
    "closeness",
    "agreements",
)
BRANCH_STAGES = ("betrayal", "can_it_be_saved", "dont_go_back", "moving_on")
STAGE_IDS = MAIN_STAGES + BRANCH_STAGES
# Stages that coach contact or closeness with the partner: the safety gate locks them, so a
# content edit may never mark one of them as ordinary.
RECONNECTION_STAGES = frozenset({"reach_out", "show_change", "closeness", "agreements"})
# The situation questions asked at the start (content/onboarding.yaml). Not a stage: their
# answers are stored under this name and read by conditions as ``onboarding.situation.Q``.
ONBOARDING = "onboarding"
SITUATION = "situation"
# What the onboarding form can show without JavaScript: one control per question.
ONBOARDING_QUESTION_TYPES = ("choice", "yes_no", "text")

EXERCISE_TYPES = ("reflection", "checklist", "scored", "columns", "message", "log")
QUESTION_TYPES = ("text", "choice", "scale", "yes_no", "multi", "number", "date")
# The draft kinds the message coach knows (heartwork.coach.KIND_CHOICES without "auto").
COACH_KINDS = ("apology", "reach_out", "conflict_reply")
# Apps that run a stage's exercises themselves instead of this program.
EXTERNAL_APPS = ("safety",)
# What an exercise's ``summary`` may gather: today only the growth summary
# (heartwork.program.growth), built from what the person did across the app.
SUMMARY_KINDS = ("growth",)
# The apps a stage's ``tools`` may link to, each with the URL name of its page.
TOOL_URL_NAMES = {
    "space": "space:home",
    "checkin": "checkin:page",
    "trust": "trust:home",
    "rituals": "rituals:home",
    "journal": "journal:list",
    "wellbeing": "wellbeing:home",
    "coach": "coach:page",
}
TOOL_APPS = tuple(TOOL_URL_NAMES)
# Tools that help towards contact or closeness with the partner: they show only while the
# safety gate lets coaching run, and never on the stages a safety lock leads to.
CONTACT_TOOLS = frozenset({"coach", "rituals"})
YES_NO = ("yes", "no")
SCALE_LOW, SCALE_HIGH = 1, 5
# A scale question with ``allow_na: true`` also takes this answer: "does not apply".
NOT_APPLICABLE = "na"
# The widest range a ``number`` question may allow (its own ``min`` and ``max`` sit inside).
NUMBER_LIMIT = 1_000_000
# Scales in a scored exercise are reported as 0-100, so thresholds survive new questions.
PERCENT_HIGH = 100

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=r"\S")]
Weight = Annotated[int, Field(ge=-10, le=10)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _as_list(value: Any) -> Any:
    """``if: a == b`` reads better than a one-item list; both are accepted."""
    return [value] if isinstance(value, str) else value


class Option(_Model):
    id: Id
    text: Text
    # Scored exercises only: points this answer adds to each named scale.
    weights: dict[Id, Weight] = {}
    # What could help next, shown after saving when this option was chosen.
    guidance: Text | None = None


class Question(_Model):
    id: Id
    type: Literal["text", "choice", "scale", "yes_no", "multi", "number", "date"]
    text: Text
    help: Text | None = None
    required: bool = True
    options: list[Option] = []
    # Scale questions: what 1 and 5 mean.
    low: Text | None = None
    high: Text | None = None
    # Scored scale questions: points per step above 1, per scale (negative scores reversed).
    weights: dict[Id, Weight] = {}
    # A follow-up: asked only when an earlier question in the same exercise says so, or
    # (a full ``stage.exercise.question`` reference) the newest answer to another exercise.
    ask_if: str | None = None
    # Number questions: the whole numbers allowed, and what they count ("days").
    min: Annotated[int, Field(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)] | None = None
    max: Annotated[int, Field(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)] | None = None
    unit: Text | None = None
    # Date questions: refuse a date after today.
    not_future: bool | None = None
    # Scale questions: offer "does not apply", stored as NOT_APPLICABLE.
    allow_na: bool = False


class Scale(_Model):
    id: Id
    title: Text
    about: Text


class Result(_Model):
    id: Id
    title: Text
    explain: Text


class Rule(_Model):
    # Conditions on scales (``person >= 60``), all of which must hold; none on the last rule.
    if_: list[str] = Field(default=[], alias="if")
    result: Id

    @field_validator("if_", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return _as_list(value)


class Scoring(_Model):
    scales: list[Scale] = Field(min_length=1)
    results: list[Result] = Field(min_length=2)
    rules: list[Rule] = Field(min_length=2)


class Exercise(_Model):
    id: Id
    title: Text
    intro: Text
    type: Literal["reflection", "checklist", "scored", "columns", "message", "log"]
    questions: list[Question] = Field(min_length=1)
    scoring: Scoring | None = None
    # Message exercises: which coach kind checks the draft, and which question holds it.
    coach_kind: Literal["apology", "reach_out", "conflict_reply"] | None = None
    draft: Id | None = None
    # Answers this exercise starts from: ``stage.exercise`` or ``stage.exercise.question``.
    feeds_from: list[str] = []
    # Shown only while these conditions hold (a condition nobody answered yet never hides).
    show_if: list[str] = []
    # ``growth``: the page and the API also show what the person did across the app.
    summary: Literal["growth"] | None = None

    @field_validator("show_if", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return _as_list(value)


class Questionnaire(Exercise):
    """content/onboarding.yaml: one exercise-shaped set of questions, with its own version."""

    schema_version: Literal[1]


class ReadyItem(_Model):
    id: Id
    text: Text
    # Shown when the answer is no: what to do before moving on.
    if_not: Text


class Recommendation(_Model):
    if_: list[str] = Field(alias="if", min_length=1)
    then: list[str] = Field(min_length=1)
    why: Text

    @field_validator("if_", "then", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return _as_list(value)


class Pause(_Model):
    """A soft lock (``pause_when``): the stage waits while ``if`` holds, and says ``why``.

    Only for a stage not yet started; the person can open it anyway (docs/program.md,
    "Progress and gating"). The safety gate is the only hard lock.
    """

    if_: list[str] = Field(alias="if", min_length=1)
    why: Text

    @field_validator("if_", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return _as_list(value)


class Tool(_Model):
    """A link from a stage to one of the app's own tools, with why it fits this stage."""

    app: Literal["space", "checkin", "trust", "rituals", "journal", "wellbeing", "coach"]
    why: Text


class Stage(_Model):
    schema_version: Literal[1]
    id: Id
    title: Text
    purpose: Text
    kind: Literal["main", "branch"]
    reconnection: bool
    external: Literal["safety"] | None = None
    # External stages: the outcomes their app reports, for conditions elsewhere.
    results: list[Result] = []
    reading: list[Text] = Field(min_length=1)
    exercises: list[Exercise] = []
    ready_check: list[ReadyItem] = []
    unlocks: list[str] = []
    recommend_when: list[Recommendation] = []
    # Soft locks: conditions on the person's own answers that suggest waiting.
    pause_when: list[Pause] = []
    # Links to the app's tools that go with this stage (TOOL_APPS).
    tools: list[Tool] = []

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((ex for ex in self.exercises if ex.id == exercise_id), None)


def question(exercise: Exercise, question_id: str) -> Question | None:
    return next((q for q in exercise.questions if q.id == question_id), None)


# -- conditions ----------------------------------------------------------------------
# One small grammar for every condition in the content: ``REF OP VALUE``. REF is dotted
# (see docs/program.md for what each length means); VALUE is an id, a whole number, or a
# bracketed list of ids after ``in`` / ``not in``.

OPS = ("==", "!=", ">=", "<=", ">", "<", "in", "not in")
NUMERIC_OPS = frozenset({">=", "<=", ">", "<"})
_CONDITION = re.compile(
    r"^\s*(?P<ref>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\s*"
    r"(?P<op>==|!=|>=|<=|>|<|not\s+in\b|in\b)\s*(?P<value>.*?)\s*$"
)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER = re.compile(r"^-?\d+$")


class ConditionSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Condition:
    ref: tuple[str, ...]
    op: str
    values: tuple[str | int, ...]

    @property
    def numeric(self) -> bool:
        return all(isinstance(value, int) for value in self.values)

    def holds(self, actual: str | int | None) -> bool:
        """Whether an answer or result ``actual`` meets this condition (None never does)."""
        if actual is None:
            return False
        if self.op in ("in", "not in"):
            return (actual in self.values) == (self.op == "in")
        expected = self.values[0]
        if self.op in NUMERIC_OPS:
            if not isinstance(actual, int) or not isinstance(expected, int):
                return False
            return {
                ">=": actual >= expected,
                "<=": actual <= expected,
                ">": actual > expected,
                "<": actual < expected,
            }[self.op]
        return (actual == expected) == (self.op == "==")


def _value(token: str, text: str) -> str | int:
    if _NUMBER.match(token):
        return int(token)
    if _ID.match(token):
        return token
    raise ConditionSyntaxError(f"{token!r} in {text!r} is not an id or a whole number")


def parse_condition(text: str) -> Condition:
    """``want_them_back.motive_check.result == lean_out`` → a Condition."""
    match = _CONDITION.match(text)
    if match is None:
        raise ConditionSyntaxError(
            f"cannot read the condition {text!r}: write REF OP VALUE, e.g. 'person >= 60', "
            f"with OP one of {', '.join(OPS)}"
        )
    op = " ".join(match["op"].split())
    raw = match["value"]
    if op in ("in", "not in"):
        if not (raw.startswith("[") and raw.endswith("]")):
            raise ConditionSyntaxError(f"after '{op}' write a list in brackets: [a, b]")
        tokens = [token.strip() for token in raw[1:-1].split(",")]
        if not all(tokens):
            raise ConditionSyntaxError(f"the list in {text!r} has an empty item")
        values = tuple(_value(token, text) for token in tokens)
    else:
        if not raw:
            raise ConditionSyntaxError(f"the condition {text!r} has nothing to compare with")
        values = (_value(raw, text),)
        if op in NUMERIC_OPS and not isinstance(values[0], int):
            raise ConditionSyntaxError(f"'{op}' compares numbers, not {raw!r}")
    return Condition(ref=tuple(match["ref"].split(".")), op=op, values=values)


# -- text ----------------------------------------------------------------------------


def texts(stage: Stage | Exercise) -> Iterator[tuple[str, str, bool]]:
    """Every user-facing string: (where, text, is_prose). Titles and options are not prose.

    Used by the reading-level, own-words and gender-neutral tests, and by anything that
    needs to walk all of a content file's words (translation, search): a stage, or the
    onboarding questions (an exercise of their own).
    """
    if isinstance(stage, Exercise):
        yield from _exercise_texts(stage)
        return
    yield "title", stage.title, False
    yield "purpose", stage.purpose, True
    for i, paragraph in enumerate(stage.reading):
        yield f"reading[{i}]", paragraph, True
    for result in stage.results:
        yield from _result_texts(f"results.{result.id}", result)
    for exercise in stage.exercises:
        yield from _exercise_texts(exercise)
    for item in stage.ready_check:
        yield f"ready_check.{item.id}", item.text, True
        yield f"ready_check.{item.id}.if_not", item.if_not, True
    for i, rec in enumerate(stage.recommend_when):
        yield f"recommend_when[{i}].why", rec.why, True
    for i, pause in enumerate(stage.pause_when):
        yield f"pause_when[{i}].why", pause.why, True
    for tool in stage.tools:
        yield f"tools.{tool.app}.why", tool.why, True


def _result_texts(where: str, result: Result) -> Iterator[tuple[str, str, bool]]:
    yield where, result.title, False
    yield f"{where}.explain", result.explain, True


def _exercise_texts(exercise: Exercise) -> Iterator[tuple[str, str, bool]]:
    where = exercise.id
    yield where, exercise.title, False
    yield f"{where}.intro", exercise.intro, True
    for q in exercise.questions:
        yield f"{where}.{q.id}", q.text, True
        if q.help:
            yield f"{where}.{q.id}.help", q.help, True
        for label in (q.low, q.high, q.unit):
            if label:
                yield f"{where}.{q.id}.label", label, False
        for option in q.options:
            yield f"{where}.{q.id}.{option.id}", option.text, False
            if option.guidance:
                yield f"{where}.{q.id}.{option.id}.guidance", option.guidance, True
    if exercise.scoring:
        for scale in exercise.scoring.scales:
            yield f"{where}.scales.{scale.id}", scale.title, False
            yield f"{where}.scales.{scale.id}.about", scale.about, True
        for result in exercise.scoring.results:
            yield from _result_texts(f"{where}.results.{result.id}", result)
