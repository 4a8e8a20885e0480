"""The shape of the labelled safety corpus (tests/safety/corpus/statements.jsonl).

These tests check the corpus itself, not the scanner: every line parses, ids are unique,
every value comes from the allowed sets, the labels agree with each other the way the
README's guidelines say, and there are enough statements of each kind to measure recall.

`python tests/safety/test_corpus_shape.py` prints the counts table that the README carries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from heartwork.safety.scanner import LEVELS, SIGNAL_CODES

CORPUS = Path(__file__).parent / "corpus"
STATEMENTS = CORPUS / "statements.jsonl"
README = CORPUS / "README.md"

SIGNALS = SIGNAL_CODES  # the public contract, from the scanner itself
SPEAKERS = ("user_victim", "user_perpetrator", "third_party", "none")
TENSES = ("past", "present", "future", "none")
REQUIRED_KEYS = frozenset(
    {"id", "text", "signals", "speaker", "tense", "imminent", "idiom", "level"}
)
OPTIONAL_KEYS = frozenset({"note"})
ID_PATTERN = re.compile(r"saf-\d{4}")

MIN_STATEMENTS = 450
MIN_PER_SIGNAL = 30
MIN_HARD_NEGATIVES = 170
MIN_IMMINENT = 10
MIN_IDIOMS = 30

# Signals that always mean harm or a boundary: never below red.
AT_LEAST_RED = frozenset(
    {"physical_violence", "threats", "coercive_control", "partner_suicide_threat", "legal_boundary"}
)
# Strangulation ever, and any weapon: never below high_danger.
AT_LEAST_HIGH_DANGER = frozenset({"strangulation", "weapon"})

TABLE_START = "<!-- counts:start -->"
TABLE_END = "<!-- counts:end -->"


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    signals: tuple[str, ...]
    speaker: str
    tense: str
    imminent: bool
    idiom: bool
    level: str
    note: str | None

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def _parse(line_no: int, line: str) -> Statement:
    where = f"line {line_no}"
    raw: object = json.loads(line)
    assert isinstance(raw, dict), f"{where}: not a JSON object"
    keys = frozenset(str(key) for key in raw)
    assert keys >= REQUIRED_KEYS, f"{where}: missing {sorted(REQUIRED_KEYS - keys)}"
    assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, (
        f"{where}: unknown {sorted(keys - REQUIRED_KEYS - OPTIONAL_KEYS)}"
    )
    signals = raw["signals"]
    assert isinstance(signals, list), f"{where}: signals is not a list"
    assert all(isinstance(code, str) for code in signals), f"{where}: a signal is not a string"
    for key in ("id", "text", "speaker", "tense", "level"):
        assert isinstance(raw[key], str), f"{where}: {key} is not a string"
    for key in ("imminent", "idiom"):
        assert isinstance(raw[key], bool), f"{where}: {key} is not a boolean"
    note = raw.get("note")
    assert note is None or (isinstance(note, str) and note.strip()), f"{where}: empty note"
    return Statement(
        id=raw["id"],
        text=raw["text"],
        signals=tuple(signals),
        speaker=raw["speaker"],
        tense=raw["tense"],
        imminent=raw["imminent"],
        idiom=raw["idiom"],
        level=raw["level"],
        note=note,
    )


def load() -> list[Statement]:
    text = STATEMENTS.read_text(encoding="utf-8")
    assert text.endswith("\n"), "statements.jsonl must end with a newline"
    lines = text.split("\n")[:-1]
    assert all(line.strip() for line in lines), "statements.jsonl has a blank line"
    return [_parse(number, line) for number, line in enumerate(lines, start=1)]


def counts_table(rows: list[Statement]) -> str:
    """The Markdown counts table the README carries between its markers."""
    signals = Counter(code for row in rows for code in row.signals)
    levels = Counter(row.level for row in rows)
    speakers = Counter(row.speaker for row in rows)
    tenses = Counter(row.tense for row in rows)
    negatives = [row for row in rows if not row.signals]
    lines = [
        f"Statements: {len(rows)}. Hard negatives (no signals, green or amber): "
        f"{len(negatives)} ({sum(row.level == 'green' for row in negatives)} green, "
        f"{sum(row.level == 'amber' for row in negatives)} amber). "
        f"Imminent: {sum(row.imminent for row in rows)}. "
        f"Idiom or hyperbole: {sum(row.idiom for row in rows)} "
        f"({sum(row.idiom and not row.signals for row in rows)} of them negatives).",
        "",
        "| signal | statements |",
        "|---|---:|",
        *(f"| `{code}` | {signals[code]} |" for code in SIGNALS),
        "",
        "| level | statements |",
        "|---|---:|",
        *(f"| {level} | {levels[level]} |" for level in LEVELS),
        "",
        "| speaker | statements |",
        "|---|---:|",
        *(f"| {speaker} | {speakers[speaker]} |" for speaker in SPEAKERS),
        "",
        "| tense | statements |",
        "|---|---:|",
        *(f"| {tense} | {tenses[tense]} |" for tense in TENSES),
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def rows() -> list[Statement]:
    return load()


def test_the_corpus_is_the_only_jsonl_file() -> None:
    # The scanner test reads every *.jsonl in the folder: keep drafts elsewhere.
    assert sorted(path.name for path in CORPUS.glob("*.jsonl")) == ["statements.jsonl"]


def test_ids_are_well_formed_and_unique(rows: list[Statement]) -> None:
    bad = [row.id for row in rows if not ID_PATTERN.fullmatch(row.id)]
    assert bad == []
    repeated = [key for key, count in Counter(row.id for row in rows).items() if count > 1]
    assert repeated == []


def test_texts_are_unique_and_not_blank(rows: list[Statement]) -> None:
    assert all(row.text.strip() == row.text and row.text for row in rows)
    normalised = Counter(" ".join(row.text.lower().split()) for row in rows)
    assert [text for text, count in normalised.items() if count > 1] == []


def test_values_come_from_the_allowed_sets(rows: list[Statement]) -> None:
    for row in rows:
        assert set(row.signals) <= set(SIGNALS), row.id
        assert len(set(row.signals)) == len(row.signals), f"{row.id}: repeated signal"
        assert row.speaker in SPEAKERS, row.id
        assert row.tense in TENSES, row.id
        assert row.level in LEVELS, row.id


def test_negatives_have_no_signals_and_stay_below_red(rows: list[Statement]) -> None:
    for row in rows:
        if row.level == "green":
            assert row.signals == (), f"{row.id}: green means nothing found"
        if not row.signals:
            assert row.level in ("green", "amber"), f"{row.id}: a negative above amber"
            assert not row.imminent, row.id


def test_danger_levels_name_their_signals(rows: list[Statement]) -> None:
    for row in rows:
        if row.rank >= LEVELS.index("red"):
            assert row.signals, f"{row.id}: {row.level} without a signal"
        if AT_LEAST_RED & set(row.signals):
            assert row.rank >= LEVELS.index("red"), f"{row.id}: harm signal below red"
        if AT_LEAST_HIGH_DANGER & set(row.signals):
            assert row.rank >= LEVELS.index("high_danger"), f"{row.id}: below high_danger"


def test_imminent_statements_are_crisis(rows: list[Statement]) -> None:
    for row in rows:
        if row.imminent:
            assert row.level == "crisis", row.id
            assert row.tense in ("present", "future"), row.id


def test_speaker_labels_agree_with_signals(rows: list[Statement]) -> None:
    for row in rows:
        if row.speaker == "third_party":
            assert row.signals == (), f"{row.id}: someone else's story carries no signal"
        if "user_perpetration" in row.signals:
            assert row.speaker == "user_perpetrator", row.id
            assert len(row.signals) >= 2, f"{row.id}: user_perpetration needs the act's signal"


def test_minimum_counts(rows: list[Statement]) -> None:
    assert len(rows) >= MIN_STATEMENTS
    per_signal = Counter(code for row in rows for code in row.signals)
    thin = {code: per_signal[code] for code in SIGNALS if per_signal[code] < MIN_PER_SIGNAL}
    assert thin == {}
    assert sum(not row.signals for row in rows) >= MIN_HARD_NEGATIVES
    assert sum(row.imminent for row in rows) >= MIN_IMMINENT
    assert sum(row.idiom and not row.signals for row in rows) >= MIN_IDIOMS
    assert sum(row.speaker == "third_party" for row in rows) >= MIN_PER_SIGNAL
    assert sum(row.speaker == "user_perpetrator" for row in rows) >= MIN_PER_SIGNAL
    assert {row.level for row in rows} == set(LEVELS)
    assert {row.tense for row in rows} >= {"past", "present", "future"}


def test_readme_counts_match_the_corpus(rows: list[Statement]) -> None:
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(TABLE_START), readme.index(TABLE_END)
    shown = readme[start + len(TABLE_START) : end].strip()
    assert shown == counts_table(rows), (
        "README counts are stale: run `python tests/safety/test_corpus_shape.py`"
    )


if __name__ == "__main__":
    print(counts_table(load()))
