"""The content schema's newer parts, pure (no Django): number and date questions, "does not
apply" on a scale, option guidance, follow-ups that read another exercise, exercises shown
only for some answers (show_if), and how often an exercise was saved (count).

docs/program.md ("Questions", "Scoring", "Conditions") states each rule tested here.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.program.applies import (
    first_open,
    lookup_for,
    lookup_from,
    read,
    shows,
    visible,
)
from heartwork.program.content import load
from heartwork.program.schema import NOT_APPLICABLE, PERCENT_HIGH, Exercise
from heartwork.program.scoring import AnswerError, clean_answers, guidance_for, score

TODAY = date(2026, 3, 14)


def exercise(stage_id: str, exercise_id: str) -> Exercise:
    found = load().exercise(stage_id, exercise_id)
    assert found is not None, f"{stage_id}.{exercise_id}"
    return found


PLAN = exercise("space", "cool_down_plan")
WEEK = exercise("space", "week_check")
URGE = exercise("space", "urge_log")
MOTIVE = exercise("want_them_back", "motive_check")
CONSISTENCY = exercise("show_change", "consistency_check")
RESPONSE = exercise("reach_out", "response_log")
ROLE = exercise("betrayal", "my_role")
BETRAYAL = load().stages["betrayal"]


def answers(found: Exercise, **changed: Any) -> dict[str, Any]:
    """A usable answer to every question that is always asked, with some changed."""
    given: dict[str, Any] = {}
    for q in found.questions:
        if q.ask_if is not None or not q.required:
            continue
        if q.type == "text":
            given[q.id] = "Some honest words."
        elif q.type == "scale":
            given[q.id] = 3
        elif q.type == "yes_no":
            given[q.id] = "no"
        elif q.type == "number":
            given[q.id] = q.min
        elif q.type == "date":
            given[q.id] = "2026-03-01"
        else:
            given[q.id] = q.options[0].id
    given.update(changed)
    return given


def refused(found: Exercise, answers: dict[str, Any], **options: Any) -> AnswerError:
    with pytest.raises(AnswerError) as caught:
        clean_answers(found, answers, **options)
    return caught.value


@dataclass
class Row:
    """A saved answer set, as heartwork.program.models.ExerciseAnswer reads."""

    stage: str
    exercise: str
    answers: dict[str, Any] = field(default_factory=dict)
    result: str | None = None
    scales: dict[str, int] | None = None


# -- number --------------------------------------------------------------------------------


def test_a_number_question_takes_a_whole_number_in_its_range() -> None:
    q = next(q for q in WEEK.questions if q.type == "number")
    assert (q.min, q.max, q.unit) == (0, 3650, "days")

    clean = clean_answers(WEEK, answers(WEEK, days_since_contact=12))

    assert clean["days_since_contact"] == 12


@pytest.mark.parametrize("value", [-1, 3651, 2.5, "12", True, [3]])
def test_a_number_outside_its_range_or_not_whole_is_refused_naming_it(value: Any) -> None:
    error = refused(WEEK, answers(WEEK, days_since_contact=value))
    assert error.field == "days_since_contact"
    assert "0" in error.message and "3650" in error.message


# -- date ----------------------------------------------------------------------------------


def test_a_date_question_takes_an_iso_date() -> None:
    clean = clean_answers(PLAN, answers(PLAN, last_contact_on="2026-02-28"), today=TODAY)
    assert clean["last_contact_on"] == "2026-02-28"


def test_a_date_object_is_kept_as_year_month_day() -> None:
    clean = clean_answers(PLAN, answers(PLAN, last_contact_on=date(2026, 1, 2)), today=TODAY)
    assert clean["last_contact_on"] == "2026-01-02"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("14/03/2026", "year-month-day"),
        ("2026-3-1", "year-month-day"),
        ("20260301", "year-month-day"),
        (20260301, "year-month-day"),
        ("2026-02-30", "not a date in the calendar"),
        ("1850-01-01", "from 1900-01-01 on"),
        ("2026-03-16", "cannot be in the future"),
    ],
)
def test_a_bad_date_is_refused_naming_its_question(value: Any, words: str) -> None:
    error = refused(PLAN, answers(PLAN, last_contact_on=value), today=TODAY)
    assert error.field == "last_contact_on"
    assert words in error.message


def test_not_future_allows_one_day_ahead_for_time_zones() -> None:
    clean = clean_answers(PLAN, answers(PLAN, last_contact_on="2026-03-15"), today=TODAY)
    assert clean["last_contact_on"] == "2026-03-15"


def test_a_date_that_may_be_in_the_future_is_kept() -> None:
    clean = clean_answers(PLAN, answers(PLAN, ends_on="2031-01-01"), today=TODAY)
    assert clean["ends_on"] == "2031-01-01"


# -- does not apply ---------------------------------------------------------------------------


def test_a_scale_that_allows_it_takes_does_not_apply() -> None:
    plans = next(q for q in MOTIVE.questions if q.id == "miss_plans")
    assert plans.allow_na

    clean = clean_answers(MOTIVE, answers(MOTIVE, miss_plans=NOT_APPLICABLE))

    assert clean["miss_plans"] == "na"


def test_a_scale_that_does_not_allow_it_refuses_does_not_apply() -> None:
    error = refused(MOTIVE, answers(MOTIVE, start_over=NOT_APPLICABLE))
    assert error.field == "start_over"


def test_does_not_apply_leaves_the_question_out_of_its_scale() -> None:
    # future: miss_plans and start_over, one point per step each (0-100 over 0-8 raw).
    both = score(MOTIVE, answers(MOTIVE, miss_plans=5, start_over=3)).scales["future"]
    alone = score(MOTIVE, answers(MOTIVE, miss_plans=NOT_APPLICABLE, start_over=3))

    assert both == 75  # (4 + 2) of 8
    assert alone.scales["future"] == 50  # 2 of 4: start_over on its own
    unchanged = score(MOTIVE, answers(MOTIVE, start_over=3)).scales
    assert {k: v for k, v in alone.scales.items() if k != "future"} == {
        k: v for k, v in unchanged.items() if k != "future"
    }


def test_a_patience_question_that_did_not_come_up_is_left_out() -> None:
    calm = score(CONSISTENCY, answers(CONSISTENCY, asked_credit=1, pushed_pace=1, calm_doubt=1))
    unasked = score(
        CONSISTENCY, answers(CONSISTENCY, asked_credit=1, pushed_pace=1, calm_doubt="na")
    )
    assert calm.scales["patience"] < unasked.scales["patience"] == PERCENT_HIGH


NA_ONLY = Exercise.model_validate(
    {
        "id": "na_only",
        "title": "A check",
        "intro": "Answer both.",
        "type": "scored",
        "questions": [
            {"id": "one", "type": "scale", "text": "One?", "allow_na": True, "weights": {"a": 1}},
            {"id": "two", "type": "scale", "text": "Two?", "allow_na": True, "weights": {"a": 1}},
        ],
        "scoring": {
            "scales": [{"id": "a", "title": "A", "about": "The a scale."}],
            "results": [
                {"id": "high", "title": "High", "explain": "A lot."},
                {"id": "low", "title": "Low", "explain": "Not much."},
            ],
            "rules": [{"if": "a >= 50", "result": "high"}, {"result": "low"}],
        },
    }
)


def test_a_scored_check_answered_does_not_apply_throughout_names_the_exercise() -> None:
    with pytest.raises(AnswerError) as caught:
        score(NA_ONLY, {"one": "na", "two": "na"})

    assert caught.value.field == "one"
    assert "na_only" in caught.value.message
    assert "nothing to score" in caught.value.message
    assert score(NA_ONLY, {"one": "na", "two": 5}).scales == {"a": PERCENT_HIGH}


@given(
    st.fixed_dictionaries(
        {"one": st.sampled_from([1, 2, 3, 4, 5, "na"]), "two": st.sampled_from([1, 3, 5, "na"])}
    )
)
def test_with_does_not_apply_a_scale_stays_between_0_and_100_or_is_refused(
    given_answers: dict[str, Any],
) -> None:
    if given_answers == {"one": "na", "two": "na"}:
        with pytest.raises(AnswerError):
            score(NA_ONLY, given_answers)
        return
    result = score(NA_ONLY, given_answers)
    assert 0 <= result.scales["a"] <= PERCENT_HIGH
    assert result == score(NA_ONLY, dict(reversed(given_answers.items())))


# -- guidance ---------------------------------------------------------------------------------


def test_each_response_in_the_response_log_comes_with_its_next_step() -> None:
    response = next(q for q in RESPONSE.questions if q.id == "response")
    assert all(option.guidance for option in response.options)

    found = guidance_for(RESPONSE, {"response": "no_reply", "how_long": "days"})

    assert [(g.question, g.option) for g in found] == [("response", "no_reply")]
    assert "send nothing more" in found[0].text


def test_guidance_follows_every_chosen_option_and_none_without_one() -> None:
    assert guidance_for(RESPONSE, {}) == []
    assert guidance_for(ROLE, {"role": "broke", "fear_or_control": "no"}) == []
    assert [g.option for g in guidance_for(ROLE, {"fear_or_control": "yes"})] == ["yes"]


# -- a follow-up that reads another exercise ---------------------------------------------------


def practical_lookup(needed: str | None) -> Any:
    rows = [] if needed is None else [Row("space", "cool_down_plan", {"needed_contact": needed})]
    return lookup_from(rows)


def test_a_follow_up_on_another_exercise_is_asked_after_that_answer() -> None:
    entry = answers(URGE)

    error = refused(URGE, entry, lookup=practical_lookup("yes"))
    assert error.field == "practical"
    clean = clean_answers(URGE, {**entry, "practical": "yes"}, lookup=practical_lookup("yes"))
    assert clean["practical"] == "yes"


@pytest.mark.parametrize("needed", ["no", None])
def test_a_follow_up_on_another_exercise_is_dropped_when_that_answer_says_so(
    needed: str | None,
) -> None:
    clean = clean_answers(
        URGE, {**answers(URGE), "practical": "yes"}, lookup=practical_lookup(needed)
    )
    assert "practical" not in clean


def test_without_a_lookup_such_a_follow_up_is_kept_but_never_asked_for() -> None:
    assert "practical" not in clean_answers(URGE, answers(URGE))
    assert clean_answers(URGE, {**answers(URGE), "practical": "no"})["practical"] == "no"


# -- what conditions read, and show_if ----------------------------------------------------------


def test_conditions_read_the_newest_save_and_count_every_save() -> None:
    rows = [
        Row("space", "urge_log", {"strength": 2, "wanted": "message", "trigger": "A song."}),
        Row("space", "urge_log", {"strength": 5, "wanted": "show_up"}),
        Row("want_them_back", "motive_check", {}, "unsure", {"person": 40}),
    ]
    lookup = lookup_from(rows, safety=lambda: "green")

    assert lookup(("space", "urge_log", "wanted")) == "message"  # the newest entry
    assert lookup(("space", "urge_log", "count")) == 2
    assert lookup(("space", "week_check", "count")) == 0
    assert lookup(("space", "week_check", "contact")) is None
    assert lookup(("want_them_back", "motive_check", "result")) == "unsure"
    assert lookup(("want_them_back", "motive_check", "scale", "person")) == 40
    assert lookup(("safety_check", "result")) == "green"


def test_read_is_what_a_condition_sees_of_one_row() -> None:
    row = Row("space", "urge_log", {"strength": 4, "ok": True, "picked": ["a"]})
    assert read(("space", "urge_log", "strength"), row) == 4
    assert read(("space", "urge_log", "ok"), row) is None
    assert read(("space", "urge_log", "picked"), row) is None
    assert read(("space", "urge_log", "count"), None, 3) == 3
    assert read(("space", "urge_log", "strength"), None) is None


def role(answer: str | None) -> Any:
    rows = [] if answer is None else [Row("betrayal", "my_role", {"role": answer})]
    return lookup_from(rows)


EVERY_BETRAYAL_EXERCISE = [found.id for found in BETRAYAL.exercises]


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (None, EVERY_BETRAYAL_EXERCISE),
        ("broke", ["my_role", "honest_account", "trust_timeline"]),
        ("betrayed", ["my_role", "what_i_need", "triggers", "forgive_pace"]),
        ("both", EVERY_BETRAYAL_EXERCISE),
    ],
)
def test_each_betrayal_role_gets_its_own_exercises(answer: str | None, shown: list[str]) -> None:
    assert [exercise.id for exercise in visible(BETRAYAL.exercises, role(answer))] == shown


def test_an_unanswered_condition_never_hides_an_exercise() -> None:
    honest = BETRAYAL.exercise("honest_account")
    assert honest is not None
    assert shows(honest, lookup_from([]))
    assert shows(honest, lookup_from([Row("betrayal", "my_role", {"what_happened": "x"})]))
    assert not shows(honest, role("betrayed"))


def test_the_first_open_exercise_skips_those_that_do_not_apply() -> None:
    def answered(*ids: str) -> Any:
        return lambda found: found in ids

    exercises = BETRAYAL.exercises
    assert first_open(exercises, answered("my_role"), role("betrayed")) == "what_i_need"
    assert first_open(exercises, answered("my_role"), role("broke")) == "honest_account"
    done = answered("my_role", "honest_account", "trust_timeline")
    assert first_open(exercises, done, role("broke")) == "my_role"
    assert first_open([], answered(), role(None)) is None


class Reader:
    """What heartwork.program.selectors offers lookup_for, counting its reads."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.reads: list[str] = []

    def latest_answer(self, user: object, stage_id: str, exercise_id: str) -> Row | None:
        self.reads.append(f"latest {stage_id}.{exercise_id}")
        return next(
            (r for r in self.rows if (r.stage, r.exercise) == (stage_id, exercise_id)), None
        )

    def answers_to(self, user: object, stage_id: str, exercise_id: str) -> Any:
        self.reads.append(f"count {stage_id}.{exercise_id}")
        found = [r for r in self.rows if (r.stage, r.exercise) == (stage_id, exercise_id)]

        class Counted:
            def count(self) -> int:
                return len(found)

        return Counted()

    def safety_result(self, user: object) -> str | None:
        self.reads.append("safety")
        return "amber"


