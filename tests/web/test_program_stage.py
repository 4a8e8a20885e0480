"""One stage of the program, as a page: its reading, exercises and ready check."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from heartwork.program.content import program
from heartwork.program.services import answer_exercise
from tests.conftest import Persona, csrf_post, pass_safety_check
from tests.program.steps import LEAN_OUT, RECONNECTION, answers_for, lock_with_an_order
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    source,
)
from tests.web.steps import ClientFor
from tests.web.test_program_exercise import form_data


def stage_url(stage_id: str) -> str:
    return f"/program/{stage_id}/"


def exercises(response: Page) -> dict[str, Element]:
    listed = html_of(response).one("ol", class_="stage-exercises").find_all("li")
    return {item.attrs["data-exercise"]: item for item in listed}


def status(response: Page) -> str:
    return html_of(response).one(class_="stage-status").text()


def test_a_stage_shows_its_title_purpose_reading_exercises_and_ready_check(
    alex: Persona, client_for: ClientFor
) -> None:
    stage = program().stages["what_went_wrong"]

    response = client_for(alex).get(stage_url(stage.id))

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == stage.title
    assert status(response) == "Status: Not started"
    text = main_text(response)
    assert stage.purpose in text
    reading = doc.one("section", class_="stage-reading").find_all("p")
    assert len(reading) == len(stage.reading)
    listed = exercises(response)
    assert list(listed) == [exercise.id for exercise in stage.exercises]
    for exercise in stage.exercises:
        assert exercise.title in listed[exercise.id].text()
        assert exercise.intro in listed[exercise.id].text()
        assert "Not answered yet" in listed[exercise.id].text()
        # Each exercise leads to its own page, where it is answered.
        link = listed[exercise.id].one("a")
        assert link.attrs["href"] == f"/program/{stage.id}/{exercise.id}/"
    ready = [item.text() for item in doc.one("ul", class_="stage-ready-check").find_all("li")]
    assert ready == [item.text for item in stage.ready_check]


def test_a_stage_says_where_it_leads_and_the_last_ones_say_the_path_ends_there(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    leads = html_of(client.get(stage_url("what_went_wrong"))).one("section", class_="stage-unlocks")
    end = html_of(client.get(stage_url("moving_on"))).one("section", class_="stage-unlocks")

    listed = {item.attrs["data-stage"]: item for item in leads.find_all("li")}
    assert list(listed) == list(program().stages["what_went_wrong"].unlocks)
    assert listed["space"].one("a").attrs["href"] == "/program/space/"
    assert listed["space"].one(class_="unlock-status").text() == "Not started"
    assert end.find("li") is None
    assert "the end of this path" in end.text()


def test_each_exercise_says_how_often_and_when_it_was_last_answered(
    alex: Persona, client_for: ClientFor
) -> None:
    for days_ago in (3, 0):
        answer_exercise(
            user=alex.user,
            stage_id="want_them_back",
            exercise_id="motive_check",
            answers=answers_for("want_them_back", "motive_check"),
            now=timezone.now() - timedelta(days=days_ago),
        )
    today = timezone.localtime().strftime("%-d %B %Y")

    response = client_for(alex).get(stage_url("want_them_back"))

    assert f"Answered 2 times, last on {today}" in exercises(response)["motive_check"].text()
    assert status(response) == "Status: In progress"


def test_the_reading_is_shown_as_plain_text_never_as_markup(
    alex: Persona, client_for: ClientFor
) -> None:
    stage = program().stages["space"]
    original = list(stage.reading)
    stage.reading[0] = "<script>alert(1)</script> **Breathe** first."
    try:
        response = client_for(alex).get(stage_url("space"))
    finally:
        stage.reading[:] = original

    first = html_of(response).one("section", class_="stage-reading").find("p")
    assert first is not None
    assert first.text() == "<script>alert(1)</script> **Breathe** first."
    assert first.find("script") is None


def test_a_new_user_sees_a_reconnection_stage_locked_with_the_reason_and_the_check(
    alex: Persona, client_for: ClientFor
) -> None:
    stage = program().stages["reach_out"]

    response = client_for(alex).get(stage_url(stage.id))

    assert status(response) == "Status: Locked"
    box = html_of(response).one("section", class_="stage-locked")
    assert "please answer the short safety check" in box.text()
    assert box.find("a", {"href": "/safety/check/"}) is not None
    assert html_of(response).find("ol", class_="stage-exercises") is None
    assert html_of(response).find("ul", class_="stage-ready-check") is None
    assert stage.exercises[0].intro not in main_text(response)
    # The reading still shows: it says why this step waits.
    assert len(html_of(response).one(class_="stage-reading").find_all("p")) == len(stage.reading)


def test_after_the_safety_check_a_reconnection_stage_lists_its_exercises(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)

    response = client_for(alex).get(stage_url("reach_out"))

    assert status(response) == "Status: Not started"
    assert html_of(response).find(class_="stage-locked") is None
    assert list(exercises(response)) == [e.id for e in program().stages["reach_out"].exercises]


def test_a_red_pair_sees_reach_out_locked_and_is_sent_to_the_safety_path(
    alex: Persona, client_for: ClientFor
) -> None:
    lock_with_an_order(alex)

    response = client_for(alex).get(stage_url("reach_out"))

    box = html_of(response).one("section", class_="stage-locked")
    assert "will not switch back on with a tap" in box.text()
    assert box.find("a", {"href": "/safety/path/"}) is not None
    assert html_of(response).find("ol", class_="stage-exercises") is None


def test_the_safety_check_stage_points_to_the_safety_page(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(stage_url("safety_check"))

    assert response.status_code == 200
    assert html_of(response).one("main").find("a", {"href": "/safety/"}) is not None
    assert html_of(response).find("ol", class_="stage-exercises") is None


def test_someone_elses_answers_never_count(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    answer_exercise(
        user=sam.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check"),
    )

    response = client_for(alex).get(stage_url("want_them_back"))

    assert "Not answered yet" in exercises(response)["motive_check"].text()
    assert "Answered" not in source(response).replace("Not answered", "")


def test_an_unknown_stage_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get(stage_url("nowhere")).status_code == 404


def test_a_stage_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(stage_url("space"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_stage_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(stage_url("space"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/program/space/"


def test_the_page_has_the_quick_exit_link_and_nothing_inline_the_policy_would_block(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(stage_url("reach_out"))

    doc = html_of(response)
    assert len(doc.find_all("a", class_="quick-exit")) == 1
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "unsafe-inline" not in response["Content-Security-Policy"]


# -- a pause after leaning out: a soft lock, explained, with "Open it anyway" -----------


def lean_out(persona: Persona) -> None:
    answer_exercise(
        user=persona.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )


def pause_box(response: Page) -> Element:
    return html_of(response).one("section", class_="stage-paused")


def test_after_leaning_out_a_reconnection_stage_is_paused_with_its_reason(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    lean_out(alex)

    for stage_id in RECONNECTION:
        stage = program().stages[stage_id]
        response = client_for(alex).get(stage_url(stage_id))

        assert response.status_code == 200
        assert_page_basics(response)
        assert status(response) == "Status: Paused"
        box = pause_box(response)
        assert box.one("h2").text() == "Paused for now, because of your answers"
        assert stage.pause_when[0].why in box.text()
        # Never the safety lock's words or way out for a pause.
        assert html_of(response).find(class_="stage-locked") is None
        assert re.search(r"\block(ed)?\b", main_text(response), re.IGNORECASE) is None
        assert box.find("a", {"href": "/safety/check/"}) is None
        assert box.find("a", {"href": "/safety/path/"}) is None


def test_a_paused_stage_still_lists_its_exercises_and_ready_check_below_the_notice(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    lean_out(alex)
    stage = program().stages["closeness"]

    response = client_for(alex).get(stage_url(stage.id))

    assert list(exercises(response)) == [exercise.id for exercise in stage.exercises]
    for exercise in stage.exercises:
        link = exercises(response)[exercise.id].one("a")
        assert link.attrs["href"] == f"/program/{stage.id}/{exercise.id}/"
    ready = html_of(response).one("ul", class_="stage-ready-check").find_all("li")
    assert [item.text() for item in ready] == [item.text for item in stage.ready_check]
    markup = source(response)
    assert markup.index("stage-paused") < markup.index("stage-exercises")


def test_open_it_anyway_leads_to_the_first_exercise_and_answering_starts_the_stage(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    lean_out(alex)
    client = client_for(alex)
    first = program().stages["closeness"].exercises[0].id

    box = pause_box(client.get(stage_url("closeness")))
    link = box.one("a")
    assert link.text() == "Open it anyway"
    assert link.attrs["href"] == f"/program/closeness/{first}/"

    assert client.get(link.attrs["href"]).status_code == 200
    saved = csrf_post(client, link.attrs["href"], form_data("closeness", first))
    assert saved.status_code == 302, saved.content

    response = client.get(stage_url("closeness"))
    assert status(response) == "Status: In progress"
    assert html_of(response).find(class_="stage-paused") is None
    # The pause lifts for the stage that was opened, and only for it.
    assert status(client.get(stage_url("agreements"))) == "Status: Paused"


def test_leaning_in_on_a_retake_lifts_the_pause_on_the_page(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    lean_out(alex)
    answer_exercise(
        user=alex.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check"),  # unsure, this time
    )

    response = client_for(alex).get(stage_url("reach_out"))

    assert status(response) == "Status: Not started"
    assert html_of(response).find(class_="stage-paused") is None


def test_the_safety_lock_is_never_shown_as_a_pause(alex: Persona, client_for: ClientFor) -> None:
    lock_with_an_order(alex)
    lean_out(alex)

    response = client_for(alex).get(stage_url("reach_out"))

    assert status(response) == "Status: Locked"
    assert html_of(response).find(class_="stage-paused") is None
    assert "Open it anyway" not in main_text(response)
    assert html_of(response).find("ol", class_="stage-exercises") is None


# -- tools for a stage -------------------------------------------------------------------------

TOOL_LINKS = {
    "space": {"space": "/space/"},
    "work_on_myself": {"checkin": "/checkin/", "journal": "/journal/"},
    "own_mistakes": {"coach": "/coach/"},
    "reach_out": {"coach": "/coach/"},
    "show_change": {"trust": "/trust/"},
    "closeness": {"rituals": "/rituals/"},
    "dont_go_back": {"wellbeing": "/wellbeing/"},
    "moving_on": {"wellbeing": "/wellbeing/"},
}


def tools(response: Page) -> dict[str, str]:
    """The tools the stage page links to: app → address; {} when it shows no section."""
    section = html_of(response).find("section", class_="stage-tools")
    if section is None:
        return {}
    assert section.one("h2").text() == "Tools for this stage"
    return {item.attrs["data-tool"]: item.one("a").attrs["href"] for item in section.find_all("li")}


def test_each_stage_links_to_the_tools_that_go_with_it_and_says_why(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)

    for stage_id, expected in TOOL_LINKS.items():
        response = client.get(stage_url(stage_id))
        assert_page_basics(response)
        assert tools(response) == expected, stage_id
        section = html_of(response).one("section", class_="stage-tools")
        for tool in program().stages[stage_id].tools:
            assert tool.why in section.text()
    # Stages without tools show no empty section.
    assert tools(client.get(stage_url("what_went_wrong"))) == {}
    assert tools(client.get(stage_url("safety_check"))) == {}


def test_under_a_safety_lock_no_tool_towards_contact_is_offered(
    alex: Persona, client_for: ClientFor
) -> None:
    lock_with_an_order(alex)
    client = client_for(alex)

    # A stage the gate locks shows no tools at all, the trust ledger included.
    for stage_id in ("reach_out", "show_change", "closeness"):
        assert tools(client.get(stage_url(stage_id))) == {}, stage_id
    # Elsewhere the coach is left out; the tools for oneself stay.
    assert tools(client.get(stage_url("own_mistakes"))) == {}
    assert tools(client.get(stage_url("space"))) == {"space": "/space/"}
    assert tools(client.get(stage_url("dont_go_back"))) == {"wellbeing": "/wellbeing/"}
    assert "/coach/" not in source(client.get(stage_url("own_mistakes"))).split("<main", 1)[1]


def test_before_the_safety_check_the_coach_is_not_offered(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    assert tools(client.get(stage_url("own_mistakes"))) == {}
    assert tools(client.get(stage_url("reach_out"))) == {}
    assert tools(client.get(stage_url("work_on_myself"))) == TOOL_LINKS["work_on_myself"]


def test_a_paused_stage_still_offers_its_tools(alex: Persona, client_for: ClientFor) -> None:
    pass_safety_check(alex)
    lean_out(alex)

    response = client_for(alex).get(stage_url("closeness"))

    assert status(response) == "Status: Paused"
    assert tools(response) == {"rituals": "/rituals/"}
