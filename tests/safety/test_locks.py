"""How the safety lock comes and goes, told through the services people's actions call.

Levels go up with what someone answers or writes, and come down only when the screen
that set them is answered afresh (docs/safety.md). A crisis holds for a day whatever is
answered; a new partner starts unscreened; an old partner's lock stays.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from heartwork.journal.services import create_entry
from heartwork.partners.models import Partner
from heartwork.partners.services import add_partner
from heartwork.safety import standing as rules
from heartwork.safety.gate import reconnection_block
from heartwork.safety.selectors import highest_level, pair_level, standing_of
from heartwork.safety.services import record_screen
from tests.conftest import Persona, age_answers, answer_all, pass_safety_check

CHEERFUL = "Lovely walk by the sea today. Feeling hopeful and calm, and I slept well."
STRANGLED = "He put his hands around my neck last year and I could not breathe."
IDIOM = "I could kill him for forgetting the milk again."
GOODBYE = "I wish I were dead. I have written my goodbye letters."
LOW = "Some days I wish I was dead."


def code_of(persona: Persona, partner: Partner | None = None) -> str | None:
    block = reconnection_block(persona.user, partner)
    return block.code if block is not None else None


def answer(
    persona: Persona, screen_id: str, partner: Partner | None = None, **answers: str
) -> None:
    scoped = partner if screen_id in (*rules.PARTNER_SCREENS, rules.QUICK) else None
    record_screen(
        user=persona.user,
        screen_id=screen_id,
        answers=answer_all(screen_id, **answers),
        partner=scoped,
    )


def lock_with_an_order(persona: Persona) -> Partner:
    partner = pass_safety_check(persona)
    answer(persona, "contact", partner, order="yes")
    return partner


# -- what locks a pair ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("screen_id", "item"),
    [
        ("contact", "order"),
        ("contact", "bail"),
        ("contact", "asked_no_contact"),
        ("contact", "blocked"),
        ("harm", "hurt"),
        ("harm", "afraid"),
        ("mirror", "followed_them"),
        ("mirror", "tracked_them"),
        ("mirror", "kept_contacting"),
    ],
)
def test_an_order_a_no_contact_request_being_hurt_or_your_own_stalking_locks_the_pair(
    alex: Persona, screen_id: str, item: str
) -> None:
    partner = pass_safety_check(alex)
    assert code_of(alex) is None

    answer(alex, screen_id, partner, **{item: "yes"})

    assert code_of(alex) == "safety_lock"
    assert code_of(alex, partner) == "safety_lock"


# -- what does not unlock it --------------------------------------------------------------------


def test_a_later_cheerful_journal_entry_never_unlocks(alex: Persona) -> None:
    lock_with_an_order(alex)

    for _ in range(3):
        create_entry(user=alex.user, title="A good day", body=CHEERFUL)

    assert code_of(alex) == "safety_lock"


def test_answering_the_other_screens_again_does_not_unlock(alex: Persona) -> None:
    partner = lock_with_an_order(alex)

    for screen_id in ("device", "mood", "harm", "mirror"):
        answer(alex, screen_id, partner)

    assert code_of(alex) == "safety_lock"


def test_answering_the_contact_screen_again_with_the_order_still_there_keeps_the_lock(
    alex: Persona,
) -> None:
    partner = lock_with_an_order(alex)

    answer(alex, "contact", partner, order="unsure", blocked="yes")

    assert code_of(alex) == "safety_lock"


def test_only_answering_the_contact_screen_afresh_with_no_order_unlocks_an_order_lock(
    alex: Persona,
) -> None:
    partner = lock_with_an_order(alex)

    answer(alex, "contact", partner)

    assert code_of(alex) is None
    assert pair_level(alex.user, partner) == "green"


# -- a new partner, and the old one ---------------------------------------------------------------


def test_a_new_partner_starts_unscreened_while_the_old_pair_stays_locked(alex: Persona) -> None:
    old = lock_with_an_order(alex)

    new = add_partner(user=alex.user, name="Robin")
    block = reconnection_block(alex.user)

    assert block is not None
    assert (block.code, block.screens) == ("safety_check_required", ("contact", "harm", "mirror"))
    assert code_of(alex, old) == "safety_lock"

    for screen_id in rules.PARTNER_SCREENS:
        answer(alex, screen_id, new)

    assert code_of(alex) is None
    assert code_of(alex, new) is None
    assert code_of(alex, old) == "safety_lock"


# -- what free text raises -------------------------------------------------------------------------


def test_a_journal_entry_about_strangulation_raises_the_pair_to_high_danger(
    alex: Persona,
) -> None:
    partner = pass_safety_check(alex)

    create_entry(user=alex.user, title="", body=STRANGLED)

    block = reconnection_block(alex.user)
    assert block is not None
    assert (block.code, block.level) == ("safety_lock", "high_danger")
    assert pair_level(alex.user, partner) == "high_danger"
    assert standing_of(alex.user).level == "green"  # it is about the relationship


def test_after_strangulation_is_mentioned_the_harm_screen_is_due_until_answered_again(
    alex: Persona,
) -> None:
    partner = pass_safety_check(alex)
    create_entry(user=alex.user, title="", body=STRANGLED)

    def due() -> tuple[str, ...]:
        return rules.due(standing_of(alex.user, partner), rules.PARTNER_SCREENS, timezone.now())

    assert due() == ("harm",)
    answer(alex, "contact", partner)
    answer(alex, "mirror", partner)
    create_entry(user=alex.user, title="", body=CHEERFUL)
    assert due() == ("harm",)
    assert pair_level(alex.user, partner) == "high_danger"

    answer(alex, "harm", partner, afraid="yes", strangled="yes")

    assert due() == ()
    assert pair_level(alex.user, partner) == "high_danger"


def test_an_idiom_in_a_journal_entry_raises_nothing(alex: Persona) -> None:
    partner = pass_safety_check(alex)

    create_entry(user=alex.user, title="Milk", body=IDIOM)

    assert highest_level(alex.user) == "green"
    assert standing_of(alex.user).floors == {}
    assert standing_of(alex.user, partner).floors == {}
    assert code_of(alex) is None


def test_a_self_harm_line_in_the_journal_locks_every_partner(alex: Persona) -> None:
    first = pass_safety_check(alex, partner_name="Jo")
    second = pass_safety_check(alex, partner_name="Robin")

    create_entry(user=alex.user, title="", body=GOODBYE)

    assert standing_of(alex.user).level == "crisis"
    for partner in (first, second):
        assert code_of(alex, partner) == "safety_lock"
        assert standing_of(alex.user, partner).level == "green"  # on the user, not the pair


def test_a_milder_self_harm_line_asks_the_mood_screen_again_before_any_coaching(
    alex: Persona,
) -> None:
    first = pass_safety_check(alex, partner_name="Jo")
    second = pass_safety_check(alex, partner_name="Robin")

    create_entry(user=alex.user, title="", body=LOW)

    for partner in (first, second):
        block = reconnection_block(alex.user, partner)
        assert block is not None
        assert (block.code, block.screens) == ("safety_check_required", ("mood",))
    answer(alex, "mood")
    assert code_of(alex) is None


# -- a crisis holds for a day -------------------------------------------------------------------


def test_a_crisis_from_the_mood_screen_holds_for_24_hours_whatever_is_answered(
    alex: Persona,
) -> None:
    partner = pass_safety_check(alex)
    start = timezone.now() - timedelta(hours=30)
    crisis = answer_all("mood", self_harm_thoughts="yes", plan="yes")
    record_screen(user=alex.user, screen_id="mood", answers=crisis, now=start)

    for hours in (1, 12, 23):
        record_screen(
            user=alex.user,
            screen_id="mood",
            answers=answer_all("mood"),
            now=start + timedelta(hours=hours),
        )
        block = reconnection_block(alex.user, partner)
        assert block is not None
        assert (block.code, block.level) == ("safety_lock", "crisis")


def test_a_crisis_lifts_when_the_mood_screen_is_answered_again_after_the_hold(
    alex: Persona,
) -> None:
    partner = pass_safety_check(alex)
    start = timezone.now() - timedelta(hours=30)
    crisis = answer_all("mood", self_harm_thoughts="yes", intent="yes")
    record_screen(user=alex.user, screen_id="mood", answers=crisis, now=start)
    record_screen(
        user=alex.user, screen_id="mood", answers=answer_all("mood"), now=start + timedelta(hours=1)
    )
    assert code_of(alex, partner) == "safety_lock"

    record_screen(user=alex.user, screen_id="mood", answers=answer_all("mood"))

    assert code_of(alex, partner) is None
    assert standing_of(alex.user).level == "green"


def test_after_the_hold_a_crisis_still_stays_until_the_mood_screen_is_answered(
    alex: Persona,
) -> None:
    pass_safety_check(alex)
    start = timezone.now() - timedelta(hours=30)
    crisis = answer_all("mood", self_harm_thoughts="yes", soon="yes")
    record_screen(user=alex.user, screen_id="mood", answers=crisis, now=start)

    create_entry(user=alex.user, title="", body=CHEERFUL)

    assert standing_of(alex.user).level == "crisis"
    assert code_of(alex) == "safety_lock"


# -- naming the same person again -------------------------------------------------------------


def test_naming_a_locked_partner_again_as_someone_new_brings_back_their_lock(
    alex: Persona,
) -> None:
    locked = lock_with_an_order(alex)  # named "Jo" by pass_safety_check

    again = add_partner(user=alex.user, name="  jo ")

    assert again.pk == locked.pk
    assert again.ended_at is None
    assert code_of(alex) == "safety_lock"


def test_a_different_name_is_a_new_partner_checked_afresh(alex: Persona) -> None:
    locked = lock_with_an_order(alex)

    someone_new = add_partner(user=alex.user, name="Sam")

    assert someone_new.pk != locked.pk
    assert code_of(alex) == "safety_check_required"
    assert code_of(alex, locked) == "safety_lock"


# -- the quick check just before coaching -----------------------------------------------------


def test_a_day_after_the_check_two_quick_questions_come_before_coaching(alex: Persona) -> None:
    partner = pass_safety_check(alex)
    age_answers(alex, partner, timedelta(days=2))

    block = reconnection_block(alex.user)

    assert block is not None
    assert (block.code, block.screens) == ("safety_check_required", ("quick",))
    answer(alex, "quick", partner)
    assert code_of(alex) is None


def test_a_new_boundary_in_the_quick_check_locks_until_the_contact_screen_is_answered(
    alex: Persona,
) -> None:
    partner = pass_safety_check(alex)
    age_answers(alex, partner, timedelta(days=2))

    answer(alex, "quick", partner, new_boundary="yes")

    assert code_of(alex) == "safety_lock"
    assert pair_level(alex.user, partner) == "red"
    answer(alex, "contact", partner, asked_no_contact="yes")
    assert code_of(alex) == "safety_lock"
    answer(alex, "contact", partner)
    assert code_of(alex) is None
