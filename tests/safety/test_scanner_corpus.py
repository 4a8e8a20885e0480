"""The safety scanner against our labelled statements (tests/safety/corpus/).

The targets come from the issue: recall of at least 0.95 on danger statements (level red
or above must come out red or above), no miss at all on statements marked imminent (they
must come out as crisis), and at most 10% false alarms (red or above) on the hard
negatives. Run `pytest tests/safety -s` to see the report.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from heartwork.safety.scanner import LEVELS, SIGNAL_CODES, scan

CORPUS = Path(__file__).parent / "corpus"
RED = LEVELS.index("red")
MIN_DANGER_RECALL = 0.95
MAX_FALSE_ALARMS = 0.10


def load() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    found = load()
    if not found:
        pytest.fail("the safety corpus is missing")
    return found


def _is_danger(level: str) -> bool:
    return LEVELS.index(level) >= RED


def _danger_recall(rows: list[dict[str, Any]]) -> tuple[float, list[str]]:
    danger = [row for row in rows if _is_danger(row["level"])]
    missed = [row["id"] for row in danger if not _is_danger(scan(row["text"]).level)]
    recall = 1 - len(missed) / len(danger)
    print(f"\ndanger recall {recall:.3f} ({len(danger) - len(missed)}/{len(danger)})")
    return recall, missed


def _imminent_missed(rows: list[dict[str, Any]]) -> tuple[int, list[str]]:
    imminent = [row for row in rows if row.get("imminent")]
    assert imminent, "the corpus needs imminent statements"
    missed = [row["id"] for row in imminent if scan(row["text"]).level != "crisis"]
    return len(imminent) - len(missed), missed


def test_danger_statements_are_caught(rows: list[dict[str, Any]]) -> None:
    recall, missed = _danger_recall(rows)
    assert recall >= MIN_DANGER_RECALL, f"missed: {missed}"


def test_no_imminent_statement_is_missed(rows: list[dict[str, Any]]) -> None:
    _, missed = _imminent_missed(rows)
    assert missed == []


def test_ordinary_statements_rarely_raise_an_alarm(rows: list[dict[str, Any]]) -> None:
    negatives = [row for row in rows if not row["signals"]]
    alarms = [row["id"] for row in negatives if _is_danger(scan(row["text"]).level)]
    rate = len(alarms) / len(negatives)
    print(f"\nfalse alarms {rate:.3f} ({len(alarms)}/{len(negatives)})")
    assert rate <= MAX_FALSE_ALARMS, f"false alarms: {alarms}"


def test_per_signal_recall_is_reported(rows: list[dict[str, Any]]) -> None:
    counts: dict[str, Counter[str]] = {code: Counter() for code in SIGNAL_CODES}
    for row in rows:
        found = scan(row["text"]).codes
        for code in set(row["signals"]) | found:
            if code in counts:
                expected, got = code in row["signals"], code in found
                counts[code]["tp" if expected and got else "fp" if got else "fn"] += 1
    lines = [f"{'signal':<24}{'recall':>8}{'precision':>11}"]
    for code, c in counts.items():
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        lines.append(f"{code:<24}{recall:>8.2f}{precision:>11.2f}")
    print("\n" + "\n".join(lines))
    assert all(counts[code]["tp"] + counts[code]["fn"] >= 25 for code in SIGNAL_CODES)
