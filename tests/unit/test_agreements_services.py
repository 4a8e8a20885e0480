"""The agreements builder's writes: solo drafts, versions with who proposed and accepted
them, conflicts instead of lost words, and the review date's reminders."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from heartwork.accounts.selectors import zone_of
from heartwork.agreements import selectors, services
from heartwork.agreements.models import (
    ACCEPTED,
    PENDING,
    SUPERSEDED,
    WITHDRAWN,
    AgreementVersion,
    SoloDraft,
)
from heartwork.agreements.services import (
    AgreementConflict,
    AgreementInputError,
    AgreementRefused,
)
from heartwork.core.keys import create_data_key
from heartwork.core.timezones import local_day
from heartwork.couples.models import Couple
from heartwork.reminders.models import Reminder
from heartwork.safety.selectors import highest_level
from tests.conftest import Persona, make_persona, stored_text

CALM = "We take a 30 minute break when voices get loud, then we come back and talk."
WORRYING = "I hid a tracker on their car."


def today(persona: Persona) -> date:
    return local_day(timezone.now(), zone_of(persona.user))


def pair(one: Persona, two: Persona) -> Couple:
    return Couple.objects.create(user_a=one.user, user_b=two.user, data_key=create_data_key())


@pytest.fixture
def couple(alex: Persona, sam: Persona) -> Couple:
    return pair(alex, sam)


# -- solo drafts ---------------------------------------------------------------------------


def test_a_draft_is_saved_once_per_section_and_rewritten(alex: Persona) -> None:
    first = services.save_draft(user=alex.user, section_id="arguments", text="  No names.  ")
    again = services.save_draft(user=alex.user, section_id="arguments", text="No shouting.")
    assert first.pk == again.pk
    assert selectors.drafts_of(alex.user)["arguments"].text == "No shouting."
    assert SoloDraft.objects.filter(user=alex.user).count() == 1


def test_a_draft_is_stored_encrypted(alex: Persona) -> None:
    services.save_draft(user=alex.user, section_id="time_together", text="Sunday walks, always")
    assert "Sunday walks" not in stored_text("agreements_solodraft")


def test_a_worrying_draft_reaches_the_safety_net(alex: Persona) -> None:
    services.save_draft(user=alex.user, section_id="non_negotiables", text=WORRYING)
    assert highest_level(alex.user) == "red"


@pytest.mark.parametrize(
    ("text", "field"), [("   ", "text"), ("x" * 4001, "text"), ("a\ud800b", "text")]
)
def test_an_empty_or_overlong_draft_is_refused_naming_the_text(
    alex: Persona, text: str, field: str
) -> None:
    with pytest.raises(AgreementInputError) as caught:
        services.save_draft(user=alex.user, section_id="arguments", text=text)
    assert caught.value.field == field
    assert not SoloDraft.objects.exists()


def test_an_unknown_section_is_refused(alex: Persona) -> None:
    with pytest.raises(AgreementInputError) as caught:
        services.save_draft(user=alex.user, section_id="chores", text="Fair shares.")
    assert caught.value.field == "section"


def test_deleting_a_draft_says_whether_there_was_one(alex: Persona) -> None:
    services.save_draft(user=alex.user, section_id="arguments", text="No names.")
    assert services.delete_draft(user=alex.user, section_id="arguments") is True
    assert services.delete_draft(user=alex.user, section_id="arguments") is False


# -- versions ------------------------------------------------------------------------------


def propose(
    who: Persona, couple: Couple, based_on: AgreementVersion | None, text: str = CALM
) -> AgreementVersion:
    return services.propose(
        user=who.user,
        couple=couple,
        section_id="arguments",
        text=text,
        based_on=based_on.id if based_on is not None else None,
    )


def test_the_other_partner_accepts_a_proposal_and_it_becomes_the_agreement(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(alex, couple, None)
    assert (version.number, version.status, version.proposed_by) == (1, PENDING, alex.user)
    accepted = services.accept(user=sam.user, couple=couple, version_id=version.id)
    assert accepted.status == ACCEPTED
    assert accepted.accepted_by == sam.user and accepted.accepted_at is not None
    state = selectors.section_state(alex.user, "arguments")
    assert state is not None and state.current is not None
    assert state.current.id == version.id and state.pending is None


def test_nobody_accepts_their_own_proposal(alex: Persona, couple: Couple) -> None:
    version = propose(alex, couple, None)
    with pytest.raises(AgreementRefused) as caught:
        services.accept(user=alex.user, couple=couple, version_id=version.id)
    assert caught.value.code == "own_proposal"
    version.refresh_from_db()
    assert version.status == PENDING


def test_a_counter_proposal_supersedes_the_waiting_one_and_both_are_kept(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    first = propose(alex, couple, None)
    second = propose(sam, couple, first, "We take a break of one hour at most, then talk.")
    first.refresh_from_db()
    assert first.status == SUPERSEDED and first.closed_at is not None
    assert second.number == 2 and second.based_on_id == first.id
    history = selectors.history(alex.user, "arguments")
    assert [v.number for v in history] == [2, 1]
    assert [v.text for v in history] == [second.text, CALM]


def test_a_proposal_on_an_old_version_is_a_conflict_and_changes_nothing(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    first = propose(alex, couple, None)
    services.accept(user=sam.user, couple=couple, version_id=first.id)
    second = propose(sam, couple, first, "One hour at most.")
    with pytest.raises(AgreementConflict) as caught:
        propose(alex, couple, first, "Twenty minutes at most.")
    assert caught.value.newest is not None and caught.value.newest.id == second.id
    assert AgreementVersion.objects.count() == 2
    second.refresh_from_db()
    assert second.status == PENDING


def test_two_first_proposals_cannot_both_win(alex: Persona, sam: Persona, couple: Couple) -> None:
    propose(alex, couple, None)
    with pytest.raises(AgreementConflict):
        propose(sam, couple, None, "My words instead.")


def test_accepting_a_proposal_that_was_answered_meanwhile_is_a_conflict(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    first = propose(alex, couple, None)
    propose(alex, couple, first, "Better words.")
    with pytest.raises(AgreementConflict):
        services.accept(user=sam.user, couple=couple, version_id=first.id)


def test_only_the_proposer_withdraws_and_the_withdrawn_version_stays(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(alex, couple, None)
    with pytest.raises(AgreementRefused) as caught:
        services.withdraw(user=sam.user, couple=couple, version_id=version.id)
    assert caught.value.code == "not_yours"
    services.withdraw(user=alex.user, couple=couple, version_id=version.id)
    version.refresh_from_db()
    assert version.status == WITHDRAWN
    with pytest.raises(AgreementConflict):
        services.accept(user=sam.user, couple=couple, version_id=version.id)
    # The next proposal is based on the withdrawn one: it is the newest.
    assert propose(sam, couple, version, "Fresh words.").number == 2


def test_a_version_of_another_couple_is_not_found(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(alex, couple, None)
    kim, lee = make_persona("kim@example.org"), make_persona("lee@example.org")
    other = pair(kim, lee)
    with pytest.raises(LookupError):
        services.accept(user=kim.user, couple=other, version_id=version.id)
    assert selectors.version_of(kim.user, version.id) is None


def test_versions_are_encrypted_with_the_couple_key_and_scanned_for_the_proposer(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    propose(alex, couple, None, WORRYING)
    assert "tracker on" not in stored_text("agreements_agreementversion")
    assert highest_level(alex.user) == "red"
    assert highest_level(sam.user) == "green"


def test_after_unpairing_nothing_of_the_couple_is_found(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(alex, couple, None)
    Couple.objects.filter(pk=couple.pk).update(ended_at=datetime.now(UTC))
    assert selectors.overview(sam.user).mode == "solo"
    assert selectors.history(sam.user, "arguments") == []
    assert selectors.version_of(sam.user, version.id) is None


@pytest.mark.django_db(transaction=True)
def test_two_partners_proposing_at_the_same_moment_never_lose_one_silently() -> None:
    alex, sam = make_persona("alex@example.org"), make_persona("sam@example.net")
    couple = pair(alex, sam)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def write(who: Persona, text: str) -> None:
        try:
            start.wait(timeout=10)
            propose(who, couple, None, text)
            outcomes.append("saved")
        except AgreementConflict:
            outcomes.append("conflict")
        except OperationalError as exc:
            # SQLite's in-memory test database shares one cache between threads and says
            # "table is locked" instead of waiting, as a file database with a busy timeout
            # does. Still loud, never silent; PostgreSQL shows the real conflict.
            outcomes.append("conflict" if "locked" in str(exc) else repr(exc))
        finally:
            # Each thread has its own connection: close it, or the test database cannot
            # be dropped at the end.
            connections.close_all()

    threads = [
        threading.Thread(target=write, args=(alex, "Words from alex.")),
        threading.Thread(target=write, args=(sam, "Words from sam.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"], connection.vendor
    assert AgreementVersion.objects.count() == 1


# -- the review date -----------------------------------------------------------------------


def test_a_review_date_sets_a_reminder_for_both_partners(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    day = today(alex) + timedelta(days=30)
    review = services.set_review(user=alex.user, couple=couple, review_on=day)
    assert review is not None and review.review_on == day
    reminders = Reminder.objects.filter(kind="agreement_review", ref=str(review.id))
    assert {reminder.user_id for reminder in reminders} == {alex.user.pk, sam.user.pk}
    assert all(reminder.due_at.date() in (day, day - timedelta(days=1)) for reminder in reminders)


def test_clearing_the_review_date_cancels_both_reminders(
    alex: Persona, sam: Persona, couple: Couple
) -> None:
    services.set_review(user=alex.user, couple=couple, review_on=today(alex) + timedelta(days=9))
    assert services.set_review(user=sam.user, couple=couple, review_on=None) is None
    assert not Reminder.objects.filter(kind="agreement_review").exists()


@pytest.mark.parametrize("days", [0, -3, 800])
def test_a_review_date_today_in_the_past_or_years_away_is_refused(
    alex: Persona, couple: Couple, days: int
) -> None:
    with pytest.raises(AgreementInputError) as caught:
        services.set_review(
            user=alex.user, couple=couple, review_on=today(alex) + timedelta(days=days)
        )
    assert caught.value.field == "review_on"
    assert not Reminder.objects.exists()
