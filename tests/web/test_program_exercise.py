"""One exercise of the program, as a page: its questions as a form, saved answers, results,
log entries, the earlier answers it starts from, and the message coach."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from heartwork.program.content import program
from heartwork.program.models import ExerciseAnswer
from heartwork.program.schema import Question
from heartwork.program.services import answer_exercise
from heartwork.safety.selectors import highest_level
from tests.conftest import Persona, csrf_post
from tests.program.steps import (
    LEAN_OUT,
    RECONNECTION,
    answers_for,
    exercise,
    lock_with_an_order,
    statuses,
)
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    control,
    field_error,
    form_error,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
    source,
)
from tests.web.steps import ClientFor

SECRET = "the quokka-shaped secret about Zanzibar"
APOLOGY = "Sorry, but you pushed me into yelling."


def page_url(stage_id: str, exercise_id: str) -> str:
    return f"/program/{stage_id}/{exercise_id}/"


def form_data(stage_id: str, exercise_id: str, **changed: Any) -> dict[str, Any]:
    """Valid answers to every question, the way the page's form sends them: a column as
    lines of text, a message's draft as ``text``, a multi as repeated values."""
    found = exercise(stage_id, exercise_id)
    answers = answers_for(stage_id, exercise_id, **changed)
    data: dict[str, Any] = {}
    for q in found.questions:
        value = answers.get(q.id)
        if value is None:
            continue
        if q.type == "text" and isinstance(value, list):
            value = "\n".join(value)
        data["text" if q.id == found.draft else q.id] = value
    return data


def save(client: Client, stage_id: str, exercise_id: str, **changed: Any) -> Page:
    """Answer through the page; the page it redirects to."""
    url = page_url(stage_id, exercise_id)
    response = csrf_post(client, url, form_data(stage_id, exercise_id, **changed))
    assert response.status_code == 302, response.content
    assert response["Location"] == url
    return client.get(url)


def block_of(doc: Element, question_id: str) -> Element:
    return doc.one(attrs={"data-question": question_id})


def group_error(response: Page, question_id: str) -> str:
    """The error of a radio or check box group, after checking it is tied to the group."""
    block = block_of(html_of(response), question_id)
    assert block.tag == "fieldset"
    errors = block.one(class_="field-errors")
    assert errors.attrs["id"] in block.attrs.get("aria-describedby", "").split()
    assert all(box.attrs.get("aria-invalid") == "true" for box in block.find_all("input"))
    return errors.text()


def saved(persona: Persona, stage_id: str, exercise_id: str) -> list[ExerciseAnswer]:
    return list(
        ExerciseAnswer.objects.filter(user=persona.user, stage=stage_id, exercise=exercise_id)
    )


def first_question(type_: str) -> tuple[str, str, Question]:
    """Somewhere in the content, an always-asked question of this type (not a column)."""
    for stage in program().stages.values():
        if stage.reconnection:
            continue
        for found in stage.exercises:
            for q in found.questions:
                if q.type == type_ and q.ask_if is None and found.type != "columns":
                    return stage.id, found.id, q
    raise AssertionError(f"no {type_} question in the content")


# -- the form ----------------------------------------------------------------------------


def test_the_page_shows_the_title_intro_and_a_form_with_every_question(
    alex: Persona, client_for: ClientFor
) -> None:
    found = exercise("what_went_wrong", "pattern_map")

    response = client_for(alex).get(page_url("what_went_wrong", "pattern_map"))

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == found.title
    assert found.intro in main_text(response)
    form = doc.one("form", class_="exercise-form")
    assert form.attrs["method"] == "post"
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None
    shown = [
        node.attrs["data-question"] for node in form.descendants() if "data-question" in node.attrs
    ]
    assert shown == [q.id for q in found.questions]


def test_a_text_question_is_a_labelled_text_box(alex: Persona, client_for: ClientFor) -> None:
    stage_id, exercise_id, q = first_question("text")

    doc = assert_page_basics(client_for(alex).get(page_url(stage_id, exercise_id)))

    box = control(doc, q.id)
    assert box.tag == "textarea"
    assert doc.one("label", {"for": box.attrs["id"]}).text() == q.text


