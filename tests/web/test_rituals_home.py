"""/rituals/: the rituals with how they hold, time together, reflections, and the gate."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.rituals import selectors, services
from heartwork.rituals.models import Ritual
from tests.conftest import Persona, pass_safety_check
from tests.program.steps import lock_with_an_order
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    parse,
)
from tests.web.steps import ClientFor

HOME = "/rituals/"


def section(page: Page, css_class: str) -> Element:
    return html_of(page).one("section", class_=css_class)


def ritual(persona: Persona, name: str = "Tea after work", cadence: str = "daily") -> Ritual:
    return services.add_ritual(user=persona.user, name=name, cadence=cadence)


def test_a_checked_person_sees_the_three_parts_and_ways_to_add(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_checked).get(HOME)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Rituals and time together"
    assert [h.text() for h in doc.find_all("h2")] == [
        "Our rituals",
        "Time together",
        "What drew us together",
    ]
    hrefs = {a.attrs["href"] for a in doc.find_all("a")}
    assert {"/rituals/new/", "/rituals/time/", "/rituals/reflection/"} <= hrefs
    assert doc.find("aside", class_="rituals-locked") is None


def test_each_ritual_says_how_it_held_and_offers_done(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    tea = ritual(alex_checked)
    walk = ritual(alex_checked, "A walk on Sunday", "weekly")
    for days_ago in (0, 1):
        services.mark_done(ritual=tea, day=timezone.localdate() - timedelta(days=days_ago))

    block = section(client_for(alex_checked).get(HOME), "rituals-list")

    items = {item.attrs["data-ritual"]: item for item in block.find_all("li")}
    tea_item, walk_item = items[str(tea.id)], items[str(walk.id)]
    assert tea_item.one(class_="ritual-record").text().startswith("Done today.")
    assert walk_item.one(class_="ritual-record").text() == "Not done yet this week."
    tea_form, walk_form = tea_item.one("form"), walk_item.one("form")
    assert tea_form.attrs["action"] == walk_form.attrs["action"] == "/rituals/done/"
    assert tea_form.one("button").text().startswith("Not done after all")
    assert walk_form.one("button").text().startswith("Done this week")
    assert walk_form.one("input", {"name": "ritual"}).attrs["value"] == str(walk.id)


def test_time_together_is_added_up(alex_checked: Persona, client_for: ClientFor) -> None:
    services.log_time(user=alex_checked.user, minutes=40, what="Cooked together.")
    services.log_time(
        user=alex_checked.user, minutes=25, day=timezone.localdate() - timedelta(days=10)
    )

    block = section(client_for(alex_checked).get(HOME), "rituals-time")

    totals = block.one(class_="rituals-totals").text()
    assert "This week: 40 minutes." in totals
    assert "Last 4 weeks: 65 minutes, 2 times." in totals
    assert "Cooked together." in block.text()


def test_reflections_are_shown_newest_first(alex_checked: Persona, client_for: ClientFor) -> None:
    services.add_reflection(user=alex_checked.user, text="The first summer.")
    services.add_reflection(
        user=alex_checked.user,
        text="How they listen.",
        now=timezone.now() + timedelta(seconds=1),
    )

    items = section(client_for(alex_checked).get(HOME), "rituals-reflections").find_all("li")

    assert ["How they listen." in items[0].text(), "The first summer." in items[1].text()] == [
        True,
        True,
    ]


def test_before_the_safety_check_the_page_explains_and_offers_no_forms(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)

    doc = html_of(response)
    notice = doc.one("aside", class_="rituals-locked")
    assert "Before you add new ones, please answer the short safety check" in notice.text()
    assert notice.one("a").attrs["href"] == "/safety/check/"
    assert doc.find("form", {"action": "/rituals/done/"}) is None
    assert "/rituals/new/" not in {a.attrs["href"] for a in doc.find_all("a")}


def test_under_a_safety_lock_saved_rows_stay_and_can_be_deleted(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    tea = ritual(alex)
    lock_with_an_order(alex)

    response = client_for(alex).get(HOME)

    doc = html_of(response)
    notice = doc.one("aside", class_="rituals-locked")
    assert "switched off for now" in notice.text()
    assert notice.one("a").attrs["href"] == "/safety/path/"
    assert "Tea after work" in main_text(response)
    assert doc.find("form", {"action": "/rituals/done/"}) is None
    assert f"/rituals/{tea.id}/delete/" in {a.attrs["href"] for a in doc.find_all("a")}


def test_another_persons_rituals_never_show(
    alex_checked: Persona, sam: Persona, client_for: ClientFor
) -> None:
    ritual(sam, "Sam's ritual")
    services.log_time(user=sam.user, minutes=90, what="Sam's walk.")
    services.add_reflection(user=sam.user, text="Sam's memory.")

    response = client_for(alex_checked).get(HOME)

    assert "Sam's" not in main_text(response)
    assert "This week: 0 minutes." in section(response, "rituals-time").text()


def test_the_page_needs_no_script_or_style_and_is_never_cached(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    ritual(alex_checked)

    response = client_for(alex_checked).get(HOME)

    doc = html_of(response)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]


def test_a_long_history_costs_no_more_queries(alex_checked: Persona, client_for: ClientFor) -> None:
    client = client_for(alex_checked)
    tea = ritual(alex_checked)
    services.log_time(user=alex_checked.user, minutes=10)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    walk = ritual(alex_checked, "Walk", "weekly")
    for days_ago in range(730):
        day = timezone.localdate() - timedelta(days=days_ago)
        services.mark_done(ritual=tea, day=day)
        if days_ago % 7 == 0:
            services.mark_done(ritual=walk, day=day)
            services.log_time(user=alex_checked.user, minutes=30, day=day)

    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)

    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_summary_card_shows_rituals_and_minutes(alex_checked: Persona) -> None:
    tea = ritual(alex_checked)
    ritual(alex_checked, "Walk", "weekly")
    services.mark_done(ritual=tea)
    services.log_time(user=alex_checked.user, minutes=35)

    html = render_to_string(
        "rituals/card.html", {"card": selectors.summary_card(alex_checked.user)}
    )

    doc = parse(html)
    assert doc.one("h2").text() == "Rituals and time together"
    assert "1 of 2 rituals done for now." in doc.text()
    assert "Time together this week: 35 minutes." in doc.text()
    assert doc.one("a").attrs["href"] == "/rituals/"
