"""The red path: a no-contact order turns every reconnection feature off, and leaving is quick.

docs/safety.md: an order is `red`; every reconnection feature for that partner is off,
everywhere (the reach-out stage, the coach, partner invites, rituals and time together), and
the safety path with its help lines replaces it. The Exit button and three
Shift presses open a weather page and replace Heartwork's entry in the history.
"""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page, Route, expect

from e2e.conftest import NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check

WEATHER = re.compile(r"^https://www\.bbc\.com/weather")


def _offline_weather(context: BrowserContext) -> None:
    """The test machine has no internet: the weather page is answered locally."""

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>Sunny")

    context.route(WEATHER, fulfil)


def test_a_protection_order_locks_reconnection_everywhere_and_shows_the_safety_path(
    page: Page,
) -> None:
    checks = PageChecks()
    sign_up(page)
    take_safety_check(page, checks, partner="Alex", answers={"court order": "Yes"})

    expect(page.get_by_role("region", name="Where things stand")).to_contain_text("is switched off")
    page.get_by_role("link", name="What Heartwork offers you instead").first.click()
    expect(page.get_by_role("heading", name="Respecting a boundary")).to_be_visible()
    expect(page.get_by_role("link", name="Help lines", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Write in your journal")).to_be_visible()
    checks.visit(page)

    # The reach-out stage shows why it is locked, and its exercises refuse to open.
    page.goto("/program/")
    checks.visit(page)
    reach_out = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Reach out gently")
    )
    expect(reach_out).to_contain_text("Locked")
    reach_out.get_by_role("link", name="Reach out gently").click()
    locked = page.get_by_role("region", name="This stage is locked for now")
    expect(locked).to_contain_text("switched off")
    expect(page.get_by_role("link", name=re.compile("My first message"))).to_have_count(0)
    checks.visit(page)

    response = page.goto("/program/reach_out/first_message/")
    assert response is not None and response.status == 403
    expect(page.get_by_label("Your message.")).to_have_count(0)
    expect(page.get_by_role("button", name="Save my answers")).to_have_count(0)
    checks.visit(page, "/program/reach_out/first_message/ (403)")

    # The coach sends the person to the safety path instead of coaching a message.
    page.get_by_role("link", name="Coach", exact=True).click()
    expect(page).to_have_url(re.compile(r"/safety/path/$"))
    expect(page.get_by_label("Your message")).to_have_count(0)

    # Partner mode offers no invite.
    page.get_by_role("link", name="Partner", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Make an invite")).to_have_count(0)
    checks.visit(page, "/partner/ (red)")

    # Rituals and time together are done as a couple: adding is paused, and the form's
    # address leads to the safety path.
    page.goto("/rituals/")
    expect(page.get_by_role("complementary", name="Adding new things is paused")).to_contain_text(
        "switched off"
    )
    checks.visit(page, "/rituals/ (red)")
    page.goto("/rituals/new/")
    expect(page).to_have_url(re.compile(r"/safety/path/$"))

    # The trust ledger stays open (it is the person's own record), and says why.
    page.goto("/trust/")
    expect(page.get_by_role("complementary", name="Why this page is still open")).to_contain_text(
        "switched off"
    )
    checks.visit(page, "/trust/ (red)")

    # The help lines are one tap from the safety path.
    page.goto("/safety/path/")
    page.get_by_role("link", name="All help lines").click()
    expect(page.get_by_role("heading", name="Help", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Find A Helpline")).first).to_be_visible()
    checks.visit(page)

    checks.assert_clean()


def test_the_exit_button_leaves_for_a_weather_page_that_back_does_not_undo(
    new_context: NewContext,
) -> None:
    context = new_context()
    _offline_weather(context)
    page = context.new_page()
    sign_up(page)
    page.goto("/journal/")
    page.goto("/safety/path/")
    history_before = page.evaluate("() => history.length")

    page.get_by_role("link", name="Exit this page quickly").click()
    expect(page).to_have_url(WEATHER)
    # The page was replaced, not added to: Back never shows the page that was open.
    assert page.evaluate("() => history.length") == history_before
    page.go_back()
    assert "/safety/path/" not in page.url


def test_three_shift_presses_leave_even_while_typing_but_capitals_do_not(
    new_context: NewContext,
) -> None:
    context = new_context(viewport={"width": 1280, "height": 900})
    _offline_weather(context)
    page = context.new_page()
    sign_up(page)
    page.goto("/space/urges/")
    box = page.get_by_label("What set it off? (optional)")
    box.click()
    # Capital letters are Shift with another key: they never count.
    box.press_sequentially("I Am OK")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift+B")
    expect(page).to_have_url(re.compile(r"/space/urges/$"))
    expect(box).to_have_value("I Am OKAB")
    history_before = page.evaluate("() => history.length")

    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(WEATHER)
    assert page.evaluate("() => history.length") == history_before
    page.go_back()
    assert not page.url.endswith("/space/urges/")
