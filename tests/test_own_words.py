"""Our own words: nothing in the project repeats 8 or more words in a row from the seeds.

The two reference articles in ../shared/seeds/ describe the repair process; the
program, the coach and the docs must say it all in our own words.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".json", ".jsonl", ".toml", ".yaml", ".yml", ".po"}


def _words(text: str) -> list[str]:
    # Letters of any language ("razón" is one word): translations are compared too.
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text.lower().replace("\u2019", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_no_file_shares_a_run_of_eight_words_with_the_reference_articles() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="ignore")))
    assert seed_runs, "the seeds were not read"
    listed = _listed()
    copied = {
        name: len(
            _runs(_words((ROOT / name).read_text(encoding="utf-8", errors="ignore"))) & seed_runs
        )
        for name in listed
        if Path(name).suffix in TEXT_SUFFIXES and (ROOT / name).is_file()
    }
    assert {name: count for name, count in copied.items() if count} == {}


def _listed() -> list[str]:
    """The project's files, committed or new (not ignored)."""
    return subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_the_translations_are_among_the_files_compared() -> None:
    # content/es/ (and the Spanish catalogue, data files) must not slip out of the check above.
    listed = [name for name in _listed() if Path(name).suffix in TEXT_SUFFIXES]
    assert "content/es/onboarding.yaml" in listed
    assert "content/es/stages/space.yaml" in listed
