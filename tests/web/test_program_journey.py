"""The whole program in the browser: a new person signs up, says where things stand,
answers the safety check, then answers every exercise of every stage and branch through
its page and passes each ready check, until the map shows everything done.

And the other road: leaning out sends them to dont_go_back and moving_on, with the four
reconnection stages paused and explained; a red safety answer locks them hard.
"""

from __future__ import annotations

from django.test import Client

from heartwork.accounts.models import User
from heartwork.program.content import program
from heartwork.program.schema import RECONNECTION_STAGES
from tests.conftest import SITUATION, Persona, csrf_post, pass_safety_check
from tests.program.steps import LEAN_OUT, lock_with_an_order, ready
from tests.web.pages import html_of
from tests.web.test_program_exercise import form_data, page_url

PASSWORD = "a long and careful passphrase 42"


def sign_up(client: Client, email: str) -> Persona:
    response = csrf_post(
        client,
        "/accounts/signup/",
        {"email": email, "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 302, response.content
    user = User.objects.get(email=email)
    return Persona(user=user, password=PASSWORD, token="")


def statuses(client: Client) -> dict[str, str]:
    doc = html_of(client.get("/program/"))
    rows = [row for row in doc.find_all("li") if "data-stage" in row.attrs]
    return {row.attrs["data-stage"]: row.attrs["data-status"] for row in rows}


def test_a_new_person_can_go_through_every_stage_and_branch_in_the_browser(
    db: None,
) -> None:
    client = Client(enforce_csrf_checks=True)
    persona = sign_up(client, "riley@example.org")

    # Onboarding: the situation, then (on to) the safety check.
    response = csrf_post(client, "/start/", SITUATION)
    assert response.status_code == 302
    pass_safety_check(persona)
    assert client.get("/start/plan/").status_code == 200

    content = program()
    for stage in content.stages.values():
        if stage.external:
            continue
        for exercise in stage.exercises:
            page = client.get(page_url(stage.id, exercise.id))
            assert page.status_code == 200, (stage.id, exercise.id)
            if not html_of(page).find("form", class_="exercise-form"):
                continue  # an exercise that does not apply to these answers
            response = csrf_post(
                client, page_url(stage.id, exercise.id), form_data(stage.id, exercise.id)
            )
            assert response.status_code == 302, (stage.id, exercise.id, response.content)
        response = csrf_post(client, f"/program/{stage.id}/ready/", ready(stage.id))
        assert response.status_code == 302, stage.id

    found = statuses(client)
    assert set(found) == set(content.stages)
    assert set(found.values()) == {"done"}, found


def test_leaning_out_leads_to_dont_go_back_with_the_reconnection_stages_paused(
    db: None,
) -> None:
    client = Client(enforce_csrf_checks=True)
    persona = sign_up(client, "sam@example.org")
    csrf_post(client, "/start/", SITUATION)
    pass_safety_check(persona)

    url = page_url("want_them_back", "motive_check")
    response = csrf_post(client, url, form_data("want_them_back", "motive_check", **LEAN_OUT))
    assert response.status_code == 302

    doc = html_of(client.get("/program/"))
    card = doc.one("section", class_="next-step")
    assert card.find("a", {"href": "/program/dont_go_back/"}) is not None
    for stage_id in RECONNECTION_STAGES:
        row = doc.one("li", {"data-stage": stage_id})
        assert row.attrs["data-status"] == "locked"
        assert "Open it anyway" in row.text()  # a pause, explained, never a wall


def test_a_red_safety_answer_locks_the_reconnection_stages_hard(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    persona = sign_up(client, "kai@example.org")
    csrf_post(client, "/start/", SITUATION)
    lock_with_an_order(persona)

    doc = html_of(client.get("/program/"))
    card = doc.one("section", class_="next-step")
    assert any(
        card.find("a", {"href": f"/program/{away}/"}) for away in ("dont_go_back", "moving_on")
    )
    for stage_id in RECONNECTION_STAGES:
        assert doc.one("li", {"data-stage": stage_id}).attrs["data-status"] == "locked"
        first = program().stages[stage_id].exercises[0].id
        assert client.get(page_url(stage_id, first)).status_code == 403
