"""/checkin/: today's check-in, the runs, the mood and sleep chart, and recent check-ins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from heartwork.checkin.models import CheckIn
from heartwork.checkin.selectors import today_of
from heartwork.checkin.services import save_checkin
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    field_error,
    form_error,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
)
from tests.web.steps import ClientFor

PAGE = "/checkin/"


@dataclass
class WithoutChart:
    """The page with its (nested) inline SVG left out, for the plain-HTML checks: an SVG
    has <title>s of its own, which are not the page's title."""

    page: Page

    @property
    def content(self) -> bytes:
        return re.sub(rb"<svg\b.*</svg>", b"", self.page.content, flags=re.DOTALL)

    @property
    def status_code(self) -> int:
        return self.page.status_code

    def __getitem__(self, header: str) -> str:
        return self.page[header]

    def has_header(self, header: str) -> bool:
        return self.page.has_header(header)


def check_in_days_ago(persona: Persona, days_ago: int, **values: Any) -> None:
    day = today_of(persona.user) - timedelta(days=days_ago)
    save_checkin(user=persona.user, values={"mood": 3, **values}, day=day)


def runs(response: Page) -> str:
    return html_of(response).one("section", class_="checkin-runs").text()


def fieldset(response: Page, name: str) -> Element:
    return html_of(response).one("fieldset", {"data-field": name})


def test_a_new_person_sees_an_empty_form_and_a_welcoming_start(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PAGE)

    assert response.status_code == 200
    doc = assert_page_basics(WithoutChart(response))
    assert doc.one("h1").text() == "Daily check-in"
    assert "Your first check-in starts a run." in runs(response)
    assert "One missed day in any seven does not break your run" in runs(response)
    assert "No check-ins yet" in main_text(response)
    assert doc.one("form", class_="checkin-form").one("button").text() == "Save today's check-in"
    assert response["Cache-Control"].startswith("max-age=0")


def test_each_question_is_labelled_and_the_mood_steps_have_words(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PAGE)

    mood = fieldset(response, "mood")
    assert mood.one("legend").text() == "How is your mood today?"
    labels = [label.text() for label in mood.find_all("label")]
    assert labels == ["1 · Very low", "2 · Low", "3 · Okay", "4 · Good", "5 · Very good"]
    assert fieldset(response, "moved").one("legend").text().startswith("Did you move")
    assert "supports you" in fieldset(response, "talked_to_support").one("legend").text()
    doc = html_of(response)
    sleep = doc.one("input", {"name": "sleep_hours"})
    assert (sleep.attrs["type"], sleep.attrs["step"]) == ("number", "0.5")
    assert doc.one("input", {"name": "note"}).attrs["autocomplete"] == "off"


