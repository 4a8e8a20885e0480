"""The sections of an agreement: stable ids, prompts and starters anyone can copy safely."""

from __future__ import annotations

from heartwork.agreements.sections import SECTION_IDS, SECTIONS, section
from heartwork.safety.scanner import scan

# A public contract of GET /api/v1/agreements (docs/agreements.md): never renamed.
DOCUMENTED_IDS = (
    "arguments",
    "time_together",
    "other_people",
    "safe_loved_respected",
    "non_negotiables",
    "stress_as_a_team",
)


def test_the_section_ids_are_the_documented_ones_in_order() -> None:
    assert SECTION_IDS == DOCUMENTED_IDS


def test_every_section_has_a_title_a_prompt_and_a_few_starters() -> None:
    for entry in SECTIONS:
        assert str(entry.title).strip()
        assert str(entry.prompt).strip().endswith(("?", "."))
        assert 2 <= len(entry.starters) <= 5
        assert all(10 < len(str(starter)) < 120 for starter in entry.starters)


def test_copying_a_starter_never_raises_a_safety_signal() -> None:
    # People paste the starters into their own text, which the safety net then reads: a
    # starter that looked like a warning sign would lock someone out for nothing.
    for entry in SECTIONS:
        for text in (entry.prompt, *entry.starters):
            assert scan(str(text)).level == "green", text


def test_an_unknown_id_finds_no_section() -> None:
    assert section("arguments") is SECTIONS[0]
    assert section("Arguments") is None
    assert section("") is None
