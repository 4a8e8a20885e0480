"""The program's content is valid, plain, in our own words and gender-neutral.

docs/program.md ("Writing rules") states each measure these tests apply.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from heartwork.coach import KIND_CHOICES
from heartwork.languages import TRANSLATED
from heartwork.program.content import Program, check_dir, check_translation, default_dir, load
from heartwork.program.readability import ease_es, grade
from heartwork.program.schema import (
    COACH_KINDS,
    RECONNECTION_STAGES,
    STAGE_IDS,
    Exercise,
    Stage,
    texts,
)
from heartwork.safety.scanner import LEVELS

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
RUN = 8
# Flesch-Kincaid grade 8 is about a 13-year-old's reading; pooled per file. A single
# paragraph or question may run a little harder, but not past grade 10.
GRADE_PER_FILE = 8.0
GRADE_PER_TEXT = 10.0
LONG_ENOUGH_TO_MEASURE = 12  # words; shorter texts swing too much to grade alone
GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|boyfriend|girlfriend|husband|wife|"
    r"boyfriends|girlfriends|husbands|wives)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def program() -> Program:
    return load()


def stages() -> list[Stage | Exercise]:
    """Every content file's words: each stage, then the onboarding questions."""
    found = load()
    onboarding = [found.onboarding] if found.onboarding is not None else []
    return [*found.stages.values(), *onboarding]


def name(document: Stage | Exercise) -> str:
    return document.id if isinstance(document, Stage) else "onboarding"


def test_every_content_file_validates() -> None:
    found, errors = check_dir(default_dir())
    assert [str(error) for error in errors] == []
    assert found is not None


def test_every_file_in_the_stages_folder_is_a_public_stage(program: Program) -> None:
    names = {path.stem for path in (default_dir() / "stages").glob("*.yaml")}
    assert names == set(program.stages)
    assert names <= set(STAGE_IDS)


def test_the_first_stages_are_written(program: Program) -> None:
    assert {"safety_check", "want_them_back", "what_went_wrong"} <= set(program.stages)


@pytest.mark.parametrize("stage", stages(), ids=name)
def test_each_file_reads_at_grade_8_or_below_on_average(stage: Stage | Exercise) -> None:
    prose = [text for _, text, is_prose in texts(stage) if is_prose]
    assert grade(prose) <= GRADE_PER_FILE


@pytest.mark.parametrize("stage", stages(), ids=name)
def test_no_single_text_is_much_harder_than_the_rest(stage: Stage | Exercise) -> None:
    hard = {
        where: round(grade(text), 1)
        for where, text, is_prose in texts(stage)
        if is_prose and len(text.split()) >= LONG_ENOUGH_TO_MEASURE
        if grade(text) > GRADE_PER_TEXT
    }
    assert hard == {}


@pytest.mark.parametrize("stage", stages(), ids=name)
def test_content_is_gender_neutral(stage: Stage | Exercise) -> None:
    found = {where: GENDERED.findall(text) for where, text, _ in texts(stage)}
    assert {where: words for where, words in found.items() if words} == {}


def _words(text: str) -> list[str]:
    # Letters of any language ("razón" is one word), so translated content is compared too.
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text.lower().replace("\u2019", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_no_content_text_shares_eight_words_in_a_row_with_any_seed(program: Program) -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.iterdir():
        if seed.is_file():
            seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="ignore")))
    assert seed_runs, "the seeds were not read"
    copied = {
        f"{language}:{name(stage)}.{where}": sorted(
            " ".join(run) for run in _runs(_words(text)) & seed_runs
        )
        for language, found in [
            ("en", stages()),
            *((code, translated(code)) for code in TRANSLATED),
        ]
        for stage in found
        for where, text, _ in texts(stage)
    }
    assert {where: runs for where, runs in copied.items() if runs} == {}