@pytest.mark.parametrize("type_", ["choice", "yes_no", "scale", "multi"])
def test_a_question_with_answers_to_pick_is_a_group_with_a_legend(
    alex: Persona, client_for: ClientFor, type_: str
) -> None:
    stage_id, exercise_id, q = first_question(type_)

    doc = assert_page_basics(client_for(alex).get(page_url(stage_id, exercise_id)))

    group = block_of(doc, q.id)
    assert group.tag == "fieldset"
    assert group.one("legend").text() == q.text
    boxes = group.find_all("input")
    labels = [doc.one("label", {"for": box.attrs["id"]}).text() for box in boxes]
    kind = {"multi": "checkbox"}.get(type_, "radio")
    assert {box.attrs["type"] for box in boxes} == {kind}
    assert {box.attrs["name"] for box in boxes} == {q.id}
    if type_ == "yes_no":
        assert labels == ["Yes", "No"]
    elif type_ == "scale":
        assert [box.attrs["value"] for box in boxes] == ["1", "2", "3", "4", "5"]
        assert labels[0] == f"1: {q.low}" and labels[-1] == f"5: {q.high}"
    else:
        assert labels == [option.text for option in q.options]


def test_a_follow_up_says_when_it_applies_and_is_only_needed_then(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    url = page_url("what_went_wrong", "slow_erosion")

    doc = html_of(client.get(url))

    hint = block_of(doc, "drifted_who").one(class_="follow-up-hint").text()
    drifted = "“We drifted apart and spent less real time together”"
    assert hint == f"Answer this only if your answer to {drifted} was “Yes”."
    data = form_data("what_went_wrong", "slow_erosion", drifted="no")
    del data["drifted_who"]
    assert csrf_post(client, url, data).status_code == 302
    data["drifted"] = "yes"
    asked = csrf_post(client, url, data)
    assert asked.status_code == 200
    assert group_error(asked, "drifted_who") == "Your answer above asks for this one too."
    assert len(saved(alex, "what_went_wrong", "slow_erosion")) == 1


# -- saving ------------------------------------------------------------------------------


def test_a_saved_reflection_comes_back_filled_in_and_starts_the_stage(
    api: Client, alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    page = save(client, "want_them_back", "what_i_miss", miss_most=SECRET, lean_now="wait")

    assert messages(page) == ["Your answers are saved. Only you can read them."]
    doc = html_of(page)
    assert control(doc, "miss_most").text() == SECRET
    assert control_checked(doc, "lean_now") == ["wait"]
    assert "Last saved on" in main_text(page)
    assert statuses(api, alex)["want_them_back"] == "in_progress"


def control_checked(doc: Element, name: str) -> list[str]:
    return [
        box.attrs["value"]
        for box in doc.find_all("input", {"name": name})
        if "checked" in box.attrs
    ]


def test_a_column_takes_one_entry_per_line(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    page = save(
        client,
        "what_went_wrong",
        "three_columns",
        what_i_did=["I went quiet.", "", "  I stopped asking about their day. "],
    )

    [row] = saved(alex, "what_went_wrong", "three_columns")
    assert row.answers["what_i_did"] == ["I went quiet.", "I stopped asking about their day."]
    box = control(html_of(page), "what_i_did")
    assert box.text() == "I went quiet. I stopped asking about their day."
    assert "on its own line" in block_of(html_of(page), "what_i_did").text()


def test_a_scored_check_shows_its_result_explained_and_the_scales_in_words(
    alex: Persona, client_for: ClientFor
) -> None:
    found = exercise("want_them_back", "motive_check")
    assert found.scoring is not None
    lean_out = next(r for r in found.scoring.results if r.id == "lean_out")

    page = save(client_for(alex), "want_them_back", "motive_check", **LEAN_OUT)

    box = html_of(page).one("section", class_="exercise-result")
    assert box.one(class_="result-title").text() == lean_out.title
    assert box.one(class_="result-explain").text() == lean_out.explain
    rows = {
        row.one("th").text(): [cell.text() for cell in row.find_all("td")]
        for row in box.one("table", class_="scale-table").one("tbody").find_all("tr")
    }
    assert list(rows) == [scale.title for scale in found.scoring.scales]
    respect = next(scale.title for scale in found.scoring.scales if scale.id == "respect")
    assert rows[respect] == ["0", "very low"]
    assert "very low (0 out of 100)" in box.one("ul", class_="scale-words").text()
    # Taken once: no history yet.
    assert box.find("ol", class_="result-history") is None


def test_a_scored_check_taken_again_shows_the_history(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    save(client, "want_them_back", "motive_check", **LEAN_OUT)

    page = save(client, "want_them_back", "motive_check")

    history = html_of(page).one("ol", class_="result-history").find_all("li")
    assert len(history) == 2
    scoring = exercise("want_them_back", "motive_check").scoring
    assert scoring is not None
    titles = {result.id: result.title for result in scoring.results}
    # Oldest first, so the trend reads from top to bottom; middle answers say "unsure".
    assert history[0].text().endswith(titles["lean_out"])
    assert history[1].text().endswith(titles["unsure"])


def test_the_five_signs_taken_again_show_each_scale_over_time(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    save(client, "can_it_be_saved", "five_signs", who_carries="only_me")
    page = save(client, "can_it_be_saved", "five_signs", who_carries="both")

    table = html_of(page).one("table", class_="scale-trend")
    scoring = exercise("can_it_be_saved", "five_signs").scoring
    assert scoring is not None
    headers = [cell.text() for cell in table.one("thead").find_all("th")]
    assert headers == ["Date", *(scale.title for scale in scoring.scales)]
    balance = 1 + [scale.id for scale in scoring.scales].index("balance")
    rows = [
        [cell for cell in row.descendants() if cell.tag in ("th", "td")]
        for row in table.one("tbody").find_all("tr")
    ]
    # Oldest first: the effort was one person's, and now it is shared.
    assert [row[balance].text() for row in rows] == ["0", "100"]


def test_a_log_keeps_every_entry_and_lists_them_newest_first(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    save(client, "space", "urge_log", trigger="A song on the radio.")

    page = save(client, "space", "urge_log", trigger="Their birthday.")

    assert messages(page) == ["Your entry is saved. Only you can read it."]
    assert len(saved(alex, "space", "urge_log")) == 2
    listed = html_of(page).one("ol", class_="log-entries")
    entries = [item for item in listed.children if isinstance(item, Element)]
    assert len(entries) == 2
    assert "Their birthday." in entries[0].text()
    assert "A song on the radio." in entries[1].text()
    # Each entry starts afresh.
    assert control(html_of(page), "trigger").text() == ""
    assert "2 entries so far." in main_text(page)


def test_earlier_answers_an_exercise_starts_from_are_shown_as_your_own_words(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    before = html_of(client.get(page_url("what_went_wrong", "pattern_map")))
    feeds = before.one("section", class_="exercise-feeds")
    assert "Your own earlier words" in feeds.text()
    assert "You have not answered this one yet." in feeds.text()
    assert feeds.find("a", {"href": page_url("what_went_wrong", "three_columns")}) is not None

    save(client, "what_went_wrong", "three_columns", what_they_did=[SECRET])
    after = html_of(client.get(page_url("what_went_wrong", "pattern_map")))

    box = after.one(attrs={"data-feed": "what_went_wrong.three_columns"})
    assert "What you wrote on" in box.text()
    assert SECRET in box.text()


# -- errors ------------------------------------------------------------------------------


def test_a_missing_answer_is_named_next_to_its_question_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    data = form_data("want_them_back", "what_i_miss")
    data["miss_most"] = "   "

    response = csrf_post(client_for(alex), page_url("want_them_back", "what_i_miss"), data)

    assert response.status_code == 200
    assert field_error(response, "miss_most") == "This question needs an answer."
    summary = html_of(response).one(class_="error-summary")
    assert summary.attrs["tabindex"] == "-1"
    assert "Nothing was saved yet." in form_error(response)
    assert summary.find("a", {"href": "#id_miss_most"}) is not None
    assert saved(alex, "want_them_back", "what_i_miss") == []
    # What was typed elsewhere stays on the page.
    assert control(html_of(response), "dont_miss").text() == "A few honest words."


def test_an_answer_that_is_not_one_of_the_choices_is_refused_on_its_question(
    alex: Persona, client_for: ClientFor
) -> None:
    data = form_data("want_them_back", "motive_check", happy_often="always", miss_who="9")

    response = csrf_post(client_for(alex), page_url("want_them_back", "motive_check"), data)

    assert response.status_code == 200
    assert group_error(response, "happy_often") == "Choose one of the answers shown."
    assert group_error(response, "miss_who") == "Choose one of the answers shown."
    assert (
        html_of(response).one(class_="error-summary").find("a", {"href": "#id_happy_often_0"})
        is not None
    )
    assert saved(alex, "want_them_back", "motive_check") == []


def test_a_posted_form_needs_its_csrf_token(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = client.post(
        page_url("want_them_back", "what_i_miss"), form_data("want_them_back", "what_i_miss")
    )

    assert response.status_code == 403
    assert saved(alex, "want_them_back", "what_i_miss") == []


# -- the message coach -------------------------------------------------------------------


def test_a_saved_apology_comes_back_with_the_coachs_notes(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    page = save(client_for(alex_checked), "own_mistakes", "apology_draft", apology=APOLOGY)

    panel = html_of(page).one("section", {"id": "coach-panel"})
    labels = [
        item.one(class_="coach-label").text() for item in panel.find_all(class_="coach-finding")
    ]
    assert "But undo" in labels
    assert control(html_of(page), "text").text() == APOLOGY
    [row] = saved(alex_checked, "own_mistakes", "apology_draft")
    assert row.answers["apology"] == APOLOGY


def test_the_apology_is_checked_live_by_the_coachs_panel_as_you_type(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    doc = html_of(client.get(page_url("own_mistakes", "apology_draft")))

    box = control(doc, "text")
    assert box.attrs["hx-post"] == "/coach/analyze/"
    assert box.attrs["hx-target"] == "#coach-panel"
    assert box.attrs["hx-vals"] == '{"kind": "apology"}'
    assert set(box.attrs["hx-params"].split(",")) == {"text", "kind", "csrfmiddlewaretoken"}
    assert doc.one("section", {"id": "coach-panel"}).find(class_="coach-empty") is not None
    # What htmx sends from this page: the draft, the kind and the form's token.
    form = doc.one("form", class_="exercise-form")
    token = form.one("input", {"name": "csrfmiddlewaretoken"}).attrs["value"]
    panel = client.post(
        "/coach/analyze/",
        {"text": APOLOGY, "kind": "apology", "csrfmiddlewaretoken": token},
        headers={"HX-Request": "true"},
    )
    assert panel.status_code == 200
    assert "But undo" in panel.content.decode()
    assert saved(alex_checked, "own_mistakes", "apology_draft") == []


def test_before_the_safety_check_an_apology_is_saved_without_the_coach(
    alex: Persona, client_for: ClientFor
) -> None:
    page = save(client_for(alex), "own_mistakes", "apology_draft", apology=APOLOGY)

    doc = html_of(page)
    assert doc.find("section", {"id": "coach-panel"}) is None
    assert "hx-post" not in control(doc, "text").attrs
    note = doc.one(class_="coach-off")
    assert note.find("a", {"href": "/safety/check/"}) is not None
    assert len(saved(alex, "own_mistakes", "apology_draft")) == 1


# -- the safety gate ---------------------------------------------------------------------


def test_a_reconnection_exercise_is_locked_before_the_safety_check(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    url = page_url("reach_out", "first_message")

    response = client.get(url)

    assert response.status_code == 403
    doc = html_of(response)
    box = doc.one("section", class_="stage-locked")
    assert "please answer the short safety check" in box.text()
    assert box.find("a", {"href": "/safety/check/"}) is not None
    assert doc.find("form", class_="exercise-form") is None
    assert exercise("reach_out", "first_message").intro not in main_text(response)
    posted = csrf_post(client, url, form_data("reach_out", "first_message"))
    assert posted.status_code == 403
    assert saved(alex, "reach_out", "first_message") == []


def test_a_locked_pair_sees_reach_out_closed_and_is_sent_to_the_safety_path(
    alex: Persona, client_for: ClientFor
) -> None:
    lock_with_an_order(alex)

    response = client_for(alex).get(page_url("reach_out", "readiness"))

    assert response.status_code == 403
    box = html_of(response).one("section", class_="stage-locked")
    assert "will not switch back on with a tap" in box.text()
    assert box.find("a", {"href": "/safety/path/"}) is not None
    assert html_of(response).find("form", class_="exercise-form") is None


def test_free_text_in_an_exercise_is_read_by_the_safety_net(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    save(
        client_for(alex_checked),
        "what_went_wrong",
        "three_columns",
        what_they_did=["They said they will kill me if I ever leave."],
    )

    assert highest_level(alex_checked.user) == "high_danger"
    response = client_for(alex_checked).get(page_url("reach_out", "readiness"))
    assert response.status_code == 403


# -- privacy and plumbing ----------------------------------------------------------------


def test_someone_elses_answers_never_appear(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    for stage_id, exercise_id, changed in (
        ("what_went_wrong", "three_columns", {"what_they_did": [SECRET]}),
        ("space", "urge_log", {"trigger": SECRET}),
        ("want_them_back", "what_i_miss", {"miss_most": SECRET}),
    ):
        answer_exercise(
            user=sam.user,
            stage_id=stage_id,
            exercise_id=exercise_id,
            answers=answers_for(stage_id, exercise_id, **changed),
        )
    client = client_for(alex)

    for stage_id, exercise_id in (
        ("what_went_wrong", "three_columns"),
        ("what_went_wrong", "pattern_map"),
        ("space", "urge_log"),
        ("want_them_back", "what_i_miss"),
    ):
        response = client.get(page_url(stage_id, exercise_id))
        assert "quokka" not in source(response)
        assert "Last saved" not in main_text(response)


def test_answers_never_travel_in_a_url(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    url = page_url("want_them_back", "what_i_miss")

    response = csrf_post(client, url, form_data("want_them_back", "what_i_miss", miss_most=SECRET))

    assert response["Location"] == url
    form = html_of(client.get(url)).one("form", class_="exercise-form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == url


@pytest.mark.parametrize(
    "url",
    [
        "/program/nowhere/three_columns/",
        "/program/what_went_wrong/nothing_here/",
        "/program/safety_check/device/",
        "/program/space/pattern_map/",
    ],
)
def test_an_unknown_stage_or_exercise_is_not_found(
    alex: Persona, client_for: ClientFor, url: str
) -> None:
    assert client_for(alex).get(url).status_code == 404


def test_the_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    url = page_url("space", "urge_log")

    response = visitor.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_the_page_is_never_cached_and_has_nothing_inline(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_checked).get(page_url("own_mistakes", "apology_draft"))

    assert "no-store" in response["Cache-Control"]
    doc = html_of(response)
    assert len(doc.find_all("a", class_="quick-exit")) == 1
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []


def test_each_exercise_on_a_stage_page_links_to_its_page(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    save(client, "space", "cool_down_plan", asked_for_space="not_asked")

    doc = html_of(client.get("/program/space/"))

    for found in program().stages["space"].exercises:
        item = doc.one("li", {"data-exercise": found.id})
        link = item.one("a")
        assert link.attrs["href"] == page_url("space", found.id)
        expected = (
            "Add an entry"
            if found.type == "log"
            else "Answer again"
            if found.id == "cool_down_plan"
            else "Start"
        )
        assert link.text().startswith(expected)
        assert found.title in link.text()


# -- every exercise in the content -------------------------------------------------------


def test_every_exercise_page_has_a_form_with_every_question(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)

    for stage in program().stages.values():
        for found in stage.exercises:
            response = client.get(page_url(stage.id, found.id))
            assert response.status_code == 200, (stage.id, found.id)
            form = html_of(response).one("form", class_="exercise-form")
            shown = [node for node in form.descendants() if "data-question" in node.attrs]
            assert [node.attrs["data-question"] for node in shown] == [
                q.id for q in found.questions
            ], (stage.id, found.id)
            for node in shown:
                assert node.find_all("input") or node.find_all("textarea"), node


ODD = ["9", "maybe", "\x00", "x" * 6000, "line\n" * 40]


def test_odd_answers_never_break_an_exercise_page(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    pages = [(stage.id, found) for stage in program().stages.values() for found in stage.exercises]

    for i, (stage_id, found) in enumerate(pages):
        odd = ODD[i % len(ODD)]
        data = {q.id: odd for q in found.questions} | {"text": odd}
        response = csrf_post(client, page_url(stage_id, found.id), data)
        assert response.status_code in (200, 302), (stage_id, found.id, odd[:10])


def test_before_the_safety_check_every_reconnection_exercise_is_locked(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    for stage_id in RECONNECTION:
        for found in program().stages[stage_id].exercises:
            response = client.get(page_url(stage_id, found.id))
            assert response.status_code == 403, (stage_id, found.id)
            assert html_of(response).find("form", class_="exercise-form") is None


# -- numbers, dates, "does not apply", guidance, follow-ups on other exercises, show_if ----


def test_a_number_question_is_a_number_box_with_its_range_and_unit(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    url = page_url("space", "week_check")

    doc = assert_page_basics(client.get(url))

    box = control(doc, "days_since_contact")
    assert (box.tag, box.attrs["type"]) == ("input", "number")
    assert (box.attrs["min"], box.attrs["max"]) == ("0", "3650")
    block = block_of(doc, "days_since_contact")
    assert "A whole number of days, from 0 to 3650." in block.text()
    assert f"{box.attrs['id']}_helptext" in box.attrs["aria-describedby"].split()
    refused = csrf_post(client, url, form_data("space", "week_check", days_since_contact="-3"))
    assert field_error(refused, "days_since_contact") == "Write a whole number from 0 to 3650."
    assert saved(alex, "space", "week_check") == []
    page = save(client, "space", "week_check", days_since_contact=12)
    assert saved(alex, "space", "week_check")[0].answers["days_since_contact"] == 12
    assert "12 days" in html_of(page).one(class_="log-entries").text()


def test_a_date_question_is_a_date_box_that_refuses_a_future_day(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    url = page_url("space", "cool_down_plan")

    doc = assert_page_basics(client.get(url))

    box = control(doc, "last_contact_on")
    assert (box.tag, box.attrs["type"]) == ("input", "date")
    assert box.attrs["max"] > box.attrs["min"] == "1900-01-01"
    assert "max" not in control(doc, "ends_on").attrs  # a cool-down ends in the future
    future = csrf_post(
        client, url, form_data("space", "cool_down_plan", last_contact_on="2999-01-01")
    )
    assert field_error(future, "last_contact_on") == "This date cannot be in the future."
    garbled = csrf_post(client, url, form_data("space", "cool_down_plan", last_contact_on="soon"))
    assert field_error(garbled, "last_contact_on") == "Write a date, like 2025-03-14."
    assert saved(alex, "space", "cool_down_plan") == []
    page = save(
        client, "space", "cool_down_plan", last_contact_on="2024-05-01", ends_on="2031-06-30"
    )
    assert saved(alex, "space", "cool_down_plan")[0].answers["ends_on"] == "2031-06-30"
    assert control(html_of(page), "last_contact_on").attrs["value"] == "2024-05-01"


def test_a_scale_that_allows_it_offers_does_not_apply(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    doc = html_of(client.get(page_url("want_them_back", "motive_check")))

    boxes = block_of(doc, "miss_plans").find_all("input")
    assert [box.attrs["value"] for box in boxes] == ["1", "2", "3", "4", "5", "na"]
    assert doc.one("label", {"for": boxes[-1].attrs["id"]}).text() == "Does not apply"
    assert [box.attrs["value"] for box in block_of(doc, "start_over").find_all("input")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    page = save(client, "want_them_back", "motive_check", miss_plans="na")
    assert saved(alex, "want_them_back", "motive_check")[0].answers["miss_plans"] == "na"
    assert control_checked(html_of(page), "miss_plans") == ["na"]
    assert html_of(page).find(class_="exercise-result") is not None


def test_a_chosen_option_with_guidance_shows_its_next_step_after_saving(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    response = exercise("reach_out", "response_log").questions[0]
    no_reply = next(option for option in response.options if option.id == "no_reply")
    assert no_reply.guidance

    before = html_of(client.get(page_url("reach_out", "response_log")))
    page = save(client, "reach_out", "response_log", response="no_reply")

    assert before.find(class_="exercise-guidance") is None
    guidance = html_of(page).one(class_="exercise-guidance")
    assert no_reply.guidance in guidance.text()
    assert "Based on your newest entry." in guidance.text()
    others = [o.guidance for o in response.options if o.id != "no_reply" and o.guidance]
    assert not any(text in source(page) for text in others)


def test_guidance_for_a_reflection_shows_with_its_saved_answers(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    fear = next(q for q in exercise("betrayal", "my_role").questions if q.id == "fear_or_control")
    yes = next(option for option in fear.options if option.id == "yes")
    assert yes.guidance

    calm = save(client, "betrayal", "my_role", fear_or_control="no")
    assert html_of(calm).find(class_="exercise-guidance") is None
    page = save(client, "betrayal", "my_role", fear_or_control="yes")

    assert yes.guidance in html_of(page).one(class_="exercise-guidance").text()


def test_a_follow_up_on_another_exercise_names_it_and_is_asked_after_that_answer(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    url = page_url("space", "urge_log")
    hint = block_of(html_of(client.get(url)), "practical").one(class_="follow-up-hint").text()
    assert "“My cool-down plan”" in hint and "was “Yes”" in hint
    entry = form_data("space", "urge_log")
    del entry["practical"]

    assert csrf_post(client, url, entry).status_code == 302  # not asked yet: no plan
    save(client, "space", "cool_down_plan", needed_contact="yes")
    asked = csrf_post(client, url, entry)

    assert asked.status_code == 200
    assert group_error(asked, "practical") == "Your earlier answers ask for this one too."
    assert len(saved(alex, "space", "urge_log")) == 1
    save(client, "space", "urge_log", practical="no")
    assert saved(alex, "space", "urge_log")[0].answers["practical"] == "no"


def test_each_betrayal_role_sees_only_its_own_exercises_on_the_stage_page(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    def listed() -> list[str]:
        doc = html_of(client.get("/program/betrayal/"))
        return [
            node.attrs["data-exercise"]
            for node in doc.find_all("li")
            if "data-exercise" in node.attrs
        ]

    everything = [found.id for found in program().stages["betrayal"].exercises]

    assert listed() == everything  # nothing answered yet: every exercise shows
    save(client, "betrayal", "my_role", role="broke")
    assert listed() == ["my_role", "honest_account", "trust_timeline"]
    save(client, "betrayal", "my_role", role="betrayed")
    assert listed() == ["my_role", "what_i_need", "triggers", "forgive_pace"]
    save(client, "betrayal", "my_role", role="both")
    assert listed() == everything


def test_an_exercise_for_the_other_role_says_so_and_links_to_the_answer_to_change(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    save(client, "betrayal", "my_role", role="broke")
    url = page_url("betrayal", "what_i_need")

    response = client.get(url)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == exercise("betrayal", "what_i_need").title
    note = doc.one(class_="exercise-not-applicable")
    assert "does not fit your answers" in note.text()
    link = note.one("a")
    assert link.attrs["href"] == page_url("betrayal", "my_role")
    assert link.text() == exercise("betrayal", "my_role").title
    assert doc.find("form", class_="exercise-form") is None
    posted = csrf_post(client, url, form_data("betrayal", "what_i_need"))
    assert posted.status_code == 200
    assert saved(alex, "betrayal", "what_i_need") == []
    assert html_of(client.get(page_url("betrayal", "honest_account"))).find(
        "form", class_="exercise-form"
    )


def test_after_no_reply_the_first_message_page_offers_no_second_message(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    save(client, "reach_out", "first_message")
    save(client, "reach_out", "response_log", response="no_reply")
    url = page_url("reach_out", "first_message")

    doc = html_of(client.get(url))

    assert doc.find("form", class_="exercise-form") is None
    note = doc.one(class_="exercise-not-applicable")
    assert note.one("a").attrs["href"] == page_url("reach_out", "response_log")
    stage = html_of(client.get("/program/reach_out/"))
    assert stage.find("a", {"href": url}) is None
    posted = csrf_post(client, url, form_data("reach_out", "first_message"))
    assert posted.status_code == 200
    assert len(saved(alex_checked, "reach_out", "first_message")) == 1


# -- the growth summary (summary: growth) ----------------------------------------------------


def growth_section(response: Page) -> Element:
    return html_of(response).one("section", class_="exercise-growth")


def test_a_growth_exercise_shows_what_you_did_above_the_form(
    alex: Persona, client_for: ClientFor
) -> None:
    from heartwork.checkin.services import save_checkin
    from heartwork.journal.services import create_entry

    for title in ("Monday", "Tuesday", "Wednesday"):
        create_entry(user=alex.user, title=title, body="A slow day, and that was fine.")
    save_checkin(user=alex.user, values={"mood": 4})
    answer_exercise(
        user=alex.user,
        stage_id="moving_on",
        exercise_id="what_it_taught_me",
        answers=answers_for("moving_on", "what_it_taught_me"),
    )

    for stage_id, exercise_id in (("moving_on", "growth_summary"), ("dont_go_back", "look_back")):
        response = client_for(alex).get(page_url(stage_id, exercise_id))

        assert response.status_code == 200
        assert_page_basics(response)
        section = growth_section(response)
        assert section.one("h2").text() == "What you did"
        listed = [item.text() for item in section.one("ul", class_="growth-list").find_all("li")]
        assert listed == [
            "You worked through one exercise in the program.",
            "You checked in with yourself on one day.",
            "You wrote in your journal 3 times.",
        ]
        markup = source(response)
        assert markup.index("exercise-growth") < markup.index("exercise-form")


def test_someone_new_sees_a_kind_note_instead_of_an_empty_list(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(page_url("moving_on", "growth_summary"))

    section = growth_section(response)
    assert section.find("ul") is None
    assert "As you use Heartwork, what you do will show here" in section.text()
    # The form is still there: the person's own words count too.
    assert html_of(response).find("form", class_="exercise-form") is not None


def test_other_exercises_show_no_growth_summary(alex: Persona, client_for: ClientFor) -> None:
    from heartwork.journal.services import create_entry

    create_entry(user=alex.user, title="A day", body="Some words.")

    response = client_for(alex).get(page_url("moving_on", "what_it_taught_me"))

    assert html_of(response).find(class_="exercise-growth") is None
    assert "What you did" not in main_text(response)


def test_the_growth_summary_counts_only_your_own_work(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    from heartwork.journal.services import create_entry

    create_entry(user=sam.user, title="Sam's day", body="Private words.")

    section = growth_section(client_for(alex).get(page_url("dont_go_back", "look_back")))

    assert section.find("ul") is None
