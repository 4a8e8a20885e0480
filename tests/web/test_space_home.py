"""/space/: days since contact, the runs, the last 7 days, both charts with their tables,
the "I want to text them now" button and one-tap logging."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import SocialCheck, Urge
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

HOME = "/space/"


@dataclass
class WithoutCharts:
    """The page with its inline SVGs left out (an SVG has a <title> of its own)."""

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


def plan(persona: Persona, started_days_ago: int, planned: int | None = 30) -> None:
    today = timezone.localdate()
    services.set_plan(
        user=persona.user,
        started_on=today - timedelta(days=started_days_ago),
        planned_days=planned,
        last_contact_on=today - timedelta(days=started_days_ago + 1),
    )


def section(response: Page, css: str) -> Element:
    return html_of(response).one("section", class_=css)


def charts(response: Page) -> list[ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", response.content.decode(), flags=re.DOTALL)
    return [ET.fromstring(svg) for svg in found]  # noqa: S314  (our own page)


def test_a_new_person_sees_the_button_an_invitation_and_two_empty_charts(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)

    assert response.status_code == 200
    doc = assert_page_basics(WithoutCharts(response))
    assert doc.one("h1").text() == "Your space"
    button = doc.one("a", class_="space-now")
    assert button.text() == "I want to text them now"
    assert button.attrs["href"] == "/space/now/"
    assert "No cool-down yet" in section(response, "space-days").text()
    assert [svg.get("role") for svg in charts(response)] == ["img", "img"]
    assert doc.find("table") is None


def test_the_days_runs_and_cool_down_are_said_in_words(
    alex: Persona, client_for: ClientFor
) -> None:
    plan(alex, started_days_ago=11)  # last contact 12 days ago

    days = section(client_for(alex).get(HOME), "space-days")

    assert days.one(class_="space-big").text() == "12 days since your last contact"
    assert "Your longest stretch without contact: 12 days." in days.text()
    assert "Days without contact in all: 12." in days.text()
    assert days.one(class_="space-cool-down").text() == "Day 12 of 30: 19 days to go."


def test_after_a_slip_the_page_says_nothing_was_wiped_out(
    alex: Persona, client_for: ClientFor
) -> None:
    plan(alex, started_days_ago=11)
    services.log_slip(user=alex.user, how="message")

    days = section(client_for(alex).get(HOME), "space-days")

    assert days.one(class_="space-big").text() == "0 days since your last contact"
    assert "Your longest stretch without contact: 11 days." in days.text()
    assert "Days without contact in all: 11." in days.text()
    assert "A slip does not wipe out the days you kept" in days.one(class_="space-slips").text()


def test_a_cool_down_without_an_end_never_says_it_is_time_to_get_in_touch(
    alex: Persona, client_for: ClientFor
) -> None:
    plan(alex, started_days_ago=40, planned=None)
    no_end = section(client_for(alex).get(HOME), "space-days").one(class_="space-cool-down")
    plan(alex, started_days_ago=40, planned=30)
    done = section(client_for(alex).get(HOME), "space-days").one(class_="space-cool-down")

    assert no_end.text() == "Day 41 of your cool-down. It has no end date."
    assert "That does not mean it is time to get in touch" in done.text()


def test_the_last_7_days_compare_urges_and_count_profile_checks(
    alex: Persona, client_for: ClientFor
) -> None:
    now = timezone.now()
    for days_ago, strength in ((0, 6), (2, 8), (8, 9), (9, 9), (10, 9)):
        services.log_urge(user=alex.user, strength=strength, at=now - timedelta(days=days_ago))
    services.log_social_check(user=alex.user)

    week = section(client_for(alex).get(HOME), "space-week")

    assert week.one(class_="space-urges-week").text() == (
        "2 urges (the 7 days before: 3). Fewer than before."
    )
    assert "Average strength: 7.0 out of 10." in week.text()
    assert week.one(class_="space-checks-week").text() == (
        "1 look at their profile or posts (the 7 days before: 0)."
    )


def test_each_chart_has_a_heading_and_a_table_with_the_same_days(
    alex: Persona, client_for: ClientFor
) -> None:
    plan(alex, started_days_ago=3)
    services.log_urge(user=alex.user, strength=5)

    response = client_for(alex).get(HOME)

    doc = html_of(response)
    titles = [svg.findtext("{http://www.w3.org/2000/svg}title") for svg in charts(response)]
    assert titles == ["Days since your last contact", "Urges and social media checks per day"]
    tables = doc.find_all("table", class_="data-table")
    assert len(tables) == 2
    days_rows = tables[0].one("tbody").find_all("tr")
    assert len(days_rows) == 5  # last contact four days ago, to today
    assert [cell.text() for cell in days_rows[-1].find_all("td")] == ["4", "4"]
    urge_rows = tables[1].one("tbody").find_all("tr")
    assert [cell.text() for cell in urge_rows[-1].find_all("td")] == ["1", "0"]
    for table in tables:
        region = table.parent
        assert region is not None and region.attrs["role"] == "region"
        assert region.attrs["aria-labelledby"] == table.one("caption").attrs["id"]


def test_one_tap_counts_a_look_at_their_profile(alex: Persona, client_for: ClientFor) -> None:
    form = section(client_for(alex).get(HOME), "space-log").one("form")

    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/space/social-checks/"
    assert form.one("button").text() == "I looked at their profile or posts"


def test_another_persons_records_never_show(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    plan(sam, started_days_ago=50)
    services.log_urge(user=sam.user, strength=9)

    response = client_for(alex).get(HOME)

    assert "No cool-down yet" in main_text(response)
    assert "0 urges (the 7 days before: 0)." in main_text(response)


def test_the_page_has_no_inline_script_or_style_and_is_never_cached(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)

    doc = html_of(response)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(visitor: Client) -> None:
    response = visitor.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_menu_links_here(alex: Persona, client_for: ClientFor) -> None:
    menu = html_of(client_for(alex).get("/")).one("nav")

    assert [a.text() for a in menu.find_all("a", {"href": HOME})] == ["Space"]


def test_two_years_of_daily_records_take_no_more_queries_than_a_week(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    now = timezone.now()
    for persona, days in ((alex, 730), (sam, 7)):
        plan(persona, started_days_ago=days)
        Urge.objects.bulk_create(
            Urge(user=persona.user, at=now - timedelta(days=n), strength=5, trigger="", instead="")
            for n in range(days)
        )
        SocialCheck.objects.bulk_create(
            SocialCheck(user=persona.user, at=now - timedelta(days=n)) for n in range(0, days, 2)
        )
        for n in range(3, days, 30):
            services.log_slip(user=persona.user, how="call", at=now - timedelta(days=n))
    big, small = client_for(alex), client_for(sam)

    with CaptureQueriesContext(connection) as week:
        assert small.get(HOME).status_code == 200
    with CaptureQueriesContext(connection) as years:
        response = big.get(HOME)

    assert response.status_code == 200
    assert len(years.captured_queries) == len(week.captured_queries)
    assert "Each row is the average of one week." in main_text(response)