# -- translations (Spanish: Fernández-Huerta reading ease, the same seeds) -------------
# "Fairly easy" (70) or easier, pooled per file, as the English targets grade 8; a single long
# text may dip to the top of "fairly difficult" (50), as an English one may reach grade 10.
EASE_PER_FILE = 70.0
EASE_PER_TEXT = 50.0


def translated(code: str) -> list[Stage | Exercise]:
    """A language's content files that are right so far (the mirror test names the rest)."""
    found, _ = check_translation(default_dir(), code, load())
    onboarding = [found.onboarding] if found.onboarding is not None else []
    return [*found.stages.values(), *onboarding]


@pytest.mark.parametrize("stage", translated("es"), ids=name)
def test_each_spanish_file_reads_fairly_easy_or_easier_on_average(stage: Stage | Exercise) -> None:
    prose = [text for _, text, is_prose in texts(stage) if is_prose]
    assert ease_es(prose) >= EASE_PER_FILE


@pytest.mark.parametrize("stage", translated("es"), ids=name)
def test_no_single_spanish_text_is_much_harder_than_the_rest(stage: Stage | Exercise) -> None:
    hard = {
        where: round(ease_es(text), 1)
        for where, text, is_prose in texts(stage)
        if is_prose and len(text.split()) >= LONG_ENOUGH_TO_MEASURE
        if ease_es(text) < EASE_PER_TEXT
    }
    assert hard == {}


def test_the_spanish_content_is_read_by_these_tests() -> None:
    assert {name(stage) for stage in translated("es")} == {name(stage) for stage in stages()}


def test_the_safety_stage_reports_exactly_the_safety_levels(program: Program) -> None:
    stage = program.stages["safety_check"]
    assert stage.external == "safety"
    assert tuple(result.id for result in stage.results) == LEVELS


def test_exactly_the_stages_that_coach_contact_are_gated(program: Program) -> None:
    for stage in program.stages.values():
        assert stage.reconnection == (stage.id in RECONNECTION_STAGES)


def test_message_exercises_use_the_kinds_the_coach_knows() -> None:
    assert set(COACH_KINDS) == set(KIND_CHOICES) - {"auto"}


def test_the_motive_check_can_send_a_person_to_every_honest_outcome(program: Program) -> None:
    stage = program.stages["want_them_back"]
    targets = {
        (condition, target)
        for rec in stage.recommend_when
        for condition in rec.if_
        for target in rec.then
    }
    check = "want_them_back.motive_check.result"
    assert (f"{check} == lean_out", "dont_go_back") in targets
    assert (f"{check} == lean_out", "moving_on") in targets
    assert (f"{check} == unsure", "can_it_be_saved") in targets


def test_both_ways_of_moving_on_are_reached_every_way_and_told_as_a_success(
    program: Program,
) -> None:
    away = {"dont_go_back", "moving_on"}
    rules = [
        rec
        for stage in program.stages.values()
        for rec in stage.recommend_when
        if away & set(rec.then)
    ]
    conditions = {condition for rec in rules for condition in rec.if_}
    # From safety, from a lean-out, from the signs; and by choice, since they are never locked.
    assert "safety_check.result in [red, high_danger, crisis]" in conditions
    assert "want_them_back.motive_check.result == lean_out" in conditions
    assert "can_it_be_saved.five_signs.result == lean_out" in conditions
    for stage_id in sorted(away):
        stage = program.stages[stage_id]
        assert not stage.reconnection and not stage.pause_when, stage_id
        told = " ".join([stage.purpose, *stage.reading, *(item.text for item in stage.ready_check)])
        assert re.search(r"not a failure|a success|good outcome|a strength", told), stage_id
    for text in [rec.why for rec in rules] + [program.stages[s].purpose for s in sorted(away)]:
        # "Fail" only ever as "not a failure".
        assert text.lower().count("fail") == text.lower().count("not a failure"), text