def test_lookup_for_reads_only_what_is_asked_and_each_thing_once() -> None:
    reader = Reader([Row("betrayal", "my_role", {"role": "broke"})])
    lookup = lookup_for(object(), reader)

    assert [exercise.id for exercise in visible(BETRAYAL.exercises, lookup)] == [
        "my_role",
        "honest_account",
        "trust_timeline",
    ]
    assert lookup(("betrayal", "triggers", "count")) == 0
    assert lookup(("betrayal", "triggers", "count")) == 0
    assert lookup(("safety_check", "result")) == "amber"
    assert lookup(("safety_check", "result")) == "amber"
    assert reader.reads == ["latest betrayal.my_role", "count betrayal.triggers", "safety"]


KEYS = [("betrayal", "my_role"), ("space", "urge_log"), ("space", "week_check")]
ROWS = st.lists(
    st.builds(
        lambda key, role: Row(key[0], key[1], {"role": role}),
        st.sampled_from(KEYS),
        st.sampled_from(["broke", "betrayed", "both"]),
    ),
    max_size=12,
)


@given(ROWS)
def test_a_lookup_reads_the_newest_row_and_counts_them_all(rows: list[Row]) -> None:
    lookup = lookup_from(rows)
    for stage_id, exercise_id in KEYS:
        mine = [row for row in rows if (row.stage, row.exercise) == (stage_id, exercise_id)]
        assert lookup((stage_id, exercise_id, "count")) == len(mine)
        assert lookup((stage_id, exercise_id, "role")) == (
            mine[0].answers["role"] if mine else None
        )


@given(ROWS)
def test_whatever_was_answered_the_role_question_shows_and_no_exercise_is_lost(
    rows: list[Row],
) -> None:
    lookup = lookup_from(rows)
    shown = visible(BETRAYAL.exercises, lookup)
    assert shown[0].id == "my_role"
    assert [found for found in BETRAYAL.exercises if found in shown] == shown
    assert first_open(BETRAYAL.exercises, lambda found: False, lookup) == "my_role"


def test_before_any_answer_every_exercise_in_the_content_shows() -> None:
    assert all(shows(found, lookup_from([])) for _, found in load().exercises())


def test_the_applies_module_runs_without_django() -> None:
    code = (
        "import sys, heartwork.program.applies, heartwork.program.scoring\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