def test_checking_in_saves_and_says_thank_you(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = csrf_post(
        client,
        PAGE,
        {
            "mood": "4",
            "sleep_hours": "7.5",
            "moved": "yes",
            "movement_minutes": "25",
            "talked_to_support": "no",
            "note": "Slow morning, better evening.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == PAGE
    saved = CheckIn.objects.get(user=alex.user)
    assert saved.day == today_of(alex.user)
    assert saved.answers.mood == 4
    assert saved.answers.sleep_hours == 7.5
    assert saved.answers.moved is True
    assert saved.answers.movement_minutes == 25
    assert saved.answers.talked_to_support is False
    page = client.get(PAGE)
    assert messages(page) == ["Saved. Thank you for checking in today."]
    assert "You are on a run of 1 day." in runs(page)
    recent = html_of(page).one("ul", class_="checkin-list").text()
    assert "Mood: 4 of 5, Good." in recent
    assert "Slow morning, better evening." in recent


def test_after_checking_in_the_page_says_a_second_save_changes_today(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    csrf_post(client, PAGE, {"mood": "2", "note": "Rough start."})

    page = client.get(PAGE)

    notice = html_of(page).one(class_="checkin-again").text()
    assert "You already checked in today" in notice
    assert "does not add a second one" in notice
    assert (
        html_of(page).one("form", class_="checkin-form").one("button").text()
        == "Update today's check-in"
    )
    # The form starts from today's answers.
    checked = fieldset(page, "mood").one("input", {"checked": ""})
    assert checked.attrs["value"] == "2"
    assert html_of(page).one("input", {"name": "note"}).attrs["value"] == "Rough start."

    response = csrf_post(client, PAGE, {"mood": "4"})

    assert response.status_code == 302
    assert CheckIn.objects.filter(user=alex.user).count() == 1
    assert CheckIn.objects.get(user=alex.user).answers.mood == 4
    assert messages(client.get(PAGE)) == ["Today's check-in is updated."]


def test_a_missing_mood_is_shown_in_its_group_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), PAGE, {"sleep_hours": "8", "note": "kept"})

    assert response.status_code == 200
    mood = fieldset(response, "mood")
    error = mood.one(class_="field-errors")
    assert "Choose how your mood is today" in error.text()
    assert error.attrs["id"] in mood.attrs["aria-describedby"].split()
    assert "Nothing was saved yet" in form_error(WithoutChart(response))
    assert html_of(response).one("input", {"name": "note"}).attrs["value"] == "kept"
    assert not CheckIn.objects.exists()


def test_bad_numbers_are_refused_next_to_their_boxes(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(
        client_for(alex), PAGE, {"mood": "3", "sleep_hours": "-2", "movement_minutes": "9999"}
    )

    page = WithoutChart(response)
    assert "from 0 to 24" in field_error(page, "sleep_hours")
    assert "from 0 to 1440" in field_error(page, "movement_minutes")
    assert not CheckIn.objects.exists()


def test_sleep_is_given_in_half_hours(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), PAGE, {"mood": "3", "sleep_hours": "7.3"})

    assert "nearest half hour" in field_error(WithoutChart(response), "sleep_hours")


def test_minutes_after_saying_you_did_not_move_are_questioned(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(
        client_for(alex), PAGE, {"mood": "3", "moved": "no", "movement_minutes": "30"}
    )

    assert "You said you did not move today" in field_error(
        WithoutChart(response), "movement_minutes"
    )
    assert not CheckIn.objects.exists()


def test_a_run_with_a_forgiven_day_is_named_kindly(alex: Persona, client_for: ClientFor) -> None:
    for days_ago in (5, 4, 3, 1):
        check_in_days_ago(alex, days_ago)

    text = runs(client_for(alex).get(PAGE))

    assert "You are on a run of 5 days." in text
    assert "1 missed day was forgiven along the way." in text
    assert "Your longest run: 5 days." in text


def test_after_a_break_the_page_invites_a_new_run_without_blame(
    alex: Persona, client_for: ClientFor
) -> None:
    for days_ago in (12, 11, 10, 9):
        check_in_days_ago(alex, days_ago)

    text = runs(client_for(alex).get(PAGE))

    assert "A new run starts with your next check-in." in text
    assert "Your longest run: 4 days." in text
    for blaming in ("broke", "lost", "failed", "missed your"):
        assert blaming not in text.lower()


def test_the_chart_and_its_table_show_mood_and_sleep(alex: Persona, client_for: ClientFor) -> None:
    check_in_days_ago(alex, 2, mood=2, sleep_hours=5.5)
    check_in_days_ago(alex, 0, mood=5)

    response = client_for(alex).get(PAGE)

    doc = html_of(response)
    figure = doc.one(class_="chart-figure")
    assert figure.find_all("svg")[0].attrs["role"] == "img"
    table = doc.one("table", class_="data-table")
    assert [th.text() for th in table.one("thead").find_all("th")] == [
        "Date",
        "Mood (1 to 5)",
        "Sleep (hours)",
    ]
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.one("tbody").find_all("tr")]
    assert rows == [["2", "5.5"], ["5", "not given"]]


def test_nobody_sees_anyone_elses_check_ins(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    check_in_days_ago(alex, 0, note="alex's private line")

    response = client_for(sam).get(PAGE)

    assert "alex's private line" not in response.content.decode()
    assert "Your first check-in starts a run." in runs(response)


def test_logging_in_is_needed(visitor: Client) -> None:
    response = visitor.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_has_no_inline_script_or_style(alex: Persona, client_for: ClientFor) -> None:
    check_in_days_ago(alex, 0)

    doc = html_of(client_for(alex).get(PAGE))

    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []


def test_the_page_reads_the_same_number_of_rows_for_a_week_or_a_year(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    counts = []
    for days in (7, 120):
        CheckIn.objects.filter(user=alex.user).delete()
        for days_ago in range(days):
            check_in_days_ago(alex, days_ago, sleep_hours=7)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_menu_links_here_as_today(alex: Persona, client_for: ClientFor) -> None:
    menu = html_of(client_for(alex).get("/journal/")).one("nav")

    assert [a.text() for a in menu.find_all("a", {"href": PAGE})] == ["Today"]
