"""The labelled message-coach corpus is well formed and big enough to measure the rules.

The corpus lives in ``tests/coach/corpus/<kind>.jsonl``; its README explains the labels.
These checks are about shape only: they never run the coach.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from heartwork.coach.types import KINDS, POSITIVE_LABEL, PROBLEM_LABELS

CORPUS = Path(__file__).resolve().parent / "corpus"
ID_PREFIX = {"apology": "apo", "reach_out": "rch", "conflict_reply": "cfl"}
REQUIRED_KEYS = {"id", "kind", "text", "labels"}
OPTIONAL_KEYS = {"sent_at", "note"}
HARD_NEGATIVE_MARK = "hard negative"

MIN_TOTAL = 450
MIN_PER_LABEL = 25
MIN_HARD_NEGATIVES = 120


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    id: str
    kind: str
    text: str
    labels: tuple[str, ...]
    sent_at: str | None
    note: str | None


def _str(value: object, where: str, key: str) -> str:
    assert isinstance(value, str), f"{where}: {key} must be a string"
    return value


def _parse(path: Path) -> list[Case]:
    cases: list[Case] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        assert raw.strip(), f"{where}: blank line"
        data = json.loads(raw)
        assert isinstance(data, dict), f"{where}: not a JSON object"
        keys = set(data)
        assert keys >= REQUIRED_KEYS, f"{where}: missing {sorted(REQUIRED_KEYS - keys)}"
        unknown = keys - REQUIRED_KEYS - OPTIONAL_KEYS
        assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
        labels = data["labels"]
        assert isinstance(labels, list), f"{where}: labels must be a list"
        sent_at = data.get("sent_at")
        note = data.get("note")
        cases.append(
            Case(
                file=path.name,
                line=number,
                id=_str(data["id"], where, "id"),
                kind=_str(data["kind"], where, "kind"),
                text=_str(data["text"], where, "text"),
                labels=tuple(_str(label, where, "label") for label in labels),
                sent_at=None if sent_at is None else _str(sent_at, where, "sent_at"),
                note=None if note is None else _str(note, where, "note"),
            )
        )
    return cases


@cache
def corpus() -> dict[str, tuple[Case, ...]]:
    return {kind: tuple(_parse(CORPUS / f"{kind}.jsonl")) for kind in KINDS}


def all_cases() -> list[Case]:
    return [case for cases in corpus().values() for case in cases]


def _late(sent_at: str) -> bool:
    hour = datetime.fromisoformat(sent_at).hour
    return hour >= 23 or hour < 5


def test_there_is_one_file_per_kind_and_nothing_else() -> None:
    assert sorted(path.stem for path in CORPUS.glob("*.jsonl")) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_case_is_filed_under_its_kind(kind: str) -> None:
    for case in corpus()[kind]:
        assert case.kind == kind, f"{case.file}:{case.line}"
        assert case.id.startswith(ID_PREFIX[kind] + "-"), case.id
        assert case.text.strip() == case.text and case.text, case.id


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(case.id for case in all_cases())
    texts = Counter(case.text for case in all_cases())
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("kind", KINDS)
def test_labels_belong_to_the_kind_and_never_mix_positive_with_problems(kind: str) -> None:
    allowed = set(PROBLEM_LABELS[kind]) | {POSITIVE_LABEL[kind]}
    for case in corpus()[kind]:
        assert set(case.labels) <= allowed, f"{case.id}: {sorted(set(case.labels) - allowed)}"
        assert len(set(case.labels)) == len(case.labels), f"{case.id}: repeated label"
        if POSITIVE_LABEL[kind] in case.labels:
            assert case.labels == (POSITIVE_LABEL[kind],), f"{case.id}: positive with problems"


def test_only_apologies_may_have_no_label() -> None:
    # An apology that owns no act and has no flaw ("sorry.") is neither genuine nor flawed.
    for case in all_cases():
        if not case.labels:
            assert case.kind == "apology", case.id


def test_send_times_parse_and_night_sends_are_labelled_late() -> None:
    for case in all_cases():
        if case.sent_at is None:
            continue
        datetime.fromisoformat(case.sent_at)
        if case.kind == "reach_out" and _late(case.sent_at):
            assert "late_night" in case.labels, f"{case.id}: sent at {case.sent_at}"
        if case.kind == "reach_out" and not _late(case.sent_at):
            # A daytime send can still be late_night only through the words; the corpus
            # never labels it so when the clock says otherwise.
            assert "late_night" not in case.labels, f"{case.id}: sent at {case.sent_at}"


def test_gentle_first_messages_are_short_and_dumps_are_long() -> None:
    for case in corpus()["reach_out"]:
        words = len(case.text.split())
        if "gentle" in case.labels:
            assert words <= 100, f"{case.id}: {words} words"
        if "emotional_dump" in case.labels:
            assert words >= 120, f"{case.id}: {words} words"


def test_the_corpus_is_big_enough() -> None:
    assert len(all_cases()) >= MIN_TOTAL
    for kind in KINDS:
        counts = Counter(label for case in corpus()[kind] for label in case.labels)
        for label in (*PROBLEM_LABELS[kind], POSITIVE_LABEL[kind]):
            assert counts[label] >= MIN_PER_LABEL, f"{kind}.{label}: {counts[label]}"


def test_there_are_enough_hard_negatives() -> None:
    hard = [case for case in all_cases() if (case.note or "").startswith(HARD_NEGATIVE_MARK)]
    assert len(hard) >= MIN_HARD_NEGATIVES
