"""The agreements pages: drafting alone, proposing and accepting together, a conflict that
shows both texts, the safety lock, and the printable page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.accounts.selectors import zone_of
from heartwork.agreements import services
from heartwork.agreements.models import AgreementVersion, SoloDraft
from heartwork.core.keys import create_data_key
from heartwork.core.timezones import local_day
from heartwork.couples.models import Couple
from heartwork.reminders.models import Reminder
from tests.conftest import Persona, csrf_post, make_persona
from tests.program.steps import lock_with_an_order

HOME = "/agreements/"
SECTION = "/agreements/arguments/"
PRINT = "/agreements/print/"
WORDS = "We keep our voices down and take a break when we need one."


@pytest.fixture
def couple(alex: Persona, sam: Persona) -> Couple:
    return Couple.objects.create(user_a=alex.user, user_b=sam.user, data_key=create_data_key())


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_overview_lists_every_part_and_says_you_are_drafting_alone(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    html = page(client_for(alex), HOME)
    assert "How we handle arguments" in html and "Stress as a team" in html
    assert "working alone" in html
    assert 'href="/agreements/print/"' in html


def test_the_menu_links_to_agreements(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    assert 'href="/agreements/"' in page(client_for(alex), "/rituals/")


def test_a_draft_saved_on_the_page_comes_back_and_stays_private(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    client = client_for(alex)
    response = csrf_post(client, f"{SECTION}draft/", {"text": "No names, ever."})
    assert response.status_code == 302 and response["Location"] == SECTION
    assert "No names, ever." in page(client, SECTION)
    assert "No names, ever." not in page(client_for(sam), SECTION)


def test_an_empty_draft_is_shown_again_with_the_reason(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    response = csrf_post(client_for(alex), f"{SECTION}draft/", {"text": ""})
    assert response.status_code == 422
    assert "Write a few words here." in response.content.decode()
    assert not SoloDraft.objects.exists()


def test_deleting_a_draft_on_the_page(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    services.save_draft(user=alex.user, section_id="arguments", text="To delete.")
    csrf_post(client_for(alex), f"{SECTION}draft/", {"delete": "on"})
    assert not SoloDraft.objects.exists()


def test_one_partner_proposes_and_the_other_accepts_on_the_pages(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    proposed = csrf_post(client_for(alex), f"{SECTION}propose/", {"text": WORDS, "based_on": ""})
    assert proposed.status_code == 302
    version = AgreementVersion.objects.get()
    sams = client_for(sam)
    html = page(sams, SECTION)
    assert WORDS in html and "proposed by your partner" in html and "Accept these words" in html
    alexs = page(client_for(alex), SECTION)
    assert "Withdraw my proposal" in alexs
    # The proposal box and the draft box each have their own id.
    assert alexs.count('id="proposal_text"') == 1 and alexs.count('id="draft_text"') == 1
    csrf_post(sams, "/agreements/answer/", {"version": str(version.id), "action": "accept"})
    version.refresh_from_db()
    assert version.status == "accepted" and version.accepted_by == sam.user
    assert "Accepted by your partner" in page(client_for(alex), HOME)


def test_a_conflict_shows_both_texts_and_keeps_what_was_typed(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    services.propose(
        user=sam.user, couple=couple, section_id="arguments", text=WORDS, based_on=None
    )
    mine = "Twenty minutes apart, then a walk together."
    response = csrf_post(client_for(alex), f"{SECTION}propose/", {"text": mine, "based_on": ""})
    assert response.status_code == 409
    html = response.content.decode()
    assert WORDS in html and mine in html and "Nothing was saved yet" in html
    head = AgreementVersion.objects.get()
    assert f'value="{head.id}"' in html  # sending again is now based on the newest
    assert AgreementVersion.objects.count() == 1


def test_a_locked_pair_sees_why_and_cannot_propose(
    client_for: Callable[[Persona], Client], alex: Persona, couple: Couple
) -> None:
    lock_with_an_order(alex)
    client = client_for(alex)
    assert "Agreeing together is paused" in page(client, HOME)
    assert "Propose words" not in page(client, SECTION)
    response = csrf_post(client, f"{SECTION}propose/", {"text": WORDS, "based_on": ""})
    assert response.status_code == 302 and response["Location"] == HOME
    assert not AgreementVersion.objects.exists()
    assert csrf_post(client, f"{SECTION}draft/", {"text": "Still mine."}).status_code == 302


def test_the_printable_page_shows_what_was_agreed_with_dates_and_not_proposals(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = services.propose(
        user=alex.user, couple=couple, section_id="arguments", text=WORDS, based_on=None
    )
    services.accept(user=sam.user, couple=couple, version_id=version.id)
    services.propose(
        user=sam.user,
        couple=couple,
        section_id="arguments",
        text="Not agreed yet.",
        based_on=version.id,
    )
    html = page(client_for(sam), PRINT)
    assert WORDS in html and "agreed on" in html and "Not agreed yet." not in html
    assert "agreements/print.css" in html and "<style" not in html and "<script>" not in html


def test_the_printable_page_alone_shows_the_drafts(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    services.save_draft(user=alex.user, section_id="non_negotiables", text="No name-calling.")
    html = page(client_for(alex), PRINT)
    assert "My side of our agreements" in html and "No name-calling." in html


def test_after_unpairing_the_pages_show_no_partner_content(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = services.propose(
        user=alex.user, couple=couple, section_id="arguments", text=WORDS, based_on=None
    )
    services.accept(user=sam.user, couple=couple, version_id=version.id)
    Couple.objects.filter(pk=couple.pk).update(ended_at=datetime.now(UTC))
    client = client_for(sam)
    for url in (HOME, SECTION, PRINT):
        assert WORDS not in page(client, url)


def test_an_unknown_part_is_not_found(
    client_for: Callable[[Persona], Client], alex: Persona
) -> None:
    assert client_for(alex).get("/agreements/chores/").status_code == 404


def test_the_pages_need_a_login(visitor: Client) -> None:
    response = visitor.get(HOME)
    assert response.status_code == 302 and "login" in response["Location"]


def test_withdrawing_on_the_page_keeps_the_version_in_the_history(
    client_for: Callable[[Persona], Client], alex: Persona, couple: Couple
) -> None:
    version = services.propose(
        user=alex.user, couple=couple, section_id="arguments", text=WORDS, based_on=None
    )
    client = client_for(alex)
    response = csrf_post(
        client, "/agreements/answer/", {"version": str(version.id), "action": "withdraw"}
    )
    assert response.status_code == 302 and response["Location"] == SECTION
    version.refresh_from_db()
    assert version.status == "withdrawn"
    html = page(client, SECTION)
    assert "Every version" in html and "Withdrawn." in html


def test_an_answer_for_a_version_of_another_couple_is_not_found(
    client_for: Callable[[Persona], Client], alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = services.propose(
        user=alex.user, couple=couple, section_id="arguments", text=WORDS, based_on=None
    )
    kim, lee = make_persona("kim@example.org"), make_persona("lee@example.org")
    Couple.objects.create(user_a=kim.user, user_b=lee.user, data_key=create_data_key())
    data = {"version": str(version.id), "action": "accept"}
    assert csrf_post(client_for(kim), "/agreements/answer/", data).status_code == 404
    version.refresh_from_db()
    assert version.status == "pending"


def test_the_review_day_is_set_and_cleared_on_the_overview(
    client_for: Callable[[Persona], Client], alex: Persona, couple: Couple
) -> None:
    client = client_for(alex)
    day = local_day(timezone.now(), zone_of(alex.user)) + timedelta(days=14)
    response = csrf_post(client, "/agreements/review/", {"review_on": day.isoformat()})
    assert response.status_code == 302
    assert Reminder.objects.filter(kind="agreement_review").count() == 2
    assert day.isoformat() in page(client, HOME)
    csrf_post(client, "/agreements/review/", {"review_on": ""})
    assert Reminder.objects.filter(kind="agreement_review").count() == 2
    csrf_post(client, "/agreements/review/", {"clear": "on"})
    assert not Reminder.objects.filter(kind="agreement_review").exists()
    past = csrf_post(client, "/agreements/review/", {"review_on": "2020-01-01"})
    assert past.status_code == 302
    assert "Pick a day after today." in page(client, HOME)
