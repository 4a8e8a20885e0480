"""/trust/entries/: adding a deposit or a withdrawal with a form, listing and deleting."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.safety.selectors import highest_level
from heartwork.trust import services
from heartwork.trust.models import Entry
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    assert_page_basics,
    field_error,
    form_error,
    html_of,
    messages,
)
from tests.web.steps import ClientFor

NEW_DEPOSIT = "/trust/entries/new/deposit/"
NEW_WITHDRAWAL = "/trust/entries/new/withdrawal/"
LIST = "/trust/entries/"


def form(kind: str = "kept_word", day: str | None = None, note: str = "") -> dict[str, str]:
    return {"kind": kind, "day": day or timezone.localdate().isoformat(), "note": note}


def test_the_deposit_form_offers_the_deposit_kinds_with_labels(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(NEW_DEPOSIT)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Add a deposit"
    group = doc.one("fieldset", {"data-field": "kind"})
    assert group.one("legend").text() == "What happened?"
    values = [radio.attrs["value"] for radio in group.find_all("input")]
    assert values == ["kept_word", "took_responsibility", "stayed_calm", "was_present", "own_words"]
    day = doc.one("input", {"name": "day"})
    assert (day.attrs["type"], day.attrs["value"]) == ("date", timezone.localdate().isoformat())


def test_the_withdrawal_form_offers_the_withdrawal_kinds(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(NEW_WITHDRAWAL))

    values = [
        r.attrs["value"] for r in doc.one("fieldset", {"data-field": "kind"}).find_all("input")
    ]
    assert values == ["broke_promise", "old_behaviour", "made_excuses", "own_words"]
    assert "One slip does not undo what you have built." in doc.one("main").text()


def test_an_unknown_direction_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get("/trust/entries/new/sideways/").status_code == 404


def test_saving_a_deposit_goes_back_to_the_ledger_with_it_counted(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, NEW_DEPOSIT, form("stayed_calm", note="Stayed at the table."))

    assert (response.status_code, response["Location"]) == (302, "/trust/")
    entry = Entry.objects.get()
    assert (entry.direction, entry.kind, entry.note) == (
        "deposit",
        "stayed_calm",
        "Stayed at the table.",
    )
    page = client.get("/trust/")
    assert messages(page) == ["Deposit saved."]


def test_saving_a_withdrawal_on_an_earlier_day(alex: Persona, client_for: ClientFor) -> None:
    day = timezone.localdate() - timedelta(days=3)

    csrf_post(client_for(alex), NEW_WITHDRAWAL, form("old_behaviour", day=day.isoformat()))

    entry = Entry.objects.get()
    assert (entry.direction, entry.day) == ("withdrawal", day)


def test_a_future_day_is_an_error_on_the_day_field_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = csrf_post(client_for(alex), NEW_DEPOSIT, form(day=tomorrow, note="Kept."))

    assert response.status_code == 200
    assert "has not happened yet" in field_error(response, "day")
    assert "Nothing was saved yet" in form_error(response)
    assert html_of(response).one("textarea").text() == "Kept."
    assert Entry.objects.count() == 0


def test_own_words_without_a_note_is_an_error_on_the_note(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), NEW_WITHDRAWAL, form("own_words"))

    assert field_error(response, "note") == "Say in your own words what happened."
    assert Entry.objects.count() == 0


def test_no_kind_chosen_is_an_error_tied_to_the_group(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), NEW_DEPOSIT, {"day": "", "note": ""})

    doc = html_of(response)
    group = doc.one("fieldset", {"data-field": "kind"})
    errors = group.one(class_="field-errors")
    assert errors.text() == "Choose what kind of moment it was."
    assert group.attrs["aria-describedby"] == errors.attrs["id"]
    assert field_error(response, "day") == "Pick the day it happened."
    assert Entry.objects.count() == 0


def test_a_kind_from_the_other_direction_is_refused(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), NEW_DEPOSIT, form("broke_promise"))

    assert "Choose one of" in html_of(response).one("fieldset").one(class_="field-errors").text()
    assert Entry.objects.count() == 0


def test_a_note_is_read_by_the_safety_net(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(
        client_for(alex),
        NEW_WITHDRAWAL,
        form("own_words", note="I put my hands around their neck last month."),
    )

    assert highest_level(alex.user) == "high_danger"


def test_all_entries_are_listed_newest_first(alex: Persona, client_for: ClientFor) -> None:
    for days_ago, note in ((2, "Older."), (0, "Newest.")):
        services.add_entry(
            user=alex.user,
            direction="deposit",
            kind="kept_word",
            note=note,
            day=timezone.localdate() - timedelta(days=days_ago),
        )

    response = client_for(alex).get(LIST)

    assert_page_basics(response)
    items = html_of(response).one("ol", class_="trust-entries").find_all("li")
    assert ["Newest." in items[0].text(), "Older." in items[1].text()] == [True, True]


def test_the_list_costs_the_same_queries_with_entries_from_commitments(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    services.add_entry(user=alex.user, direction="deposit", kind="kept_word")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(12):
        made = services.add_commitment(
            user=alex.user, text=f"Promise {n}.", due=timezone.localdate()
        )
        services.resolve_commitment(commitment=made, status="kept")

    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    assert "Promise 11." in html_of(response).one("main").text()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_entry_can_be_deleted_after_a_confirmation(alex: Persona, client_for: ClientFor) -> None:
    entry = services.add_entry(user=alex.user, direction="withdrawal", kind="made_excuses")
    client = client_for(alex)
    url = f"/trust/entries/{entry.id}/delete/"

    confirm = client.get(url)
    assert_page_basics(confirm)
    assert html_of(confirm).one("h1").text() == "Delete this entry?"
    response = csrf_post(client, url)

    assert (response.status_code, response["Location"]) == (302, "/trust/")
    assert Entry.objects.count() == 0


def test_another_persons_entry_cannot_be_deleted(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    entry = services.add_entry(user=sam.user, direction="deposit", kind="kept_word")
    url = f"/trust/entries/{entry.id}/delete/"

    assert client_for(alex).get(url).status_code == 404
    assert csrf_post(client_for(alex), url).status_code == 404
    assert Entry.objects.count() == 1
