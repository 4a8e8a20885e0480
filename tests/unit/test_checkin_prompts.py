"""Journal prompts as content (content/prompts.yaml, heartwork.journal.prompts).

The file is checked like the program's stages: its shape when loaded, and here its words:
plain, gender-neutral, and in our own words (nothing shared with the reference articles).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heartwork.journal.prompts import (
    CONTENT_DIR,
    PROMPTS_FILE,
    Prompt,
    Prompts,
    PromptsInvalid,
    load,
)
from heartwork.program.readability import grade
from heartwork.program.schema import STAGE_IDS

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
RUN = 8
# The same measures as the program's content (docs/program.md, "Writing rules").
GRADE_PER_FILE = 8.0
GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|boyfriend|girlfriend|husband|wife|"
    r"boyfriends|girlfriends|husbands|wives)\b",
    re.IGNORECASE,
)
GOOD = """\
schema_version: 1
general:
  - {id: one, text: What is on my mind?}
  - {id: two, text: What went all right today?}
stages:
  space:
    - {id: three, text: What set off the wish to reach out?}
    - {id: four, text: What helped today?}
"""


@pytest.fixture(scope="module")
def installed() -> Prompts:
    return load()


def every_prompt(found: Prompts) -> list[Prompt]:
    return [*found.general, *(p for group in found.stages.values() for p in group)]


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / PROMPTS_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PromptsInvalid) as caught:
        load(path)
    return caught.value.errors


# -- the installed file ------------------------------------------------------------------


def test_the_installed_file_loads(installed: Prompts) -> None:
    assert (CONTENT_DIR / PROMPTS_FILE).is_file()
    assert installed.general


def test_every_stage_of_the_program_has_prompts(installed: Prompts) -> None:
    assert list(installed.stages) == list(STAGE_IDS)
    for stage_id, group in installed.stages.items():
        assert all(prompt.stage == stage_id for prompt in group)
        assert len(group) >= 2


def test_prompts_read_at_grade_8_or_below(installed: Prompts) -> None:
    assert grade([prompt.text for prompt in every_prompt(installed)]) <= GRADE_PER_FILE


def test_prompts_are_gender_neutral(installed: Prompts) -> None:
    found = {p.id: GENDERED.findall(p.text) for p in every_prompt(installed)}
    assert {prompt_id: words for prompt_id, words in found.items() if words} == {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_no_prompt_shares_eight_words_in_a_row_with_any_seed(installed: Prompts) -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.iterdir():
        if seed.is_file():
            seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="ignore")))
    assert seed_runs, "the seeds were not read"
    copied = {p.id: _runs(_words(p.text)) & seed_runs for p in every_prompt(installed)}
    assert {prompt_id: runs for prompt_id, runs in copied.items() if runs} == {}


def test_a_prompt_is_found_by_its_id(installed: Prompts) -> None:
    prompt = installed.for_stage("space")[0]

    assert installed.get(prompt.id) == prompt
    assert installed.get("no_such_prompt") is None


# -- the checks on the file ----------------------------------------------------------------


def test_a_well_formed_file_loads(tmp_path: Path) -> None:
    path = tmp_path / PROMPTS_FILE
    path.write_text(GOOD, encoding="utf-8")

    found = load(path)

    assert [p.id for p in found.general] == ["one", "two"]
    assert next(p.text for p in found.for_stage("space")) == "What set off the wish to reach out?"
    assert found.for_stage("closeness") == ()


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("schema_version: 1", "schema_version: 2", "schema_version: this Heartwork reads"),
        ("  space:", "  spaces:", "stages.spaces: not a stage id"),
        ("id: four", "id: one", "stages.space[1].id: 'one' is used twice"),
        ("id: four", "id: Four", "stages.space[1].id: an id is lowercase"),
        ("text: What helped today?", "text: ''", "stages.space[1].text: write some text"),
        ("text: What helped today?", "text: " + "x" * 161, "one line of at most 160"),
        ("{id: four, text: What helped today?}", "{id: four, txt: hi}", "unknown txt"),
        ("  - {id: two, text: What went all right today?}\n", "", "general: a list of 2 to 6"),
        ("general:", "extra: 1\ngeneral:", "extra: not a field here"),
    ],
)
def test_each_mistake_is_named_with_where_it_is(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    assert old in GOOD
    errors = errors_of(tmp_path, GOOD.replace(old, new, 1))

    assert any(reason in error for error in errors), errors
    assert all(error.startswith(f"{PROMPTS_FILE}: ") for error in errors)


def test_broken_yaml_is_refused_with_a_reason(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, "schema_version: 1\ngeneral: [\n")

    assert "not valid YAML" in errors[0]