def test_the_pattern_map_is_built_from_the_columns_and_the_checklist(program: Program) -> None:
    pattern_map = program.exercise("what_went_wrong", "pattern_map")
    assert pattern_map is not None
    assert pattern_map.feeds_from == [
        "what_went_wrong.three_columns",
        "what_went_wrong.slow_erosion",
    ]
    columns = program.exercise("what_went_wrong", "three_columns")
    assert columns is not None
    assert [q.id for q in columns.questions] == ["what_i_did", "what_they_did", "our_loop"]
    # Reused later: the growth goals, the apology builder (its first step) and agreements.
    for stage_id, exercise_id in (
        ("work_on_myself", "growth_goals"),
        ("own_mistakes", "what_i_own"),
        ("agreements", "how_we_argue"),
    ):
        found = program.exercise(stage_id, exercise_id)
        assert found is not None
        assert any(ref.startswith("what_went_wrong.pattern_map") for ref in found.feeds_from)
    apology = program.exercise("own_mistakes", "apology_draft")
    assert apology is not None and "own_mistakes.what_i_own" in apology.feeds_from


# -- the onboarding questions (content/onboarding.yaml) ----------------------------------


def test_the_situation_questions_ask_what_issue_5_lists(program: Program) -> None:
    questions = program.onboarding
    assert questions is not None
    assert questions.id == "situation"
    asked = {q.id: [option.id for option in q.options] for q in questions.questions}
    assert asked["standing"] == ["together", "on_break", "apart"]
    assert asked["who_ended"] == ["me", "them", "both", "not_ended"]
    assert "daily" in asked["last_contact"]
    assert {"none", "broke", "betrayed", "both", "not_sure"} == set(asked["betrayal"])
    assert {"asked_space", "asked_no_contact", "blocked", "not_sure"} <= set(
        asked["asked_for_space"]
    )
    notes = next(q for q in questions.questions if q.type == "text")
    assert not notes.required


def _with_onboarding(
    tmp_path: Path, old: str, new: str, name: str = "onboarding.yaml"
) -> list[str]:
    """A copy of the content with one edit in one file: its errors as 'file:line: reason'."""
    copy = tmp_path / "content"
    shutil.copytree(default_dir(), copy)
    path = copy / name if name == "onboarding.yaml" else copy / "stages" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, errors = check_dir(copy)
    return [f"{error.path.name}:{error.line}: {error.reason}" for error in errors]


def test_a_condition_on_a_situation_question_that_does_not_exist_is_an_error(
    tmp_path: Path,
) -> None:
    errors = _with_onboarding(
        tmp_path,
        "onboarding.situation.who_ended == them",
        "onboarding.situation.who_left == them",
        "what_went_wrong.yaml",
    )
    assert len(errors) == 1
    assert "onboarding.situation has no question 'who_left'" in errors[0]
    assert errors[0].startswith("what_went_wrong.yaml:")


def test_a_condition_on_an_answer_the_situation_cannot_give_is_an_error(tmp_path: Path) -> None:
    errors = _with_onboarding(tmp_path, "{id: them, text: They did}", "{id: they, text: They did}")
    assert any("'them' is not a possible value here" in error for error in errors), errors


