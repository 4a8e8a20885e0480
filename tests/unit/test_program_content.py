"""The content loader, its conditions, scoring and the reading-level measure: no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.program.content import check_dir, load
from heartwork.program.readability import grade, syllables
from heartwork.program.schema import (
    PERCENT_HIGH,
    SCALE_HIGH,
    SCALE_LOW,
    ConditionSyntaxError,
    Exercise,
    parse_condition,
)
from heartwork.program.scoring import AnswerError, clean_answers, scale_bounds, score


def exercise(stage_id: str, exercise_id: str) -> Exercise:
    found = load().exercise(stage_id, exercise_id)
    assert found is not None, f"{stage_id}.{exercise_id} is not in the content"
    return found


MOTIVE = exercise("want_them_back", "motive_check")
EROSION = exercise("what_went_wrong", "slow_erosion")
COLUMNS = exercise("what_went_wrong", "three_columns")


def answer_strategy(exercise: Exercise) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            q.id: st.integers(SCALE_LOW, SCALE_HIGH)
            if q.type == "scale"
            else st.sampled_from([option.id for option in q.options])
            for q in exercise.questions
        }
    )


def motive(**changed: Any) -> dict[str, Any]:
    """Middle answers everywhere (3, or the second option), with some changed."""
    found: dict[str, Any] = {
        q.id: 3 if q.type == "scale" else q.options[1].id for q in MOTIVE.questions
    }
    found.update(changed)
    return found


# -- purity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    [
        "heartwork.program.content",
        "heartwork.program.scoring",
        "heartwork.program.readability",
    ],
)
def test_the_loader_and_scoring_import_and_run_without_django(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "from heartwork.program.content import load\n"
        "load()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"


# -- scoring ---------------------------------------------------------------------------


@given(answer_strategy(MOTIVE))
def test_every_scale_stays_between_0_and_100(answers: dict[str, Any]) -> None:
    result = score(MOTIVE, answers)
    assert set(result.scales) == {"person", "routine", "identity", "future"} | {
        "happiness",
        "respect",
        "growth",
    }
    assert all(0 <= value <= PERCENT_HIGH for value in result.scales.values())
    assert result.result.id in {"lean_in", "unsure", "lean_out"}


@given(answer_strategy(MOTIVE))
def test_the_same_answers_always_give_the_same_result(answers: dict[str, Any]) -> None:
    first, second = score(MOTIVE, answers), score(MOTIVE, dict(reversed(answers.items())))
    assert first == second


def test_the_lowest_and_highest_answers_reach_0_and_100() -> None:
    low = {q.id: SCALE_LOW for q in MOTIVE.questions if q.type == "scale"}
    high = {q.id: SCALE_HIGH for q in MOTIVE.questions if q.type == "scale"}
    scored_low = score(MOTIVE, {**low, "happy_often": "rarely"})
    scored_high = score(MOTIVE, {**high, "happy_often": "mostly"})
    assert scored_low.scales["routine"] == 0 and scored_high.scales["routine"] == PERCENT_HIGH
    assert scored_low.scales["happiness"] == 0
    assert scored_high.scales["happiness"] == PERCENT_HIGH


def test_missing_the_person_in_a_warm_respectful_relationship_leans_in() -> None:
    answers = motive(
        miss_who=5,
        miss_talking=5,
        meet_again=4,
        miss_couple=1,
        happy_often="often",
        close_not_used=4,
        felt_respected=5,
        earning_approval=1,
        growing=4,
        same_fight=2,
    )
    assert score(MOTIVE, answers).result.id == "lean_in"


def test_feeling_disrespected_leans_out_however_much_they_are_missed() -> None:
    answers = motive(miss_who=5, miss_talking=5, felt_respected=1, earning_approval=5)
    result = score(MOTIVE, answers)
    assert result.scales["respect"] == 0
    assert result.result.id == "lean_out"


def test_missing_the_routine_more_than_the_person_leans_out() -> None:
    answers = motive(miss_who=2, miss_talking=2, meet_again=2, miss_habits=5, empty_hours=5)
    assert score(MOTIVE, answers).result.id == "lean_out"


def test_middle_answers_are_unsure() -> None:
    result = score(MOTIVE, motive())
    assert result.result.id == "unsure"
    assert "mixed" in result.result.explain


def test_a_reversed_question_counts_against_its_scale() -> None:
    assert scale_bounds(MOTIVE)["respect"] == (-4, 4)
    calm = score(MOTIVE, motive(earning_approval=1)).scales["respect"]
    chasing = score(MOTIVE, motive(earning_approval=5)).scales["respect"]
    assert calm > chasing


# -- reach_out's readiness check: any one sign of "not now" is enough ---------------------

READINESS = exercise("reach_out", "readiness")
READY = {
    "welcome": "none",
    "coping": "steady",
    "cooled": "done",
    "time_of_day": "day",
    "clear_head": "clear",
    "reason": "offer",
    "ok_silence": 5,
    "ok_no": 5,
    "calm_now": 5,
}


def test_calm_at_a_good_moment_after_the_cool_down_and_ready_for_silence_is_ready() -> None:
    assert score(READINESS, READY).result.id == "ready"


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"welcome": "yes"}, "stop"),
        ({"welcome": "not_sure"}, "stop"),
        ({"coping": "struggling"}, "care_first"),
        ({"cooled": "not_yet"}, "wait"),
        ({"cooled": "no_plan"}, "wait"),
        ({"time_of_day": "late"}, "wait"),
        ({"clear_head": "had_some"}, "wait"),
        ({"reason": "ease_pain"}, "wait"),
        ({"ok_silence": 3}, "wait"),
        ({"ok_no": 3}, "wait"),
        ({"calm_now": 2}, "wait"),
    ],
)
def test_one_sign_of_not_now_is_enough_to_wait(changed: dict[str, Any], expected: str) -> None:
    assert score(READINESS, {**READY, **changed}).result.id == expected


@given(answer_strategy(READINESS))
def test_late_at_night_in_crisis_or_unwelcome_is_never_ready(answers: dict[str, Any]) -> None:
    result = score(READINESS, answers).result.id
    if answers["welcome"] != "none":
        assert result == "stop"
    elif answers["coping"] == "struggling":
        assert result == "care_first"
    if answers["time_of_day"] == "late" or answers["cooled"] != "done":
        assert result != "ready"


# -- answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"miss_who": 6}, "miss_who"),
        ({"miss_who": True}, "miss_who"),
        ({"miss_who": "5"}, "miss_who"),
        ({"happy_often": "always"}, "happy_often"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"growing": None}, "growing"),
    ],
)
def test_a_bad_answer_names_its_question(changed: dict[str, Any], field: str) -> None:
    with pytest.raises(AnswerError) as caught:
        clean_answers(MOTIVE, motive(**changed))
    assert caught.value.field == field


def test_a_follow_up_is_asked_only_after_a_yes() -> None:
    answers = {q.id: "no" for q in EROSION.questions if q.type == "yes_no"}
    answers["drifted"] = "yes"
    with pytest.raises(AnswerError) as caught:
        clean_answers(EROSION, answers)
    assert caught.value.field == "drifted_who"
    clean = clean_answers(EROSION, {**answers, "drifted_who": "both", "jealousy_who": "me"})
    assert clean["drifted_who"] == "both"
    assert "jealousy_who" not in clean  # not called for: dropped, not refused


def test_a_column_is_a_list_of_short_entries() -> None:
    with pytest.raises(AnswerError) as caught:
        clean_answers(COLUMNS, {"what_i_did": ["x"], "what_they_did": ["y"]})
    assert caught.value.field == "our_loop"
    clean = clean_answers(
        COLUMNS,
        {
            "what_i_did": [" Stopped asking about their day ", ""],
            "what_they_did": "Went quiet for days",
            "our_loop": ["I pushed, they pulled away"],
        },
    )
    assert clean["what_i_did"] == ["Stopped asking about their day"]
    assert clean["what_they_did"] == ["Went quiet for days"]


# -- conditions ------------------------------------------------------------------------


def test_conditions_read_ids_numbers_and_lists() -> None:
    rule = parse_condition("want_them_back.motive_check.result == lean_out")
    assert rule.ref == ("want_them_back", "motive_check", "result")
    assert rule.holds("lean_out") and not rule.holds("unsure") and not rule.holds(None)
    listed = parse_condition("safety_check.result not in [green, amber]")
    assert listed.op == "not in" and listed.holds("red") and not listed.holds("green")
    assert parse_condition("person >= 60").holds(60)
    assert not parse_condition("person >= 60").holds("sixty")


@pytest.mark.parametrize(
    "text", ["person => 60", "person >= sixty", "x in a, b", "x ==", "x in [a, ]", "X == a"]
)
def test_an_unreadable_condition_is_refused(text: str) -> None:
    with pytest.raises(ConditionSyntaxError):
        parse_condition(text)


# -- YAML details ----------------------------------------------------------------------


CONTENT = Path(__file__).resolve().parents[2] / "content" / "stages"


def write_stage(tmp_path: Path, text: str) -> Path:
    (tmp_path / "stages").mkdir()
    path = tmp_path / "stages" / "want_them_back.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yes_and_no_stay_words_in_content(tmp_path: Path) -> None:
    text = (CONTENT / "want_them_back.yaml").read_text(encoding="utf-8")
    text = text.replace("{id: try, text:", "{id: yes, text:")
    write_stage(tmp_path, text.replace("lean_now == let_go", "lean_now == yes"))
    _, errors = check_dir(tmp_path)
    # `yes` is read as the word, not as true (YAML 1.1), so the option and condition match.
    assert errors == []


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("schema_version: 1\nid: a\nid: b\n", 3, "appears twice"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "merge keys"),
        ("schema_version: 1\ntitle: !!binary aGk=\n", 2, "unsupported YAML tag"),
        ("", 1, "empty"),
        ("- just\n- a list\n", 1, "mapping"),
        ("schema_version: 2\n", 1, "schema_version 1"),
    ],
)
def test_yaml_problems_are_reported_at_their_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write_stage(tmp_path, text)
    found, errors = check_dir(tmp_path)
    assert found is None
    assert (errors[0].path, errors[0].line) == (path, line)
    assert reason in errors[0].reason


def test_a_file_that_is_not_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "space.yaml").write_bytes(b"schema_version: 1\ntitle: caf\xe9\n")
    _, errors = check_dir(tmp_path)
    assert [(error.line, error.reason) for error in errors] == [(2, "not UTF-8 text")]


# -- reading level ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("talking", 2), ("respected", 3), ("relationship", 4), ("the", 1)],
)
def test_syllables_are_estimated_from_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


def test_long_words_in_long_sentences_read_as_a_higher_grade() -> None:
    plain = "We talked less. We guessed more. It hurt."
    dense = (
        "Communication gradually deteriorated, and assumptions increasingly substituted "
        "for genuine conversation, generating considerable resentment between partners."
    )
    assert grade(plain) < 3 < 12 < grade(dense)
    assert grade([plain, dense]) == pytest.approx(grade(f"{plain}\n{dense}"))


# -- rules beyond the shape ------------------------------------------------------------

MINIMAL = """\
schema_version: 1
id: {id}
title: A stage
kind: {kind}
reconnection: {reconnection}
purpose: Why this stage is here.
reading:
  - One short paragraph.
