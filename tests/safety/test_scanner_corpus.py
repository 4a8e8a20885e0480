"""The safety scanner against our labelled statements (tests/safety/corpus/).

The targets come from the issue: recall of at least 0.95 on danger statements (level red
or above must come out red or above), no miss at all on statements marked imminent (they
must come out as crisis), and at most 10% false alarms (red or above) on the hard
negatives. Run `pytest tests/safety -s` to see the report.

The same measures are taken on the held-out statements in tests/safety/holdout/ (written
blind, before the rules were read; see its README), but only reported, never asserted:
`python tests/safety/test_scanner_corpus.py` prints them, `--corpus` for the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from heartwork.safety.scanner import LEVELS, SIGNAL_CODES, scan

CORPUS = Path(__file__).parent / "corpus"
HOLDOUT = Path(__file__).parent / "holdout"
RED = LEVELS.index("red")
MIN_DANGER_RECALL = 0.95
MAX_FALSE_ALARMS = 0.10


def load(folder: Path = CORPUS) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def measure(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, false alarms and per-signal recall of the scanner on labelled rows.

    - danger recall: rows labelled red or above that come out red or above;
    - crisis recall: rows labelled crisis that come out crisis;
    - imminent recall: rows marked imminent that come out crisis (as the corpus test asks),
      and how many of those also carry the imminent flag;
    - level reached: positives whose scanned level is at least their labelled level;
    - false alarms: rows without signals that come out red or above;
    - idiom questions: figurative negatives (idiom, no signals) that get a question;
    - per signal: recall and precision of each code, by the codes the scanner returns.
    """
    results = [(row, scan(row["text"])) for row in rows]
    danger = [(row, got) for row, got in results if _is_danger(row["level"])]
    crisis = [(row, got) for row, got in results if row["level"] == "crisis"]
    imminent = [(row, got) for row, got in results if row.get("imminent")]
    positives = [(row, got) for row, got in results if row["signals"]]
    negatives = [(row, got) for row, got in results if not row["signals"]]
    idioms = [(row, got) for row, got in negatives if row.get("idiom")]
    missed_danger = [row["id"] for row, got in danger if not _is_danger(got.level)]
    missed_crisis = [row["id"] for row, got in crisis if got.level != "crisis"]
    missed_imminent = [row["id"] for row, got in imminent if got.level != "crisis"]
    flagged = [row["id"] for row, got in imminent if got.level == "crisis" and got.imminent]
    under = [
        row["id"] for row, got in positives if LEVELS.index(got.level) < LEVELS.index(row["level"])
    ]
    alarms = [row["id"] for row, got in negatives if _is_danger(got.level)]
    asked = [row["id"] for row, got in idioms if got.question]
    per_signal: dict[str, dict[str, Any]] = {}
    for code in SIGNAL_CODES:
        tp = fn = fp = 0
        missed: list[str] = []
        for row, got in results:
            expected, found = code in row["signals"], code in got.codes
            tp += expected and found
            fp += found and not expected
            if expected and not found:
                fn += 1
                missed.append(row["id"])
        per_signal[code] = {
            "n": tp + fn,
            "recall": _ratio(tp, tp + fn),
            "precision": _ratio(tp, tp + fp),
            "missed": missed,
        }
    return {
        "statements": len(rows),
        "danger_recall": _ratio(len(danger) - len(missed_danger), len(danger)),
        "danger": len(danger),
        "missed_danger": missed_danger,
        "crisis_recall": _ratio(len(crisis) - len(missed_crisis), len(crisis)),
        "crisis": len(crisis),
        "missed_crisis": missed_crisis,
        "imminent_recall": _ratio(len(imminent) - len(missed_imminent), len(imminent)),
        "imminent": len(imminent),
        "missed_imminent": missed_imminent,
        "imminent_flagged": len(flagged),
        "level_reached": _ratio(len(positives) - len(under), len(positives)),
        "under_level": under,
        "false_alarm_rate": _ratio(len(alarms), len(negatives)),
        "negatives": len(negatives),
        "false_alarms": alarms,
        "idiom_question_rate": _ratio(len(asked), len(idioms)),
        "idioms": len(idioms),
        "per_signal": per_signal,
    }


def report(measured: dict[str, Any], verbose: bool = False) -> str:
    m = measured
    lines = [
        f"statements {m['statements']}",
        f"danger recall   {m['danger_recall']:.3f} ({m['danger'] - len(m['missed_danger'])}"
        f"/{m['danger']})",
        f"crisis recall   {m['crisis_recall']:.3f} ({m['crisis'] - len(m['missed_crisis'])}"
        f"/{m['crisis']})",
        f"imminent recall {m['imminent_recall']:.3f} "
        f"({m['imminent'] - len(m['missed_imminent'])}/{m['imminent']}; "
        f"{m['imminent_flagged']} with the imminent flag)",
        f"level reached   {m['level_reached']:.3f} (positives at or above their label)",
        f"false alarms    {m['false_alarm_rate']:.3f} ({len(m['false_alarms'])}/{m['negatives']})",
        f"idiom questions {m['idiom_question_rate']:.3f} (of {m['idioms']} figurative negatives)",
        f"{'signal':<24}{'n':>4}{'recall':>8}{'precision':>11}",
    ]
    for code, s in m["per_signal"].items():
        lines.append(f"{code:<24}{s['n']:>4}{s['recall']:>8.2f}{s['precision']:>11.2f}")
        if verbose and s["missed"]:
            lines.append(f"    missed: {' '.join(s['missed'])}")
    if verbose:
        for key in ("missed_danger", "missed_crisis", "missed_imminent", "under_level"):
            lines.append(f"{key}: {' '.join(m[key])}")
        lines.append(f"false_alarms: {' '.join(m['false_alarms'])}")
    return "\n".join(lines)


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


@pytest.mark.parametrize(
    ("own", "done_to_the_writer"),
    [
        ("Keep my phone out of the bedroom.", "He keeps my phone in his pocket when we go out."),
        ("I'm going to keep my phone in the kitchen at night.", "she keeps my phone at night"),
        ("I'm sorry, I know it left you walking on eggshells.", "you had me walking on eggshells"),
        ("my temper had you walking on eggshells", "He made me walk on eggshells for years."),
        ("I keep checking my phone to see if she replied", "she checks my phone every night"),
        ("I need to ask her what she wants.", "I have to ask him before I can see my mum."),
        ("I'd regret it forever if I didn't say sorry.", "He told me I'd regret it if I left."),
        (
            "I got a new phone for my birthday.",
            "I got a new number to text her after she blocked me.",
        ),
    ],
)
def test_the_writer_acting_is_not_a_partner_acting_on_them(
    own: str, done_to_the_writer: str
) -> None:
    # A false red stops someone's coaching; the same words done to the writer must still fire.
    assert not _is_danger(scan(own).level), own
    assert _is_danger(scan(done_to_the_writer).level), done_to_the_writer


def test_the_holdout_is_measured_but_not_asserted() -> None:
    # Held out: no threshold here, so nobody is tempted to tune rules line by line on it.
    held = load(HOLDOUT)
    assert len(held) >= 200, "tests/safety/holdout/holdout.jsonl is missing or short"
    print("\nholdout\n" + report(measure(held)))


if __name__ == "__main__":
    import sys

    folder = CORPUS if "--corpus" in sys.argv else HOLDOUT
    print(report(measure(load(folder)), verbose="-v" in sys.argv))