def test_without_an_onboarding_file_a_condition_on_it_cannot_be_checked(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(default_dir(), copy)
    (copy / "onboarding.yaml").unlink()

    _, errors = check_dir(copy)

    assert errors
    assert all("onboarding.yaml has no valid questions" in error.reason for error in errors)


def test_the_onboarding_file_is_checked_at_its_line(tmp_path: Path) -> None:
    errors = _with_onboarding(tmp_path, "id: situation", "id: where_we_are")
    assert errors == ["onboarding.yaml:7: the onboarding questions are called 'situation'"]
    errors = _with_onboarding(
        tmp_path / "again", "type: choice\n    text: Who ended", "type: scale\n    text: Who ended"
    )
    assert any("an onboarding question is one of choice, yes_no, text" in e for e in errors), errors


# -- pauses (pause_when): a soft lock after a lean-out ----------------------------------


def test_the_four_reconnection_stages_pause_after_either_check_leans_out(
    program: Program,
) -> None:
    for stage in program.stages.values():
        conditions = {text for pause in stage.pause_when for text in pause.if_}
        if stage.id in RECONNECTION_STAGES:
            assert conditions == {
                "want_them_back.motive_check.result == lean_out",
                "can_it_be_saved.five_signs.result == lean_out",
            }, stage.id
        else:
            assert conditions == set(), f"{stage.id}: only contact steps wait after a lean-out"


def test_every_pause_says_kindly_that_it_can_be_opened_anyway(program: Program) -> None:
    for stage_id in RECONNECTION_STAGES:
        for pause in program.stages[stage_id].pause_when:
            assert "not a judgment" in pause.why
            assert "open this stage" in pause.why
            assert "not a failure" in pause.why
        whys = [where for where, _, prose in texts(program.stages[stage_id]) if prose]
        # The reasons are prose: the reading-level, own-words and neutral-words tests see them.
        assert "pause_when[0].why" in whys and "pause_when[1].why" in whys


def line_of(tmp_path: Path, text: str, name: str) -> int:
    """The line of ``text`` in the edited copy made by _with_onboarding."""
    lines = (tmp_path / "content" / "stages" / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        (
            "want_them_back.motive_chek.result == lean_out",
            "stage 'want_them_back' has no exercise 'motive_chek'",
        ),
        ("nowhere.motive_check.result == lean_out", "unknown stage 'nowhere'"),
        (
            "want_them_back.motive_check.result == lean_away",
            "'lean_away' is not a possible value here: one of lean_in, lean_out, unsure",
        ),
        (
            "want_them_back.motive_check.respect >= 20",
            "want_them_back.motive_check has no question 'respect'",
        ),
        ("want_them_back.motive_check.result = lean_out", "cannot read the condition"),
    ],
)
def test_a_pause_condition_is_checked_at_its_line(tmp_path: Path, new: str, reason: str) -> None:
    errors = _with_onboarding(
        tmp_path, "want_them_back.motive_check.result == lean_out", new, "reach_out.yaml"
    )

    line = line_of(tmp_path, new, "reach_out.yaml")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"reach_out.yaml:{line}: "), errors
    assert reason in errors[0]


def test_a_pause_needs_a_reason_and_a_condition(tmp_path: Path) -> None:
    why = "    why: >-\n      The five signs pointed away for now"
    errors = _with_onboarding(
        tmp_path, why, "    because: >-\n      The five signs", "show_change.yaml"
    )
    line = line_of(tmp_path, "because: >-", "show_change.yaml")
    assert errors == [
        f"show_change.yaml:{line - 1}: pause_when[1].why: this field is required",
        f"show_change.yaml:{line}: pause_when[1].because: not a field here (see docs/program.md)",
    ]

    errors = _with_onboarding(
        tmp_path / "again",
        "  - if: can_it_be_saved.five_signs.result == lean_out\n    why: >-\n      The five",
        "  - if: []\n    why: >-\n      The five",
        "show_change.yaml",
    )
    line = line_of(tmp_path / "again", "- if: []", "show_change.yaml")
    assert errors == [
        f"show_change.yaml:{line}: pause_when[1].if: List should have at least 1 item after "
        "validation, not 0"
    ]


def test_the_safety_check_is_never_paused(tmp_path: Path) -> None:
    pause = (
        "\npause_when:\n  - if: want_them_back.motive_check.result == lean_out\n    why: Not now.\n"
    )
    errors = _with_onboarding(
        tmp_path, "\nrecommend_when:\n", pause + "recommend_when:\n", "safety_check.yaml"
    )

    # At the list, the line after the key (where the value starts).
    line = line_of(tmp_path, "- if: want_them_back.motive_check.result", "safety_check.yaml")
    assert errors == [f"safety_check.yaml:{line}: an external stage is never paused: it stays open"]


# -- question types, show_if, follow-ups on other exercises, count (issue 5) ---------------


