"""A stage's ready check, as a page: yes or no to each statement; all yes marks it done."""

from __future__ import annotations

from django.test import Client

from heartwork.program.content import program
from heartwork.program.models import StageMark
from tests.conftest import Persona, csrf_post
from tests.program.steps import lock_with_an_order, ready, statuses
from tests.web.pages import (
    Page,
    assert_page_basics,
    form_error,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
)
from tests.web.steps import ClientFor


def ready_url(stage_id: str) -> str:
    return f"/program/{stage_id}/ready/"


def marked_done(persona: Persona, stage_id: str) -> bool:
    return StageMark.objects.filter(
        user=persona.user, stage=stage_id, done_at__isnull=False
    ).exists()


def group_error(response: Page, item_id: str) -> str:
    block = html_of(response).one(attrs={"data-question": item_id})
    errors = block.one(class_="field-errors")
    assert errors.attrs["id"] in block.attrs.get("aria-describedby", "").split()
    return errors.text()


def test_each_statement_is_a_yes_or_no_question(alex: Persona, client_for: ClientFor) -> None:
    stage = program().stages["what_went_wrong"]

    response = client_for(alex).get(ready_url(stage.id))

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Ready to move on?"
    form = doc.one("form", class_="ready-form")
    for item in stage.ready_check:
        group = form.one("fieldset", {"data-question": item.id})
        assert group.one("legend").text() == item.text
        boxes = group.find_all("input")
        assert [box.attrs["value"] for box in boxes] == ["yes", "no"]
        assert [doc.one("label", {"for": box.attrs["id"]}).text() for box in boxes] == [
            "Yes",
            "No",
        ]


def test_all_yes_marks_the_stage_done_and_shows_what_it_opens(
    api: Client, alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    stage = program().stages["what_went_wrong"]

    response = csrf_post(client, ready_url(stage.id), ready(stage.id))

    assert response.status_code == 302
    assert response["Location"] == ready_url(stage.id)
    page = client.get(ready_url(stage.id))
    assert messages(page) == ["This stage is done. Well done."]
    done = html_of(page).one("section", class_="ready-done")
    for unlocked in stage.unlocks:
        link = done.one("a", {"href": f"/program/{unlocked}/"})
        assert link.text() == program().stages[unlocked].title
    assert done.find("a", {"href": "/program/"}) is not None
    assert html_of(page).find("form", class_="ready-form") is None
    assert statuses(api, alex)[stage.id] == "done"


def test_a_no_shows_what_could_help_and_marks_nothing(
    api: Client, alex: Persona, client_for: ClientFor
) -> None:
    stage = program().stages["space"]
    first, second, *rest = stage.ready_check

    response = csrf_post(
        client_for(alex), ready_url(stage.id), ready(stage.id, **{second.id: "no"})
    )

    assert response.status_code == 200
    advice = html_of(response).one("section", class_="ready-not-yet")
    assert "not a failure" in advice.text()
    assert second.if_not in advice.text()
    assert first.if_not not in advice.text()
    assert all(item.if_not not in advice.text() for item in rest)
    assert not marked_done(alex, stage.id)
    assert statuses(api, alex)[stage.id] == "available"
    # The answers stay, so changing one is one tap.
    checked = html_of(response).one("input", {"name": second.id, "value": "no"})
    assert "checked" in checked.attrs


def test_a_missing_answer_is_named_on_its_statement(alex: Persona, client_for: ClientFor) -> None:
    stage = program().stages["space"]
    answers = ready(stage.id)
    missing = stage.ready_check[0].id
    del answers[missing]
    answers[stage.ready_check[1].id] = "maybe"

    response = csrf_post(client_for(alex), ready_url(stage.id), answers)

    assert response.status_code == 200
    assert group_error(response, missing) == "Please answer yes or no."
    assert group_error(response, stage.ready_check[1].id) == "Please answer yes or no."
    assert "Nothing was saved yet." in form_error(response)
    assert not marked_done(alex, stage.id)


def test_a_reconnection_stage_is_locked_before_the_safety_check(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = client.get(ready_url("reach_out"))

    assert response.status_code == 403
    box = html_of(response).one("section", class_="stage-locked")
    assert "please answer the short safety check" in box.text()
    assert box.find("a", {"href": "/safety/check/"}) is not None
    assert html_of(response).find("form", class_="ready-form") is None
    posted = csrf_post(client, ready_url("reach_out"), ready("reach_out"))
    assert posted.status_code == 403
    assert not marked_done(alex, "reach_out")


def test_a_locked_pair_is_sent_to_the_safety_path(alex: Persona, client_for: ClientFor) -> None:
    lock_with_an_order(alex)

    response = client_for(alex).get(ready_url("closeness"))

    assert response.status_code == 403
    box = html_of(response).one("section", class_="stage-locked")
    assert box.find("a", {"href": "/safety/path/"}) is not None


def test_after_the_safety_check_a_reconnection_stage_can_be_marked_done(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex_checked), ready_url("reach_out"), ready("reach_out"))

    assert response.status_code == 302
    assert marked_done(alex_checked, "reach_out")


def test_the_safety_checks_ready_page_is_the_safety_check(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(ready_url("safety_check"))

    assert response.status_code == 302
    assert response["Location"] == "/safety/"


def test_the_stage_page_links_to_its_ready_check_unless_locked(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    open_stage = html_of(client.get("/program/space/"))
    locked = client.get("/program/reach_out/")

    assert open_stage.find("a", {"href": ready_url("space")}) is not None
    assert ready_url("reach_out") not in main_text(locked)
    assert html_of(locked).find("a", {"href": ready_url("reach_out")}) is None


def test_marking_done_is_only_ever_your_own(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    csrf_post(client_for(sam), ready_url("space"), ready("space"))

    page = client_for(alex).get(ready_url("space"))

    assert html_of(page).find("section", class_="ready-done") is None
    assert html_of(page).find("form", class_="ready-form") is not None
    assert not marked_done(alex, "space")


def test_an_unknown_stage_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get(ready_url("nowhere")).status_code == 404


def test_the_page_needs_you_to_be_logged_in_and_a_csrf_token(
    visitor: Client, alex: Persona, client_for: ClientFor
) -> None:
    response = visitor.get(ready_url("space"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/program/space/ready/"

    posted = client_for(alex).post(ready_url("space"), ready("space"))
    assert posted.status_code == 403
    assert not marked_done(alex, "space")


def test_the_page_is_never_cached_and_has_nothing_inline(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(ready_url("space"))

    assert "no-store" in response["Cache-Control"]
    doc = html_of(response)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
