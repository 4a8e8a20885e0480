"""How levels combine over time, without a database: only a fresh screen lowers one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heartwork.safety.scanner import LEVELS
from heartwork.safety.standing import (
    CRISIS_HOLD,
    RECHECK_AFTER,
    Standing,
    after_scan,
    after_screen,
    clear_floor,
    due,
    screens_for_signals,
)

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
levels = st.sampled_from(LEVELS)
screens = st.sampled_from(("contact", "harm", "mirror", "mood"))


def rank(level: str) -> int:
    return LEVELS.index(level)


def test_a_new_standing_is_green_and_everything_is_due() -> None:
    standing = Standing()
    assert standing.level == "green"
    assert due(standing, ("contact", "harm"), NOW) == ("contact", "harm")


def test_a_fresh_screen_can_lower_its_own_level() -> None:
    locked = after_screen(
        Standing(), screen="contact", level="red", codes=["legal_boundary"], now=NOW
    )
    lifted = after_screen(locked, screen="contact", level="green", codes=[], now=NOW)
    assert (locked.level, lifted.level) == ("red", "green")


def test_answering_another_screen_does_not_lower_a_lock() -> None:
    locked = after_screen(Standing(), screen="contact", level="red", codes=["x"], now=NOW)
    later = after_screen(locked, screen="harm", level="green", codes=[], now=NOW)
    assert later.level == "red"


def test_free_text_raises_and_waits_for_its_screen() -> None:
    green = after_screen(Standing(), screen="harm", level="green", codes=[], now=NOW)
    raised = after_scan(green, screen="harm", level="high_danger", codes=["strangulation"], now=NOW)
    assert raised.level == "high_danger"
    assert due(raised, ("harm",), NOW) == ("harm",)
    answered = after_screen(raised, screen="harm", level="green", codes=[], now=NOW)
    assert (answered.level, due(answered, ("harm",), NOW)) == ("green", ())


def test_a_crisis_holds_for_a_day_whatever_is_answered() -> None:
    crisis = after_screen(Standing(), screen="mood", level="crisis", codes=["self_harm"], now=NOW)
    soon = after_screen(
        crisis, screen="mood", level="green", codes=[], now=NOW + timedelta(hours=1)
    )
    later = after_screen(soon, screen="mood", level="green", codes=[], now=NOW + CRISIS_HOLD)
    assert (soon.level, later.level) == ("crisis", "green")


def test_screens_are_due_again_after_a_week() -> None:
    done = after_screen(Standing(), screen="mood", level="green", codes=[], now=NOW)
    assert due(done, ("mood",), NOW + RECHECK_AFTER) == ()
    assert due(done, ("mood",), NOW + RECHECK_AFTER + timedelta(minutes=1)) == ("mood",)


def test_each_signal_is_followed_up_by_the_screen_that_asks_about_it() -> None:
    assert screens_for_signals(["self_harm"]) == ("mood",)
    assert screens_for_signals(["legal_boundary", "strangulation"]) == ("contact", "harm")
    assert screens_for_signals(["user_perpetration"]) == ("mirror",)


def test_a_standing_survives_its_stored_form() -> None:
    standing = after_scan(
        after_screen(Standing(), screen="harm", level="red", codes=["fear"], now=NOW),
        screen="mood",
        level="amber",
        codes=["self_harm"],
        now=NOW,
    )
    assert Standing.from_dict(standing.to_dict()) == standing


@given(st.lists(st.tuples(screens, levels), max_size=12), screens, levels)
def test_free_text_never_lowers_a_level(
    history: list[tuple[str, str]], screen: str, level: str
) -> None:
    standing = Standing()
    for each_screen, each_level in history:
        standing = after_screen(standing, screen=each_screen, level=each_level, codes=[], now=NOW)
    raised = after_scan(standing, screen=screen, level=level, codes=["x"], now=NOW)
    assert rank(raised.level) >= max(rank(standing.level), rank(level))


@given(st.lists(st.tuples(screens, levels), min_size=1, max_size=12), screens)
def test_clearing_a_floor_leaves_the_answers_alone(
    history: list[tuple[str, str]], screen: str
) -> None:
    standing = Standing()
    for each_screen, each_level in history:
        standing = after_scan(standing, screen=each_screen, level=each_level, codes=[], now=NOW)
    cleared = clear_floor(standing, screen)
    assert screen not in cleared.floors
    assert cleared.marks == standing.marks


def test_the_quick_check_is_due_a_day_after_the_last_answers_about_the_partner() -> None:
    from heartwork.safety.standing import QUICK_AFTER, quick_due

    standing = Standing()
    assert not quick_due(standing, NOW)  # never answered: the full check comes first
    for screen in ("contact", "harm"):
        standing = after_screen(standing, screen=screen, level="green", codes=[], now=NOW)
    assert not quick_due(standing, NOW + QUICK_AFTER)
    assert quick_due(standing, NOW + QUICK_AFTER + timedelta(minutes=1))
    later = NOW + timedelta(days=2)
    standing = after_screen(standing, screen="quick", level="green", codes=[], now=later)
    assert not quick_due(standing, later + timedelta(hours=1))