def _edited_line(tmp_path: Path, text: str, name: str) -> int:
    """The first line holding ``text`` in the copy _with_onboarding edited."""
    found = tmp_path / "content" / (name if name == "onboarding.yaml" else f"stages/{name}")
    lines = found.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_each_betrayal_role_has_exercises_shown_only_for_it(program: Program) -> None:
    stage = program.stages["betrayal"]
    conditions = {exercise.id: exercise.show_if for exercise in stage.exercises}
    assert conditions["my_role"] == []
    broke = ["betrayal.my_role.role in [broke, both]"]
    betrayed = ["betrayal.my_role.role in [betrayed, both]"]
    assert conditions == {
        "my_role": [],
        "honest_account": broke,
        "trust_timeline": broke,
        "what_i_need": betrayed,
        "triggers": betrayed,
        "forgive_pace": betrayed,
    }


def test_the_new_question_types_are_used_where_the_content_needs_them(program: Program) -> None:
    types = {
        (stage.id, exercise.id, q.id): q
        for stage, exercise in program.exercises()
        for q in exercise.questions
    }
    assert types[("space", "cool_down_plan", "last_contact_on")].type == "date"
    assert types[("space", "cool_down_plan", "last_contact_on")].not_future
    assert types[("space", "cool_down_plan", "ends_on")].type == "date"
    assert types[("space", "week_check", "days_since_contact")].type == "number"
    assert types[("space", "urge_log", "practical")].ask_if == (
        "space.cool_down_plan.needed_contact == yes"
    )
    assert types[("show_change", "consistency_check", "calm_doubt")].allow_na


@pytest.mark.parametrize(
    ("old", "new", "name", "reason"),
    [
        (
            "show_if: betrayal.my_role.role in [broke, both]\n    feeds_from: [betrayal.my_role]",
            "show_if: betrayal.my_role.side in [broke, both]\n    feeds_from: [betrayal.my_role]",
            "betrayal.yaml",
            "betrayal.my_role has no question 'side'",
        ),
        (
            "show_if: betrayal.my_role.role in [broke, both]\n    feeds_from: [betrayal.my_role]",
            "show_if: betrayal.my_role.role in [cheated, both]\n    feeds_from: [betrayal.my_role]",
            "betrayal.yaml",
            "'cheated' is not a possible value here",
        ),
        (
            "show_if: betrayal.my_role.role in [broke, both]\n    feeds_from: [betrayal.my_role]",
            "show_if: betrayal.honest_account.ended_contact == fully\n"
            "    feeds_from: [betrayal.my_role]",
            "betrayal.yaml",
            "cannot read this exercise's own saved answers",
        ),
        (
            "ask_if: space.cool_down_plan.needed_contact == yes",
            "ask_if: space.cool_down_plans.needed_contact == yes",
            "space.yaml",
            "stage 'space' has no exercise 'cool_down_plans'",
        ),
        (
            "ask_if: space.cool_down_plan.needed_contact == yes",
            "ask_if: space.cool_down_plan.needed_contact == maybe",
            "space.yaml",
            "'maybe' is not a possible value here: one of no, yes",
        ),
        (
            "ask_if: space.cool_down_plan.needed_contact == yes",
            "ask_if: space.cool_down_plan.start == yes",
            "space.yaml",
            "space.cool_down_plan has no question 'start'",
        ),
        ("        min: 0\n", "", "space.yaml", "a number question needs min and max"),
        ("        min: 0\n", "        min: 4000\n", "space.yaml", "max (3650) must be more"),
        ("        unit: days\n", "        unit: 3\n", "space.yaml", "Input should be a valid"),
        (
            "        not_future: true\n",
            "        not_future: true\n        unit: days\n",
            "space.yaml",
            "unit belongs to a number question",
        ),
        (
            "        allow_na: true\n",
            "        allow_na: true\n        not_future: false\n",
            "show_change.yaml",
            "not_future belongs to a date question",
        ),
        (
            "      - id: practical\n        type: yes_no\n",
            "      - id: practical\n        type: yes_no\n        allow_na: true\n",
            "space.yaml",
            "allow_na belongs to a scale question",
        ),
        (
            "      - id: practical\n",
            "      - id: count\n",
            "space.yaml",
            "'count' is reserved",
        ),
    ],
)
def test_the_new_fields_are_checked_at_their_line(
    tmp_path: Path, old: str, new: str, name: str, reason: str
) -> None:
    errors = _with_onboarding(tmp_path, old, new, name)

    assert any(error.startswith(f"{name}:") and reason in error for error in errors), errors


