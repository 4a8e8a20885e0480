"""/trust/: the trust ledger page: where you stand, steady weeks, commitments, the charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.trust import selectors, services
from heartwork.trust.ledger import week_start
from tests.conftest import Persona
from tests.program.steps import lock_with_an_order
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

HOME = "/trust/"
SVG_NS = "{http://www.w3.org/2000/svg}"


@dataclass
class WithoutCharts:
    """The page with its inline SVGs left out (each has a <title> of its own)."""

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


def log(persona: Persona, direction: str, day: date | None = None, times: int = 1) -> None:
    kind = "was_present" if direction == "deposit" else "made_excuses"
    for _ in range(times):
        services.add_entry(user=persona.user, direction=direction, kind=kind, day=day)


def section(page: Page, css_class: str) -> Element:
    return html_of(page).one("section", class_=css_class)


def number(page: Page, name: str) -> str:
    return html_of(page).one("dd", {"data-number": name}).text()


def charts(page: Page) -> list[ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", page.content.decode(), flags=re.DOTALL)
    return [ET.fromstring(svg) for svg in found]  # noqa: S314  (our own page)


def test_a_new_person_sees_an_empty_ledger_with_a_way_to_start(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)

    assert response.status_code == 200
    doc = assert_page_basics(WithoutCharts(response))
    assert doc.one("h1").text() == "Trust ledger"
    assert [number(response, n) for n in ("balance", "deposits", "withdrawals")] == ["0"] * 3
    assert "Nothing logged yet" in section(response, "trust-standing").text()
    hrefs = [a.attrs["href"] for a in doc.find_all("a")]
    assert {"/trust/entries/new/deposit/", "/trust/entries/new/withdrawal/"} <= set(hrefs)
    assert "/trust/commitments/new/" in hrefs
    assert len(charts(response)) == 2
    assert section(response, "trust-chart").find("table") is None
    assert doc.find("aside", class_="trust-locked") is None


def test_the_page_says_plainly_that_steady_matters_more_than_size(
    alex: Persona, client_for: ClientFor
) -> None:
    text = section(client_for(alex).get(HOME), "trust-consistency").text()

    assert "Steady matters more than big." in text
    assert "One grand gesture does not make up for a pattern" in text
    assert "at least one deposit and no withdrawal" in text


def test_the_numbers_and_the_5_to_1_guide_in_words(alex: Persona, client_for: ClientFor) -> None:
    log(alex, "deposit", times=6)
    log(alex, "withdrawal", times=2)

    response = client_for(alex).get(HOME)

    assert [number(response, n) for n in ("balance", "deposits", "withdrawals")] == [
        "4",
        "6",
        "2",
    ]
    standing = section(response, "trust-standing")
    assert standing.one(class_="trust-ratio").text() == "About 3 deposits for each withdrawal."
    guide = standing.one(class_="trust-guide").text()
    assert "about 5 good moments for each hurtful one" in guide
    assert "below 5 to 1 for now" in guide


def test_no_withdrawals_yet_is_said_as_such(alex: Persona, client_for: ClientFor) -> None:
    log(alex, "deposit", times=5)

    standing = section(client_for(alex).get(HOME), "trust-standing")

    assert standing.one(class_="trust-ratio").text() == "5 deposits and no withdrawals so far."
    assert "at or above 5 to 1" in standing.one(class_="trust-guide").text()


def test_steady_weeks_are_listed_with_this_week_apart(alex: Persona, client_for: ClientFor) -> None:
    monday = week_start(timezone.localdate())
    for weeks_back in (3, 2, 1):
        log(alex, "deposit", monday - timedelta(days=7 * weeks_back))
    log(alex, "withdrawal", monday - timedelta(days=7 * 2 - 1))
    log(alex, "deposit", timezone.localdate())

    block = section(client_for(alex).get(HOME), "trust-consistency")

    assert block.one(class_="trust-steady").text() == "2 of your last 3 weeks were steady."
    kinds = [
        item.attrs["data-kind"] for item in block.one("ol", class_="trust-weeks").find_all("li")
    ]
    assert kinds == ["steady", "mixed", "steady"]
    assert block.one(class_="trust-this-week").text() == (
        "This week so far: 1 deposit, 0 withdrawals."
    )


def test_a_first_week_still_going_is_not_judged(alex: Persona, client_for: ClientFor) -> None:
    log(alex, "withdrawal")

    block = section(client_for(alex).get(HOME), "trust-consistency")

    assert "Your first full week is still going" in block.text()
    assert block.find("ol") is None


def test_open_commitments_offer_kept_and_not_kept_and_say_when_the_day_passed(
    alex: Persona, client_for: ClientFor
) -> None:
    late = services.add_commitment(
        user=alex.user, text="I call when I'm late.", due=timezone.localdate() - timedelta(days=1)
    )
    services.add_commitment(
        user=alex.user, text="I listen before I answer.", due=timezone.localdate() + timedelta(3)
    )

    block = section(client_for(alex).get(HOME), "trust-commitments")

    items = block.one("ul", class_="trust-open").find_all("li")
    assert [item.one("strong").text() for item in items] == [
        "I call when I'm late.",
        "I listen before I answer.",
    ]
    assert "That day has passed" in items[0].text()
    assert "That day has passed" not in items[1].text()
    form = items[0].one("form")
    assert form.attrs["action"] == f"/trust/commitments/{late.id}/follow-through/"
    values = [button.attrs["value"] for button in form.find_all("button")]
    assert values == ["kept", "not_kept"]


def test_the_follow_through_rate_in_words(alex: Persona, client_for: ClientFor) -> None:
    for status in ("kept", "kept", "not_kept"):
        made = services.add_commitment(user=alex.user, text="A promise.", due=timezone.localdate())
        services.resolve_commitment(commitment=made, status=status)

    standing = section(client_for(alex).get(HOME), "trust-standing")

    assert standing.one(class_="trust-follow").text() == (
        "Follow-through: you kept 67% of the commitments you looked back on (2 of 3)."
    )


def test_the_charts_have_titles_and_one_table_holds_their_numbers(
    alex: Persona, client_for: ClientFor
) -> None:
    monday = week_start(timezone.localdate())
    log(alex, "withdrawal", monday - timedelta(days=7))
    log(alex, "deposit", timezone.localdate(), times=2)

    response = client_for(alex).get(HOME)

    titles = [svg.findtext(f"{SVG_NS}title") for svg in charts(response)]
    assert titles == ["Your trust balance over time", "Deposits for each withdrawal"]
    table = section(response, "trust-chart").one("table", class_="data-table")
    headers = [cell.text() for cell in table.one("thead").find_all("th")]
    assert headers == ["Week starting", "Balance", "Deposits per withdrawal (4 weeks)"]
    rows = [
        [cell.text() for cell in row.find_all() if cell.tag in {"th", "td"}][1:]
        for row in table.one("tbody").find_all("tr")
    ]
    assert rows == [["-1", "0"], ["1", "2"]]


def test_latest_entries_show_their_words_and_notes(alex: Persona, client_for: ClientFor) -> None:
    services.add_entry(
        user=alex.user, direction="deposit", kind="stayed_calm", note="We talked about the rent."
    )

    latest = section(client_for(alex).get(HOME), "trust-latest")

    assert "I stayed calm when it was hard" in latest.text()
    assert "We talked about the rent." in latest.text()


def test_another_persons_ledger_never_shows(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    services.add_entry(user=sam.user, direction="deposit", kind="kept_word", note="Sam's note.")
    services.add_commitment(user=sam.user, text="Sam's promise.", due=timezone.localdate())

    response = client_for(alex).get(HOME)

    assert number(response, "deposits") == "0"
    assert "Sam's" not in main_text(response)


def test_under_a_safety_lock_the_page_stays_open_and_says_why(
    alex: Persona, client_for: ClientFor
) -> None:
    lock_with_an_order(alex)

    response = client_for(alex).get(HOME)

    assert response.status_code == 200
    notice = html_of(response).one("aside", class_="trust-locked")
    assert "private record of your own actions" in notice.text()
    assert "not a reason to get in touch" in notice.text()
    assert notice.one("a").attrs["href"] == "/safety/path/"


def test_the_page_needs_no_script_or_style_and_is_never_cached(
    alex: Persona, client_for: ClientFor
) -> None:
    log(alex, "deposit")

    response = client_for(alex).get(HOME)

    doc = html_of(response)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]


def test_logged_out_visitors_are_sent_to_log_in(client_for: ClientFor, db: None) -> None:
    from django.test import Client

    response = Client().get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_two_years_of_daily_entries_cost_no_more_queries(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    log(alex, "deposit")
    services.add_commitment(user=alex.user, text="A promise.", due=timezone.localdate())
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    start = timezone.localdate() - timedelta(days=730)
    for offset in range(730):
        direction = "withdrawal" if offset % 9 == 0 else "deposit"
        log(alex, direction, start + timedelta(days=offset))
    for n in range(20):
        made = services.add_commitment(user=alex.user, text=f"Promise {n}.", due=start)
        services.resolve_commitment(commitment=made, status="kept" if n % 3 else "not_kept")

    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)

    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_summary_card_shows_the_balance_and_steady_weeks(alex: Persona) -> None:
    monday = week_start(timezone.localdate())
    log(alex, "deposit", monday - timedelta(days=7), times=3)

    html = render_to_string("trust/card.html", {"card": selectors.summary_card(alex.user)})

    doc = html_of_fragment(html)
    assert doc.one("h2").text() == "Trust ledger"
    assert "Balance: 3" in doc.text()
    assert "3 deposits for each withdrawal" in doc.text()
    assert "Steady weeks: 1 of the last 1." in doc.text()
    assert doc.one("a").attrs["href"] == "/trust/"


def html_of_fragment(html: str) -> Element:
    from tests.web.pages import parse

    return parse(html)
