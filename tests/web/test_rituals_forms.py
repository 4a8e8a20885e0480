"""The rituals pages that add or remove something: a ritual, "done", time together, a
reflection, and deleting; behind the safety gate where they add something new."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from heartwork.rituals import services
from heartwork.rituals.models import Reflection, Ritual, RitualDone, TimeTogether
from heartwork.safety.selectors import highest_level
from tests.conftest import Persona, csrf_post
from tests.program.steps import lock_with_an_order
from tests.web.pages import assert_page_basics, field_error, form_error, html_of, messages
from tests.web.steps import ClientFor

ADDING = ("/rituals/new/", "/rituals/time/", "/rituals/reflection/")


def today_text() -> str:
    return timezone.localdate().isoformat()


# -- a ritual ----------------------------------------------------------------------------


def test_adding_a_ritual(alex_checked: Persona, client_for: ClientFor) -> None:
    client = client_for(alex_checked)
    doc = assert_page_basics(client.get("/rituals/new/"))
    values = [r.attrs["value"] for r in doc.one("fieldset").find_all("input")]
    assert values == ["daily", "weekly"]

    response = csrf_post(client, "/rituals/new/", {"name": " Tea after work ", "cadence": "daily"})

    assert (response.status_code, response["Location"]) == (302, "/rituals/")
    saved = Ritual.objects.get()
    assert (saved.name, saved.cadence) == ("Tea after work", "daily")


def test_a_ritual_needs_a_name_and_a_cadence(alex_checked: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex_checked), "/rituals/new/", {"name": " "})

    assert response.status_code == 200
    assert field_error(response, "name") == "Write a few words here."
    fieldset = html_of(response).one("fieldset")
    assert fieldset.one(class_="field-errors").text() == "Choose daily or weekly."
    assert "Nothing was saved yet" in form_error(response)
    assert Ritual.objects.count() == 0


# -- done --------------------------------------------------------------------------------


def test_done_today_and_not_done_after_all(alex_checked: Persona, client_for: ClientFor) -> None:
    tea = services.add_ritual(user=alex_checked.user, name="Tea", cadence="daily")
    client = client_for(alex_checked)

    response = csrf_post(client, "/rituals/done/", {"ritual": str(tea.id)})

    assert (response.status_code, response["Location"]) == (302, "/rituals/")
    assert RitualDone.objects.get().day == timezone.localdate()
    assert messages(client.get("/rituals/")) == ["Noted. Nice one."]
    csrf_post(client, "/rituals/done/", {"ritual": str(tea.id), "day": today_text(), "undo": "on"})
    assert RitualDone.objects.count() == 0


def test_done_without_a_ritual_says_so_and_saves_nothing(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)

    response = csrf_post(client, "/rituals/done/", {"ritual": "not-an-id"})

    assert response.status_code == 302
    assert messages(client.get("/rituals/")) == ["That did not work. Try the button again."]
    assert client.get("/rituals/done/").status_code == 405


def test_done_on_a_future_day_is_refused(alex_checked: Persona, client_for: ClientFor) -> None:
    tea = services.add_ritual(user=alex_checked.user, name="Tea", cadence="daily")
    client = client_for(alex_checked)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    csrf_post(client, "/rituals/done/", {"ritual": str(tea.id), "day": tomorrow})

    assert RitualDone.objects.count() == 0
    assert "has not happened yet" in messages(client.get("/rituals/"))[0]


def test_done_on_another_persons_ritual_is_not_found(
    alex_checked: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = services.add_ritual(user=sam.user, name="Sam's tea", cadence="daily")

    response = csrf_post(client_for(alex_checked), "/rituals/done/", {"ritual": str(theirs.id)})

    assert response.status_code == 404
    assert RitualDone.objects.count() == 0


# -- time together -----------------------------------------------------------------------


def test_logging_time_together(alex_checked: Persona, client_for: ClientFor) -> None:
    client = client_for(alex_checked)
    doc = assert_page_basics(client.get("/rituals/time/"))
    assert doc.one("input", {"name": "day"}).attrs["value"] == today_text()

    response = csrf_post(
        client, "/rituals/time/", {"minutes": "45", "what": "A long walk.", "day": today_text()}
    )

    assert (response.status_code, response["Location"]) == (302, "/rituals/")
    saved = TimeTogether.objects.get()
    assert (saved.minutes, saved.what) == (45, "A long walk.")


@pytest.mark.parametrize(
    ("minutes", "day", "field", "words"),
    [
        ("-10", None, "minutes", "from 1 to 1440"),
        ("0", None, "minutes", "from 1 to 1440"),
        ("2000", None, "minutes", "from 1 to 1440"),
        ("half an hour", None, "minutes", "whole number"),
        ("30", "2999-01-01", "day", "has not happened yet"),
    ],
)
def test_bad_time_is_an_error_on_its_field(
    alex_checked: Persona,
    client_for: ClientFor,
    minutes: str,
    day: str | None,
    field: str,
    words: str,
) -> None:
    response = csrf_post(
        client_for(alex_checked),
        "/rituals/time/",
        {"minutes": minutes, "what": "Kept words.", "day": day or today_text()},
    )

    assert response.status_code == 200
    assert words in field_error(response, field)
    assert html_of(response).one("textarea").text() == "Kept words."
    assert TimeTogether.objects.count() == 0


# -- what drew us together ---------------------------------------------------------------


def test_writing_a_reflection_is_saved_and_scanned(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    assert_page_basics(client.get("/rituals/reflection/"))

    csrf_post(client, "/rituals/reflection/", {"text": "They said they would kill me if I left."})

    assert Reflection.objects.count() == 1
    assert highest_level(alex_checked.user) == "high_danger"


def test_an_empty_reflection_is_an_error(alex_checked: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex_checked), "/rituals/reflection/", {"text": "   "})

    assert field_error(response, "text") == "Write a few words here."
    assert Reflection.objects.count() == 0


# -- the gate ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ADDING)
def test_before_the_safety_check_adding_sends_to_the_check(
    alex: Persona, client_for: ClientFor, url: str
) -> None:
    response = client_for(alex).get(url)

    assert (response.status_code, response["Location"]) == (302, "/safety/check/")


@pytest.mark.parametrize("url", [*ADDING, "/rituals/done/"])
def test_under_a_safety_lock_adding_sends_to_the_safety_path(
    alex: Persona, client_for: ClientFor, url: str
) -> None:
    lock_with_an_order(alex)

    response = csrf_post(client_for(alex), url, {"name": "Tea", "cadence": "daily"})

    assert (response.status_code, response["Location"]) == (302, "/safety/path/")
    assert Ritual.objects.count() == 0


# -- deleting (always open) --------------------------------------------------------------


def test_own_rows_can_be_deleted_even_under_a_lock(alex: Persona, client_for: ClientFor) -> None:
    tea = services.add_ritual(user=alex.user, name="Tea", cadence="daily")
    services.mark_done(ritual=tea)
    time = services.log_time(user=alex.user, minutes=20, what="Walk.")
    reflection = services.add_reflection(user=alex.user, text="Their laugh.")
    lock_with_an_order(alex)
    client = client_for(alex)

    for url in (
        f"/rituals/{tea.id}/delete/",
        f"/rituals/time/{time.id}/delete/",
        f"/rituals/reflection/{reflection.id}/delete/",
    ):
        confirm = client.get(url)
        assert_page_basics(confirm)
        assert "cannot be undone" in html_of(confirm).one("main").text()
        assert csrf_post(client, url)["Location"] == "/rituals/"

    assert [m.objects.count() for m in (Ritual, RitualDone, TimeTogether, Reflection)] == [0] * 4


def test_another_persons_rows_cannot_be_deleted(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    tea = services.add_ritual(user=sam.user, name="Tea", cadence="daily")
    time = services.log_time(user=sam.user, minutes=20)
    reflection = services.add_reflection(user=sam.user, text="Their laugh.")
    client = client_for(alex)

    for url in (
        f"/rituals/{tea.id}/delete/",
        f"/rituals/time/{time.id}/delete/",
        f"/rituals/reflection/{reflection.id}/delete/",
        f"/rituals/{uuid.uuid4()}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert csrf_post(client, url).status_code == 404
    assert (Ritual.objects.count(), TimeTogether.objects.count(), Reflection.objects.count()) == (
        1,
        1,
        1,
    )