def test_a_show_if_error_points_at_its_line(tmp_path: Path) -> None:
    errors = _with_onboarding(
        tmp_path,
        "show_if: betrayal.my_role.role in [betrayed, both]\n    feeds_from: [betrayal.my_role]",
        "show_if: betrayal.my_role.role in [hurt]\n    feeds_from: [betrayal.my_role]",
        "betrayal.yaml",
    )
    line = _edited_line(tmp_path, "in [hurt]", "betrayal.yaml")
    assert errors == [
        f"betrayal.yaml:{line}: 'hurt' is not a possible value here: one of betrayed, both, broke"
    ]


def test_a_scale_only_does_not_apply_answers_could_move_is_an_error(tmp_path: Path) -> None:
    start_over = (
        "frightens me.\n        low: Not at all\n        high: Very much\n"
        "        weights: {future: 1}"
    )
    errors = _with_onboarding(
        tmp_path,
        start_over,
        start_over.replace("weights", "allow_na: true\n        weights"),
        "want_them_back.yaml",
    )
    assert len(errors) == 1, errors
    assert "every question that moves the scale 'future' allows 'does not apply'" in errors[0]


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        ("space.urge_log.count >= 3", None),
        ("space.week_check.days_since_contact >= 21", None),
        ("want_them_back.motive_check.miss_plans == na", None),
        ("want_them_back.motive_check.miss_plans in [na, 5]", None),
        ("space.urge_log.count >= 20000", "20000 is outside 0-10000"),
        ("space.urge_log.count == often", "'often' is outside 0-10000"),
        ("space.week_check.days_since_contact >= 5000", "5000 is outside 0-3650"),
        ("want_them_back.motive_check.start_over == na", "'na' is outside 1-5"),
        ("space.cool_down_plan.last_contact_on == 3", "not date"),
        ("onboarding.situation.count >= 1", "onboarding.situation has no question 'count'"),
    ],
)
def test_counts_numbers_and_does_not_apply_can_be_tested(
    tmp_path: Path, condition: str, reason: str | None
) -> None:
    errors = _with_onboarding(
        tmp_path, "if: space.urge_log.wanted == show_up", f"if: {condition}", "space.yaml"
    )
    if reason is None:
        assert errors == []
    else:
        assert len(errors) == 1 and reason in errors[0], errors


def test_the_onboarding_questions_have_no_show_if_and_no_outside_follow_up(
    tmp_path: Path,
) -> None:
    errors = _with_onboarding(
        tmp_path, "id: situation\n", "id: situation\nshow_if: space.urge_log.count >= 1\n"
    )
    assert any("the onboarding questions are always asked: no show_if" in e for e in errors)
    errors = _with_onboarding(
        tmp_path / "again",
        "    type: choice\n    text: Who ended",
        "    type: choice\n    ask_if: space.urge_log.count >= 1\n    text: Who ended",
    )
    assert any("an onboarding follow-up names a question here" in e for e in errors), errors


# -- growth summaries and tools for a stage ---------------------------------------------------


def test_the_growth_summary_is_on_both_ways_of_moving_on(program: Program) -> None:
    flagged = {
        f"{stage.id}.{exercise.id}"
        for stage, exercise in program.exercises()
        if exercise.summary == "growth"
    }
    assert flagged == {"moving_on.growth_summary", "dont_go_back.look_back"}


