"""/space/urges/: note an urge (when, strength 1-10, trigger, what I did instead), list,
change and delete them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import Urge
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    Page,
    assert_page_basics,
    field_error,
    html_of,
    main_text,
    messages,
)
from tests.web.steps import ClientFor

URL = "/space/urges/"


def group_error(response: Page, name: str) -> str:
    group = html_of(response).one("fieldset", attrs={"data-field": name})
    error = group.one(class_="field-errors")
    assert error.attrs["id"] in group.attrs["aria-describedby"].split()
    return error.text()


def test_the_form_asks_strength_from_one_to_ten_with_words_at_both_ends(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = assert_page_basics(client_for(alex).get(URL))

    group = doc.one("fieldset", attrs={"data-field": "strength"})
    labels = [label.text() for label in group.find_all("label")]
    assert labels[0] == "1 · A small pull"
    assert labels[-1] == "10 · Very hard to resist"
    assert len(labels) == 10
    assert doc.one("input", {"name": "at"}).attrs["type"] == "datetime-local"
    assert "No urges noted yet." in main_text(client_for(alex).get(URL))


def test_noting_an_urge_lists_it_with_its_words(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = csrf_post(
        client, URL, {"strength": "7", "trigger": "Saw our old café", "instead": "Went running"}
    )

    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL)
    assert messages(page)[0].startswith("Noted.")
    item = html_of(page).one("li", attrs={"data-urge": str(Urge.objects.get().id)})
    assert "Strength 7 out of 10" in item.text()
    assert "Saw our old café" in item.text()
    assert "Went running" in item.text()


def test_a_time_in_the_persons_zone_is_kept_as_that_moment(
    alex: Persona, client_for: ClientFor
) -> None:
    alex.user.time_zone = "Asia/Tokyo"
    alex.user.save(update_fields=["time_zone"])
    local = timezone.now().astimezone(timezone.get_fixed_timezone(9 * 60)) - timedelta(hours=1)

    csrf_post(client_for(alex), URL, {"strength": "4", "at": local.strftime("%Y-%m-%dT%H:%M")})

    saved = Urge.objects.get().at
    assert abs(saved - local.replace(second=0, microsecond=0)) < timedelta(seconds=1)


def test_strength_out_of_range_is_an_error_on_its_group(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), URL, {"strength": "11", "trigger": "kept"})

    assert response.status_code == 200
    assert group_error(response, "strength") == "Pick a number from 1 to 10."
    # What was typed stays in the form.
    assert html_of(response).one("textarea", {"name": "trigger"}).text() == "kept"
    assert Urge.objects.count() == 0


def test_a_future_time_is_an_error_on_the_time_field(alex: Persona, client_for: ClientFor) -> None:
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = csrf_post(client_for(alex), URL, {"strength": "5", "at": later})

    assert "in the future" in field_error(response, "at")
    assert Urge.objects.count() == 0


def test_an_urge_can_be_changed_and_deleted(alex: Persona, client_for: ClientFor) -> None:
    urge = services.log_urge(user=alex.user, strength=9, trigger="A photo")
    client = client_for(alex)
    edit = f"/space/urges/{urge.id}/edit/"

    form = assert_page_basics(client.get(edit))
    changed = csrf_post(client, edit, {"strength": "4", "trigger": "A photo", "instead": ""})
    confirm = client.get(f"/space/urges/{urge.id}/delete/")
    deleted = csrf_post(client, f"/space/urges/{urge.id}/delete/")

    assert form.one("input", {"name": "strength", "checked": ""}).attrs["value"] == "9"
    assert changed.status_code == 302
    assert html_of(confirm).one("h1").text() == "Delete this urge?"
    assert deleted.status_code == 302
    assert Urge.objects.count() == 0


def test_another_persons_urge_is_not_found(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    urge = services.log_urge(user=sam.user, strength=9, trigger="Sam's own words")
    client = client_for(alex)

    assert client.get(f"/space/urges/{urge.id}/edit/").status_code == 404
    assert csrf_post(client, f"/space/urges/{urge.id}/delete/").status_code == 404
    assert "Sam's own words" not in main_text(client.get(URL))
    assert Urge.objects.count() == 1
