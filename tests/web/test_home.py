"""The start page: a welcome for visitors, a small dashboard once logged in."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Persona
from tests.web.pages import assert_page_basics, html_of, source
from tests.web.steps import ClientFor, write_entry


def test_a_visitor_is_welcomed_and_offered_sign_up_and_log_in(visitor: Client) -> None:
    response = visitor.get("/")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    main = doc.one("main")
    assert "private place" in main.text()
    assert main.find("a", {"href": "/accounts/signup/"}) is not None
    assert main.find("a", {"href": "/accounts/login/"}) is not None
    assert doc.find("a", {"href": "/journal/"}) is None


def test_a_logged_in_person_sees_their_dashboard_with_a_way_to_write(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get("/")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Welcome back"
    assert doc.one("main").find("a", {"href": "/journal/new/"}) is not None
    assert doc.find("a", {"href": "/accounts/signup/"}) is None
    assert doc.one("main").find("ul", class_="entry-list") is None


def test_the_dashboard_shows_your_three_most_recent_entries(
    alex: Persona, client_for: ClientFor
) -> None:
    for n in range(5):
        write_entry(alex, f"body {n}", title=f"Entry {n}", minutes_ago=n)

    doc = html_of(client_for(alex).get("/"))

    recent = [a.text() for a in doc.one("ul", class_="entry-list").find_all("a")]
    assert recent == ["Entry 0", "Entry 1", "Entry 2"]
    assert doc.one("main").find("a", {"href": "/journal/"}) is not None


def test_the_dashboard_never_shows_someone_elses_entries(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    write_entry(sam, "sam's words", title="Sam's entry")

    response = client_for(alex).get("/")

    assert "Sam's entry" not in source(response)
    assert "sam's words" not in source(response)
    assert html_of(response).one("main").find("ul", class_="entry-list") is None


def test_the_dashboard_shows_each_tracker_with_its_chart(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    main = html_of(client.get("/")).one("main")

    for card in ("checkin-card", "space-card", "trust-card"):
        assert main.find(class_=card) is not None, card
    charts = [image.attrs["src"] for image in main.find_all("img", class_="home-chart")]
    assert charts == [
        "/api/v1/charts/mood.svg",
        "/api/v1/charts/days-since-contact.svg",
        "/api/v1/charts/urges.svg",
        "/api/v1/charts/trust.svg",
    ]
    for image in main.find_all("img", class_="home-chart"):
        assert image.attrs.get("alt")
    # The browser loads them with the session: each answers an SVG, empty for someone new.
    for src in charts:
        response = client.get(src)
        assert response.status_code == 200, src
        assert response["Content-Type"].startswith("image/svg+xml")
        assert b"<title" in response.content


def test_the_dashboard_costs_the_same_queries_with_a_long_history(
    alex: Persona, client_for: ClientFor
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(alex)
    with CaptureQueriesContext(connection) as fresh:
        client.get("/")
    for minutes in range(40):
        write_entry(alex, f"entry {minutes}", minutes_ago=minutes)
    with CaptureQueriesContext(connection) as later:
        client.get("/")
    assert len(later) == len(fresh)
