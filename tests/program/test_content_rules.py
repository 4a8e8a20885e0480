"""The program's content is valid, plain, in our own words and gender-neutral.

docs/program.md ("Writing rules") states each measure these tests apply.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from heartwork.coach import KIND_CHOICES
from heartwork.program.content import Program, check_dir, default_dir, load
from heartwork.program.readability import grade
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
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


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
        f"{name(stage)}.{where}": sorted(" ".join(run) for run in _runs(_words(text)) & seed_runs)
        for stage in stages()
        for where, text, _ in texts(stage)
    }
    assert {where: runs for where, runs in copied.items() if runs} == {}


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
