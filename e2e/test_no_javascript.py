"""With JavaScript turned off, the core flows still work: htmx and the small scripts only
enhance plain links and forms that post to the server (issue 9, "mobile first").

Sign-up, the safety check, the daily check-in, a journal entry, an urge, a slip, a program
exercise (the motive check and its result), the coach's analysis of a draft (the form posts
and the page shows the result) and quick exit (a plain link to a neutral page). The
language switch works without JavaScript too (test_spanish.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

from e2e.conftest import NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check

COACH_TIMEOUT_MS = 60_000


class _NoScan(PageChecks):
    """The axe scan runs a script in the page, which a page without JavaScript cannot do
    (test_every_page.py scans every page with scripts on)."""

    def visit(self, page: Page, label: str = "") -> None:
        page.wait_for_load_state()


def test_the_core_flows_work_with_javascript_disabled(new_context: NewContext) -> None:
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    sign_up(page)
    expect(page.get_by_role("button", name="Log out")).to_be_attached()
    take_safety_check(page, _NoScan())

    page.goto("/checkin/")
    page.get_by_role("group", name="How is your mood today?").get_by_label(
        "3", exact=False
    ).first.check()
    page.get_by_role("button", name="Save today's check-in").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for checking in today")

    page.goto("/journal/new/")
    page.get_by_label("Title (optional)").fill("Without scripts")
    page.get_by_label("What is on your mind?").fill("The page works with JavaScript off.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved. Only you can read this.")
    expect(page.get_by_role("heading", name="Without scripts")).to_be_visible()

    page.goto("/space/urges/")
    page.get_by_role("group", name="How strong was the urge?").locator("input[value='4']").check()
    page.get_by_label("What set it off? (optional)").fill("An old photo")
    page.get_by_role("button", name="Save this urge").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("main")).to_contain_text("An old photo")

    page.goto("/space/slips/")
    page.get_by_role("group", name="How were you in touch?").get_by_label(
        "A message or chat"
    ).check()
    page.get_by_role("button", name="Save this slip").click()
    expect(page.get_by_role("status")).to_contain_text("Your days without contact")

    # A program exercise: the motive check's answers post and its result comes back.
    page.goto("/program/want_them_back/motive_check/")
    for group in page.get_by_role("main").get_by_role("group").all():
        often = group.get_by_role("radio", name="Often", exact=True)
        (often if often.count() else group.get_by_role("radio").nth(3)).check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("status").filter(has_text=re.compile("saved", re.I))).to_be_visible()

    page.goto("/coach/")
    page.get_by_label("Your message").fill("I'm sorry, but you never listened to me.")
    page.get_by_label("What kind of message is it?").select_option(label="An apology")
    page.get_by_role("button", name="Check my message").click(timeout=COACH_TIMEOUT_MS)
    notes = page.get_by_role("region", name="What the coach noticed")
    expect(notes).to_contain_text(re.compile(r"but", re.I), timeout=COACH_TIMEOUT_MS)

    # Quick exit is a real link: without its script it still leaves (the neutral page is
    # answered locally, the machine has no internet).
    exit_link = page.get_by_role("link", name="Exit this page quickly")
    target = exit_link.get_attribute("href") or ""
    assert target.startswith("https://")

    def neutral(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<title>Elsewhere</title>Hi")

    context.route(re.compile("^" + re.escape(target)), neutral)
    exit_link.click()
    expect(page).to_have_url(re.compile("^" + re.escape(target)))
    expect(page).to_have_title("Elsewhere")