def test_the_tools_named_in_the_content_are_the_known_apps_with_pages() -> None:
    from typing import get_args

    from django.urls import reverse

    from heartwork.program.schema import SUMMARY_KINDS, TOOL_APPS, TOOL_URL_NAMES, Exercise, Tool

    assert get_args(Tool.model_fields["app"].annotation) == TOOL_APPS
    assert get_args(get_args(Exercise.model_fields["summary"].annotation)[0]) == SUMMARY_KINDS
    for name in TOOL_URL_NAMES.values():
        assert reverse(name).startswith("/")


def test_each_stage_offers_the_tools_that_go_with_it(program: Program) -> None:
    offered = {
        stage.id: [tool.app for tool in stage.tools]
        for stage in program.stages.values()
        if stage.tools
    }
    assert offered == {
        "space": ["space"],
        "work_on_myself": ["checkin", "journal"],
        "own_mistakes": ["coach"],
        "reach_out": ["coach"],
        "show_change": ["trust"],
        "closeness": ["rituals"],
        "dont_go_back": ["wellbeing"],
        "moving_on": ["wellbeing"],
    }
    # Why each fits is prose: the reading-level, own-words and neutral-words tests read it.
    whys = {where for where, _, prose in texts(program.stages["work_on_myself"]) if prose}
    assert {"tools.checkin.why", "tools.journal.why"} <= whys


@pytest.mark.parametrize(
    ("old", "new", "name", "at", "reason"),
    [
        (
            "  - app: space\n",
            "  - app: diary\n",
            "space.yaml",
            "app: diary",
            "tools[0].app: Input should be 'space', 'checkin'",
        ),
        (
            "  - app: wellbeing\n",
            "  - app: coach\n",
            "dont_go_back.yaml",
            "app: coach",
            "'coach' helps towards contact: not a tool for dont_go_back",
        ),
        (
            "  - app: wellbeing\n",
            "  - app: rituals\n",
            "moving_on.yaml",
            "app: rituals",
            "'rituals' helps towards contact: not a tool for moving_on",
        ),
        (
            "  - app: journal\n",
            "  - app: checkin\n",
            "work_on_myself.yaml",
            "app: checkin\n    why: Your",
            "the tool 'checkin' is listed twice",
        ),
        (
            "    why: Your journal",
            "    because: Your journal",
            "work_on_myself.yaml",
            "because: Your journal",
            "tools[1].because: not a field here",
        ),
        (
            "\nrecommend_when:\n",
            "\ntools:\n  - app: journal\n    why: Write it down.\nrecommend_when:\n",
            "safety_check.yaml",
            "app: journal",
            "an external stage's tool is its own app, safety",
        ),
        (
            "    summary: growth\n",
            "    summary: everything\n",
            "moving_on.yaml",
            "summary: everything",
            "summary: Input should be 'growth'",
        ),
        (
            "    type: log\n    intro: >-\n      When a wave",
            "    type: log\n    summary: growth\n    intro: >-\n      When a wave",
            "moving_on.yaml",
            "summary: growth\n    intro: >-\n      When a wave",
            "a summary goes on a reflection",
        ),
        (
            "id: situation\n",
            "id: situation\nsummary: growth\n",
            "onboarding.yaml",
            "summary: growth",
            "the onboarding questions come first: nothing to sum up yet",
        ),
    ],
)
def test_tools_and_summaries_are_checked_at_their_line(
    tmp_path: Path, old: str, new: str, name: str, at: str, reason: str
) -> None:
    errors = _with_onboarding(tmp_path, old, new, name)

    edited = tmp_path / "content" / (name if name == "onboarding.yaml" else f"stages/{name}")
    text = edited.read_text(encoding="utf-8")
    assert text.count(at) == 1, at
    line = text[: text.index(at)].count("\n") + 1
    assert any(error.startswith(f"{name}:{line}: ") and reason in error for error in errors), (
        line,
        errors,
    )
