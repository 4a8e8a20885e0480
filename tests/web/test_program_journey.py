"""The whole program in the browser, page by page, the way a new person would go.

They sign up, say where things stand, take the safety check on its pages, take the two
well-being checks from their plan, then answer every exercise of every stage and branch
(both sides of the betrayal branch) and pass each ready check, until the map shows
everything done.

And the other roads: leaning out (on the motive check or the five signs) sends them to
dont_go_back and moving_on, with the four reconnection stages paused and explained; a red
safety answer locks them hard, explained, while both ways of moving on stay open.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from heartwork.accounts.models import User
from heartwork.program import selectors
from heartwork.program.content import program
from heartwork.program.schema import RECONNECTION_STAGES
from heartwork.safety.gate import reconnection_block
from heartwork.wellbeing.models import Take
from tests.conftest import SITUATION, answer_all, csrf_post
from tests.program.steps import CALM, LEAN_OUT, SIGNS_LEAN_OUT, ready
from tests.web.pages import html_of, main_text
from tests.web.test_program_exercise import form_data, page_url

PASSWORD = "a long and careful passphrase 42"
AWAY = ("dont_go_back", "moving_on")


def sign_up(client: Client, email: str) -> User:
    response = csrf_post(
        client,
        "/accounts/signup/",
        {"email": email, "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 302, response.content
    return User.objects.get(email=email)


def start(client: Client, email: str, **contact: str) -> User:
    """Sign up, tell the situation, and take the safety check on its pages (the contact
    screen answered with ``contact``); the new person."""
    user = sign_up(client, email)
    told = csrf_post(client, "/start/", SITUATION)
    assert told["Location"] == "/safety/"
    take_the_safety_check(client, **contact)
    return user


def take_the_safety_check(client: Client, **contact: str) -> None:
    """From the check's Start button to its end, one page after another."""
    doc = html_of(client.get("/safety/check/"))
    url = next(iter(doc.one("main").find_all("a", class_="button"))).attrs["href"]
    visited = []
    while url.startswith("/safety/check/"):
        visited.append(url)
        screen_id = url.removeprefix("/safety/check/").strip("/")
        if screen_id == "partner":
            data = {"name": "Jo"}
        else:
            data = answer_all(screen_id, **(contact if screen_id == "contact" else {}))
        response = csrf_post(client, url, data)
        assert response.status_code == 302, (url, response.content)
        url = response["Location"]
    assert len(visited) == len(set(visited)) == 6, visited  # five screens and the partner


def statuses(client: Client) -> dict[str, str]:
    doc = html_of(client.get("/program/"))
    rows = [row for row in doc.find_all("li") if "data-stage" in row.attrs]
    return {row.attrs["data-stage"]: row.attrs["data-status"] for row in rows}


def answer_stage(client: Client, stage_id: str, **changed: Any) -> list[str]:
    """Answer every exercise of a stage that its page offers a form for; their ids."""
    answered = []
    for exercise in program().stages[stage_id].exercises:
        url = page_url(stage_id, exercise.id)
        page = client.get(url)
        assert page.status_code == 200, (stage_id, exercise.id)
        if not html_of(page).find("form", class_="exercise-form"):
            continue  # this exercise is for another situation (show_if)
        data = form_data(stage_id, exercise.id, **changed.get(exercise.id, {}))
        response = csrf_post(client, url, data)
        assert response.status_code == 302, (stage_id, exercise.id, response.content)
        answered.append(exercise.id)
    return answered


def finish(client: Client, stage_id: str) -> None:
    response = csrf_post(client, f"/program/{stage_id}/ready/", ready(stage_id))
    assert response.status_code == 302, stage_id
    assert html_of(client.get(f"/program/{stage_id}/ready/")).find(class_="ready-done"), stage_id


