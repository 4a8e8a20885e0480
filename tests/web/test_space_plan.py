"""/space/plan/: set up or change the cool-down (start, planned length, last contact)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import Plan, Urge
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    assert_page_basics,
    field_error,
    form_error,
    html_of,
    messages,
)
from tests.web.steps import ClientFor

URL = "/space/plan/"


def day(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


def test_the_form_starts_today_and_offers_lengths_and_no_end_date(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(URL)

    doc = assert_page_basics(response)
    assert doc.one("input", {"name": "started_on"}).attrs["value"] == day(0)
    group = doc.one("fieldset", attrs={"data-field": "planned_days"})
    assert group.one("legend").text() == "How long will it last?"
    labels = [label.text() for label in group.find_all("label")]
    assert labels[0] == "Two weeks"
    assert labels[-1].startswith("No end date")
    assert "not a pause with an end date" in doc.one("main").text()


def test_saving_goes_back_to_the_space_page_with_the_days_counted(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(
        client, URL, {"started_on": day(6), "planned_days": "21", "last_contact_on": day(7)}
    )

    assert response.status_code == 302 and response["Location"] == "/space/"
    page = client.get("/space/")
    assert messages(page) == ["Your cool-down is saved."]
    assert "7 days since your last contact" in html_of(page).one("main").text()


def test_no_end_date_is_saved_as_no_length(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(
        client_for(alex),
        URL,
        {"started_on": day(0), "planned_days": "none", "last_contact_on": day(0)},
    )

    assert Plan.objects.get(user=alex.user).planned_days is None


def test_a_future_last_contact_is_an_error_on_that_field_and_nothing_changes(
    alex: Persona, client_for: ClientFor
) -> None:
    services.set_plan(
        user=alex.user,
        started_on=timezone.localdate(),
        planned_days=14,
        last_contact_on=timezone.localdate(),
    )
    future = (timezone.localdate() + timedelta(days=3)).isoformat()

    response = csrf_post(
        client_for(alex),
        URL,
        {"started_on": day(0), "planned_days": "60", "last_contact_on": future},
    )

    assert response.status_code == 200
    assert "in the future" in field_error(response, "last_contact_on")
    assert "Nothing has been saved yet" in form_error(response)
    assert Plan.objects.get(user=alex.user).planned_days == 14


def test_a_missing_length_is_an_error_tied_to_its_group(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), URL, {"started_on": day(0), "last_contact_on": day(0)})

    group = html_of(response).one("fieldset", attrs={"data-field": "planned_days"})
    error = group.one(class_="field-errors")
    assert error.text() == "Pick a length, or no end date."
    assert error.attrs["id"] in group.attrs["aria-describedby"].split()


def test_changing_the_plan_shows_its_values_and_keeps_the_urges(
    alex: Persona, client_for: ClientFor
) -> None:
    today = timezone.localdate()
    services.set_plan(user=alex.user, started_on=today, planned_days=45, last_contact_on=today)
    services.log_urge(user=alex.user, strength=3)
    client = client_for(alex)

    doc = html_of(client.get(URL))
    csrf_post(client, URL, {"started_on": day(0), "planned_days": "90", "last_contact_on": day(0)})

    checked = doc.one("input", {"name": "planned_days", "checked": ""})
    assert checked.attrs["value"] == "45"
    assert Plan.objects.get(user=alex.user).planned_days == 90
    assert Urge.objects.filter(user=alex.user).count() == 1
