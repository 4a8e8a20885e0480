"""The coach against our labelled corpus: per-label precision and recall, with a floor.

The corpus (tests/coach/corpus/) was written without looking at the rules, in the
styles people really text in. Run `pytest tests/coach -s` to see the full report.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from heartwork.coach import analyze
from heartwork.coach.types import ALL_LABELS

CORPUS = Path(__file__).parent / "corpus"
MIN_PRECISION = 0.90
MIN_RECALL = 0.85
MIN_KIND_ACCURACY = 0.80


def load_corpus() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _predict(row: dict[str, Any], kind: str) -> set[str]:
    sent_at = datetime.fromisoformat(row["sent_at"]) if row.get("sent_at") else None
    return set(analyze(row["text"], kind=kind, sent_at=sent_at).labels)


def score(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per label."""
    counts: dict[str, Counter[str]] = {label: Counter() for label in ALL_LABELS}
    for row in rows:
        expected, predicted = set(row["labels"]), _predict(row, row["kind"])
        for label in expected | predicted:
            key = (
                "tp"
                if label in expected and label in predicted
                else ("fp" if label in predicted else "fn")
            )
            counts[label][key] += 1
    return {label: (c["tp"], c["fp"], c["fn"]) for label, c in counts.items()}


def report(scores: dict[str, tuple[int, int, int]]) -> str:
    lines = [f"{'label':<20}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for label, (tp, fp, fn) in sorted(scores.items()):
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{label:<20}{precision:>10.2f}{recall:>8.2f}{tp:>5}{fp:>5}{fn:>5}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return load_corpus()


@pytest.fixture(scope="module")
def scores(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, int]]:
    result = score(rows)
    print("\n" + report(result))
    return result


@pytest.mark.parametrize("label", ALL_LABELS)
def test_each_label_meets_the_precision_and_recall_floor(
    label: str, scores: dict[str, tuple[int, int, int]]
) -> None:
    tp, fp, fn = scores[label]
    assert tp + fn >= 20, f"{label}: the corpus needs at least 20 positives, has {tp + fn}"
    precision, recall = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"{label}: precision {precision:.2f} recall {recall:.2f}\n{report(scores)}"
    )


def test_auto_guesses_the_kind_of_most_messages(rows: list[dict[str, Any]]) -> None:
    right = sum(analyze(row["text"], kind="auto").kind == row["kind"] for row in rows)
    assert right / len(rows) >= MIN_KIND_ACCURACY, f"kind guessed right for {right}/{len(rows)}"