exercises:
  - id: only
    title: One exercise
    intro: What to do.
    type: reflection
    questions:
      - id: first
        type: yes_no
        text: Is this a question?
ready_check:
  - id: done
    text: I am done.
    if_not: Keep going.
"""


def minimal(tmp_path: Path, stage_id: str, extra: str = "", **fields: str) -> list[str]:
    values = {"id": stage_id, "kind": "main", "reconnection": "false", **fields}
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / f"{stage_id}.yaml").write_text(
        MINIMAL.format(**values) + extra, encoding="utf-8"
    )
    _, errors = check_dir(tmp_path)
    return [f"{error.line}: {error.reason}" for error in errors]


def test_a_minimal_stage_is_valid(tmp_path: Path) -> None:
    assert minimal(tmp_path, "space") == []


@pytest.mark.parametrize(
    ("stage_id", "fields", "extra", "expected"),
    [
        ("reach_out", {}, "", "5: reach_out coaches contact: reconnection must be true"),
        ("betrayal", {}, "", "4: betrayal is a branch stage"),
        ("space", {"kind": "side"}, "", "4: kind: Input should be 'main' or 'branch'"),
        ("space", {}, "unlocks: [space]\n", "22: a stage cannot unlock itself"),
        ("space", {}, "external: safety\n", "10: an external stage's exercises live in safety"),
        (
            "space",
            {},
            "recommend_when:\n  - if: space.only.first == maybe\n    then: moving_on\n"
            "    why: Because.\n",
            "23: 'maybe' is not a possible value here: one of no, yes",
        ),
        (
            "space",
            {},
            "recommend_when:\n  - if: space.only.result == x\n    then: moving_on\n"
            "    why: Because.\n",
            "23: space.only is not a scored exercise",
        ),
        (
            "space",
            {},
            "recommend_when:\n  - if: closeness.rituals.result == x\n    then: moving_on\n"
            "    why: Because.\n",
            "23: stage 'closeness' has no valid content file yet, so this cannot be checked",
        ),
    ],
)
def test_content_rules_are_reported_at_their_line(
    tmp_path: Path, stage_id: str, fields: dict[str, str], extra: str, expected: str
) -> None:
    assert expected in minimal(tmp_path, stage_id, extra, **fields)


SCORED = MINIMAL.replace(
    "    type: reflection\n",
    "    type: scored\n",
).replace(
    "        type: yes_no\n        text: Is this a question?\n",
    "        type: scale\n        text: How much?\n        weights: {{a: 1}}\n"
    "    scoring:\n"
    "      scales: [{{id: a, title: A, about: The a scale.}}]\n"
    "      results:\n"
    "        - {{id: high, title: High, explain: A lot.}}\n"
    "        - {{id: low, title: Low, explain: Not much.}}\n"
    "{rules}",
)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("      rules:\n        - {if: a >= 50, result: high}\n        - {result: low}\n", None),
        (
            "      rules:\n        - {if: a >= 50, result: high}\n"
            "        - {if: a < 50, result: low}\n",
            "the last rule has no `if`",
        ),
        (
            "      rules:\n        - {if: a >= 50, result: high}\n        - {result: high}\n",
            "no rule gives the result 'low'",
        ),
        (
            "      rules:\n        - {if: b >= 50, result: high}\n        - {result: low}\n",
            "'b' is not a scale of this exercise",
        ),
        (
            "      rules:\n        - {if: a >= 150, result: high}\n        - {result: low}\n",
            "150 is outside 0-100",
        ),
    ],
)
def test_scoring_rules_are_checked(tmp_path: Path, rules: str, expected: str | None) -> None:
    text = SCORED.format(id="space", kind="main", reconnection="false", rules=rules)
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "space.yaml").write_text(text, encoding="utf-8")
    found, errors = check_dir(tmp_path)
    if expected is None:
        assert errors == []
        assert found is not None
        scored = found.exercise("space", "only")
        assert scored is not None
        assert score(scored, {"first": 5}).result.id == "high"
        assert score(scored, {"first": 2}).result.id == "low"
    else:
        assert any(expected in error.reason for error in errors), errors
