"""/space/slips/: note a contact that was not planned, without shame; change or delete it."""

from __future__ import annotations

from heartwork.space import services
from heartwork.space.models import Slip
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, html_of, main_text, messages
from tests.web.steps import ClientFor

URL = "/space/slips/"


def test_the_page_explains_a_slip_erases_nothing_and_practical_contact_is_not_one(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = assert_page_basics(client_for(alex).get(URL))

    text = doc.one("main").text()
    assert "does not wipe out the days you kept" in text
    assert "Needed contact about children, a home, money or work is not a slip" in text
    labels = [label.text() for label in doc.one("fieldset").find_all("label")]
    assert labels[:3] == ["A message or chat", "A call or video call", "In person"]


def test_noting_a_slip_lists_how_and_what_was_learned(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = csrf_post(client, URL, {"how": "call", "learned": "I was lonely after work."})

    assert response.status_code == 302
    page = client.get(URL)
    assert "all still counted" in messages(page)[0]
    item = html_of(page).one("li", attrs={"data-slip": str(Slip.objects.get().id)})
    assert "A call or video call" in item.text()
    assert "I was lonely after work." in item.text()


def test_an_unknown_way_is_an_error_tied_to_the_group(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), URL, {"how": "carrier pigeon"})

    group = html_of(response).one("fieldset", attrs={"data-field": "how"})
    error = group.one(class_="field-errors")
    assert error.text() == "Pick one of the choices."
    assert error.attrs["id"] in group.attrs["aria-describedby"].split()
    assert Slip.objects.count() == 0


def test_a_slip_can_be_changed_and_deleted_but_not_someone_elses(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    slip = services.log_slip(user=alex.user, how="message", learned="Too tired.")
    other = services.log_slip(user=sam.user, how="call")
    client = client_for(alex)

    changed = csrf_post(
        client, f"/space/slips/{slip.id}/edit/", {"how": "in_person", "learned": "Too tired."}
    )

    assert changed.status_code == 302
    assert Slip.objects.get(pk=slip.pk).how == "in_person"
    assert client.get(f"/space/slips/{other.id}/edit/").status_code == 404
    assert csrf_post(client, f"/space/slips/{other.id}/delete/").status_code == 404
    assert csrf_post(client, f"/space/slips/{slip.id}/delete/").status_code == 302
    assert list(Slip.objects.values_list("id", flat=True)) == [other.id]
    assert "No slips noted." in main_text(client.get(URL))