def test_a_new_person_can_go_through_every_stage_and_branch_in_the_browser(
    db: None,
) -> None:
    client = Client(enforce_csrf_checks=True)
    user = start(client, "riley@example.org")
    assert statuses(client)["safety_check"] == "done"
    assert reconnection_block(user) is None

    # The end of the safety check leads to the plan, which offers the two well-being
    # checks as a starting point, and comes back to the plan after each.
    assert html_of(client.get("/safety/")).find("a", {"href": "/start/plan/"}) is not None
    plan = html_of(client.get("/start/plan/"))
    links = [a.attrs["href"] for a in plan.one(class_="wellbeing-due-card").find_all("a")]
    assert len(links) == 2
    for link in links:
        form = html_of(client.get(link))
        items = {box.attrs["data-question"] for box in form.find_all("fieldset")}
        assert csrf_post(client, link, dict.fromkeys(items, "3"))["Location"] == "/start/plan/"
    assert html_of(client.get("/start/plan/")).find(class_="wellbeing-due-card") is None
    assert Take.objects.filter(user=user).count() == 2

    content = program()
    for stage in content.stages.values():
        if stage.external:
            continue
        if stage.id == "betrayal":
            # Both sides: the exercises for one who broke the trust, then for one betrayed.
            broke = answer_stage(client, stage.id, my_role={"role": "broke"})
            betrayed = answer_stage(client, stage.id, my_role={"role": "betrayed"})
            assert set(broke) & set(betrayed) == {"my_role"}
        else:
            answer_stage(client, stage.id, **CALM.get(stage.id, {}))
        finish(client, stage.id)

    # Every exercise of every stage was answered through its page.
    saved = {(row.stage, row.exercise) for row in selectors.answers_of(user)}
    expected = {
        (stage.id, exercise.id) for stage in content.stages.values() for exercise in stage.exercises
    }
    assert expected <= saved, expected - saved
    found = statuses(client)
    assert set(found) == set(content.stages)
    assert set(found.values()) == {"done"}, found
    assert "Every stage open to you is done" in main_text(client.get("/program/"))

    # The growth summary is built from what they did.
    summary = html_of(client.get(page_url("moving_on", "growth_summary")))
    shown = {item.attrs["data-growth"] for item in summary.one(class_="growth-list").find_all("li")}
    assert {"program_exercises", "program_stages"} <= shown


@pytest.mark.parametrize(
    ("stage_id", "exercise_id", "answers"),
    [
        ("want_them_back", "motive_check", LEAN_OUT),
        ("can_it_be_saved", "five_signs", SIGNS_LEAN_OUT),
    ],
)
def test_leaning_out_leads_to_moving_on_with_the_reconnection_stages_paused_and_explained(
    db: None, stage_id: str, exercise_id: str, answers: dict[str, Any]
) -> None:
    client = Client(enforce_csrf_checks=True)
    start(client, "sam@example.org")

    url = page_url(stage_id, exercise_id)
    response = csrf_post(client, url, form_data(stage_id, exercise_id, **answers))
    assert response.status_code == 302
    scored = program().exercise(stage_id, exercise_id)
    assert scored is not None and scored.scoring is not None
    lean_out = next(result for result in scored.scoring.results if result.id == "lean_out")
    shown = html_of(client.get(url)).one(class_="exercise-result").text()
    assert lean_out.title in shown  # the result, explained on the page

    doc = html_of(client.get("/program/"))
    card = doc.one("section", class_="next-step")
    assert card.find("a", {"href": "/program/dont_go_back/"}) is not None
    stage = program().stages["reach_out"]
    why = next(rule.why for rule in stage.pause_when if rule.if_[0].startswith(f"{stage_id}."))
    for reconnection in RECONNECTION_STAGES:
        row = doc.one("li", {"data-stage": reconnection})
        assert row.attrs["data-status"] == "locked"
        assert " ".join(why.split()) in " ".join(row.one(class_="stage-paused").text().split())
        assert "Open it anyway" in row.text()  # a pause, explained, never a wall

    # Both ways of moving on can be walked to the end, and count as done.
    for away in AWAY:
        assert answer_stage(client, away, **CALM.get(away, {}))
        finish(client, away)
    found = statuses(client)
    assert {found[away] for away in AWAY} == {"done"}
    assert {found[stage] for stage in RECONNECTION_STAGES} == {"locked"}


def test_a_red_safety_answer_locks_the_reconnection_stages_hard_and_explains_why(
    db: None,
) -> None:
    client = Client(enforce_csrf_checks=True)
    user = start(client, "kai@example.org", order="yes")
    block = reconnection_block(user)
    assert block is not None and block.code == "safety_lock"

    doc = html_of(client.get("/program/"))
    card = doc.one("section", class_="next-step")
    assert any(card.find("a", {"href": f"/program/{away}/"}) for away in AWAY)
    for stage_id in RECONNECTION_STAGES:
        row = doc.one("li", {"data-stage": stage_id})
        assert row.attrs["data-status"] == "locked"
        assert row.one(class_="stage-locked").text() == block.message
        assert row.find("a", {"href": "/safety/path/"}) is not None
        first = program().stages[stage_id].exercises[0].id
        assert client.get(page_url(stage_id, first)).status_code == 403

    for away in AWAY:
        assert answer_stage(client, away, **CALM.get(away, {}))
        finish(client, away)
    assert {statuses(client)[away] for away in AWAY} == {"done"}
