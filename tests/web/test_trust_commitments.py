"""/trust/commitments/: making a commitment, changing it, saying whether it was kept."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from heartwork.trust import services
from heartwork.trust.models import Commitment, Entry
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, field_error, html_of, messages
from tests.web.steps import ClientFor

NEW = "/trust/commitments/new/"


def a_commitment(persona: Persona, days_ahead: int = 7) -> Commitment:
    return services.add_commitment(
        user=persona.user,
        text="I call when I'm late.",
        due=timezone.localdate() + timedelta(days=days_ahead),
    )


def follow_through(commitment: Commitment) -> str:
    return f"/trust/commitments/{commitment.id}/follow-through/"


def test_the_form_asks_for_the_promise_and_the_day_to_look_back(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(NEW)

    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Make a commitment"
    assert doc.one("input", {"name": "text"}).attrs["autocomplete"] == "off"
    assert doc.one("input", {"name": "due"}).attrs["type"] == "date"


def test_a_commitment_is_saved_and_shown_open_on_the_ledger(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    due = timezone.localdate() + timedelta(days=10)

    response = csrf_post(
        client, NEW, {"text": " I text if I will be late. ", "due": due.isoformat()}
    )

    assert (response.status_code, response["Location"]) == (302, "/trust/")
    saved = Commitment.objects.get()
    assert (saved.text, saved.due, saved.status) == ("I text if I will be late.", due, "open")
    page = client.get("/trust/")
    assert "I text if I will be late." in html_of(page).one("ul", class_="trust-open").text()


def test_missing_words_and_a_bad_date_are_shown_on_their_fields(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), NEW, {"text": "  ", "due": "soon"})

    assert response.status_code == 200
    assert field_error(response, "text") == "Write the promise you want to keep."
    assert field_error(response, "due") == "Enter a date like 2025-03-31."
    assert Commitment.objects.count() == 0


def test_i_kept_it_adds_a_deposit_and_says_so(alex: Persona, client_for: ClientFor) -> None:
    commitment = a_commitment(alex, days_ahead=-2)
    client = client_for(alex)

    response = csrf_post(client, follow_through(commitment), {"status": "kept"})

    assert (response.status_code, response["Location"]) == (302, "/trust/")
    entry = Entry.objects.get()
    assert (entry.direction, entry.day) == ("deposit", commitment.due)
    page = client.get("/trust/")
    assert messages(page) == ["Marked as kept. A deposit is in your ledger."]
    decided = html_of(page).one("ul", class_="trust-decided").one("li")
    assert decided.attrs["data-status"] == "kept"


def test_i_did_not_keep_it_adds_a_withdrawal_kindly(alex: Persona, client_for: ClientFor) -> None:
    commitment = a_commitment(alex)
    client = client_for(alex)

    csrf_post(client, follow_through(commitment), {"status": "not_kept"})

    assert Entry.objects.get().direction == "withdrawal"
    assert "One slip is not the end." in messages(client.get("/trust/"))[0]


def test_opening_it_again_takes_the_entry_back_out(alex: Persona, client_for: ClientFor) -> None:
    commitment = a_commitment(alex)
    services.resolve_commitment(commitment=commitment, status="kept")

    csrf_post(client_for(alex), follow_through(commitment), {"status": "open"})

    assert Entry.objects.count() == 0
    assert Commitment.objects.get().status == "open"


def test_an_unknown_follow_through_changes_nothing(alex: Persona, client_for: ClientFor) -> None:
    commitment = a_commitment(alex)
    client = client_for(alex)

    response = csrf_post(client, follow_through(commitment), {"status": "sort_of"})

    assert response.status_code == 302
    assert Commitment.objects.get().status == "open"
    assert messages(client.get("/trust/")) == ["Choose kept, not kept or still open."]
    assert client.get(follow_through(commitment)).status_code == 405


def test_the_words_and_day_can_be_changed(alex: Persona, client_for: ClientFor) -> None:
    commitment = a_commitment(alex)
    client = client_for(alex)
    url = f"/trust/commitments/{commitment.id}/"
    due = timezone.localdate() + timedelta(days=21)

    page = client.get(url)
    assert html_of(page).one("input", {"name": "text"}).attrs["value"] == "I call when I'm late."
    csrf_post(client, url, {"text": "I call before seven.", "due": due.isoformat()})

    saved = Commitment.objects.get()
    assert (saved.text, saved.due) == ("I call before seven.", due)


def test_deleting_asks_first_and_takes_its_entry_with_it(
    alex: Persona, client_for: ClientFor
) -> None:
    commitment = a_commitment(alex)
    services.resolve_commitment(commitment=commitment, status="kept")
    client = client_for(alex)
    url = f"/trust/commitments/{commitment.id}/delete/"

    assert html_of(client.get(url)).one("h1").text() == "Delete this commitment?"
    response = csrf_post(client, url)

    assert (response.status_code, response["Location"]) == (302, "/trust/")
    assert (Commitment.objects.count(), Entry.objects.count()) == (0, 0)


def test_another_persons_commitment_is_not_found(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    commitment = a_commitment(sam)
    client = client_for(alex)

    for url in (
        f"/trust/commitments/{commitment.id}/",
        f"/trust/commitments/{commitment.id}/delete/",
    ):
        assert client.get(url).status_code == 404
    assert csrf_post(client, follow_through(commitment), {"status": "kept"}).status_code == 404
    assert Commitment.objects.get().status == "open"
