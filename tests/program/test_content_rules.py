"""The program's content is valid, plain, in our own words and gender-neutral.

docs/program.md ("Writing rules") states each measure these tests apply.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heartwork.coach import KIND_CHOICES
from heartwork.program.content import Program, check_dir, default_dir, load
from heartwork.program.readability import grade
from heartwork.program.schema import COACH_KINDS, RECONNECTION_STAGES, STAGE_IDS, Stage, texts
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


def stages() -> list[Stage]:
    return list(load().stages.values())


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


@pytest.mark.parametrize("stage", stages(), ids=lambda stage: stage.id)
def test_each_file_reads_at_grade_8_or_below_on_average(stage: Stage) -> None:
    prose = [text for _, text, is_prose in texts(stage) if is_prose]
    assert grade(prose) <= GRADE_PER_FILE


@pytest.mark.parametrize("stage", stages(), ids=lambda stage: stage.id)
def test_no_single_text_is_much_harder_than_the_rest(stage: Stage) -> None:
    hard = {
        where: round(grade(text), 1)
        for where, text, is_prose in texts(stage)
        if is_prose and len(text.split()) >= LONG_ENOUGH_TO_MEASURE
        if grade(text) > GRADE_PER_TEXT
    }
    assert hard == {}


@pytest.mark.parametrize("stage", stages(), ids=lambda stage: stage.id)
def test_content_is_gender_neutral(stage: Stage) -> None:
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
        f"{stage.id}.{where}": sorted(" ".join(run) for run in _runs(_words(text)) & seed_runs)
        for stage in program.stages.values()
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
