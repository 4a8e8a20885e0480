"""/wellbeing/: both checks, when each is due, before and now in words, and the chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from heartwork.wellbeing.services import record_take
from tests.conftest import Persona
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
)
from tests.web.steps import ClientFor

HOME = "/wellbeing/"
SVG_NS = "{http://www.w3.org/2000/svg}"
RELATIONSHIP = ("feel_now", "respect", "understood", "trust", "settled")
PERSONAL = ("sleep", "energy", "hope", "support", "calm")


@dataclass
class WithoutChart:
    """The page with its inline SVG left out, for checks written for plain HTML pages
    (an SVG has a <title> of its own, which is not the page's title)."""

    page: Page

    @property
    def content(self) -> bytes:
        return re.sub(rb"<svg\b.*?</svg>", b"", self.page.content, flags=re.DOTALL)

    @property
    def status_code(self) -> int:
        return self.page.status_code

    def __getitem__(self, header: str) -> str:
        return self.page[header]

    def has_header(self, header: str) -> bool:
        return self.page.has_header(header)


def take(persona: Persona, check_id: str, answer: int, days_ago: int = 0) -> Any:
    items = RELATIONSHIP if check_id == "relationship" else PERSONAL
    return record_take(
        user=persona.user,
        check_id=check_id,
        answers=dict.fromkeys(items, answer),
        now=timezone.now() - timedelta(days=days_ago),
    )


def section(response: Page, check_id: str) -> Element:
    return html_of(response).one("section", {"data-check": check_id})


def chart(response: Page) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", response.content.decode(), flags=re.DOTALL)
    assert match is not None, "no inline chart on the page"
    return ET.fromstring(match.group(0))  # noqa: S314  (our own page)


def table_rows(response: Page) -> list[list[str]]:
    table = html_of(response).one("table", class_="data-table")
    return [
        [cell.text() for cell in row.find_all() if cell.tag in {"th", "td"}]
        for row in table.one("tbody").find_all("tr")
    ]


def test_a_new_person_sees_both_checks_due_and_an_empty_chart(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)

    assert response.status_code == 200
    doc = assert_page_basics(WithoutChart(response))
    assert doc.one("h1").text() == "How things are changing"
    for check_id, title in (
        ("relationship", "How things are between us"),
        ("personal", "How I am doing"),
    ):
        block = section(response, check_id)
        assert block.one("h2").text() == title
        assert block.one(class_="wellbeing-due").text() == "Due now"
        assert block.one(class_="wellbeing-summary").text() == "Not taken yet."
        assert block.one("a").attrs["href"] == f"/wellbeing/{check_id}/"
    svg = chart(response)
    assert svg.get("role") == "img"
    empty = [node for node in svg.iter() if node.get("class") == "chart-empty"]
    assert "No scores yet" in "".join(empty[0].itertext())
    assert html_of(response).find("table") is None


def test_the_page_says_plainly_that_these_are_not_a_clinical_test(
    alex: Persona, client_for: ClientFor
) -> None:
    text = main_text(client_for(alex).get(HOME))

    assert "We wrote these questions ourselves" in text
    assert "not a medical or psychological test" in text


def test_after_a_first_take_the_page_shows_the_score_and_when_it_is_next_due(
    alex: Persona, client_for: ClientFor
) -> None:
    first = take(alex, "personal", 3)
    due_on = timezone.localtime(first.created_at + timedelta(days=28)).strftime("%-d %B %Y")

    response = client_for(alex).get(HOME)

    block = section(response, "personal")
    assert block.one(class_="wellbeing-due").text() == f"Next due on {due_on}"
    assert block.one(class_="wellbeing-summary").text().startswith("Your first score: 50.")
    assert "again" in block.one("a").text()
    assert section(response, "relationship").one(class_="wellbeing-due").text() == "Due now"


def test_a_second_take_shows_before_now_and_the_change(
    alex: Persona, client_for: ClientFor
) -> None:
    take(alex, "relationship", 2, days_ago=30)  # 25
    take(alex, "relationship", 4)  # 75

    response = client_for(alex).get(HOME)

    block = section(response, "relationship")
    assert block.one(class_="wellbeing-summary").text() == "When you started: 25. Now: 75."
    assert block.one(class_="wellbeing-change").text() == "That is 50 points higher."
    rows = table_rows(response)
    assert [row[1:] for row in rows] == [["25", "no score"], ["75", "no score"]]
    labels = [
        node.text for node in chart(response).iter() if node.get("class") == "chart-marker-label"
    ]
    assert labels == ["Before", "Now"]


def test_a_lower_score_is_said_as_lower(alex: Persona, client_for: ClientFor) -> None:
    take(alex, "personal", 4, days_ago=60)
    take(alex, "personal", 3, days_ago=29)

    response = client_for(alex).get(HOME)

    block = section(response, "personal")
    assert block.one(class_="wellbeing-summary").text() == "When you started: 75. Now: 50."
    assert block.one(class_="wellbeing-change").text() == "That is 25 points lower."
    assert block.one(class_="wellbeing-due").text() == "Due again now"


def test_the_chart_has_a_title_and_a_description_and_the_table_has_the_same_scores(
    alex: Persona, client_for: ClientFor
) -> None:
    take(alex, "personal", 5, days_ago=1)
    take(alex, "relationship", 1)

    response = client_for(alex).get(HOME)

    svg = chart(response)
    title = svg.find(f"{SVG_NS}title")
    assert title is not None and title.text == "Your check scores over time"
    assert svg.get("aria-labelledby") == title.get("id")
    desc = svg.findtext(f"{SVG_NS}desc") or ""
    assert "How I am doing: one score so far, 100." in desc
    table = html_of(response).one("table", class_="data-table")
    headers = [cell.text() for cell in table.one("thead").find_all("th")]
    assert headers == ["Date", "How things are between us", "How I am doing"]
    assert all(cell.attrs.get("scope") == "col" for cell in table.one("thead").find_all("th"))
    assert [row[1:] for row in table_rows(response)] == [["no score", "100"], ["0", "no score"]]


def test_another_persons_scores_never_show(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    take(sam, "personal", 5)
    take(sam, "relationship", 4)

    response = client_for(alex).get(HOME)

    for check_id in ("relationship", "personal"):
        assert section(response, check_id).one(class_="wellbeing-summary").text() == (
            "Not taken yet."
        )
    assert html_of(response).find("table") is None


def test_a_low_how_i_am_doing_score_brings_the_help_lines_into_view(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    assert html_of(client.get(HOME)).find(class_="wellbeing-low") is None

    take(alex, "personal", 2)
    note = html_of(client.get(HOME)).one(class_="wellbeing-low")

    assert note.one("a").attrs["href"] == "/help/"


def test_the_page_has_no_inline_script_or_style_and_is_never_cached(
    alex: Persona, client_for: ClientFor
) -> None:
    take(alex, "personal", 3)

    response = client_for(alex).get(HOME)

    doc = html_of(response)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(visitor: Client) -> None:
    response = visitor.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_every_logged_in_page_links_here_from_the_menu(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    for url in ["/", "/journal/", HOME]:
        menu = html_of(client.get(url)).one("nav")
        links = [a for a in menu.find_all("a") if a.attrs.get("href") == HOME]
        assert [a.text() for a in links] == ["Progress"], url
