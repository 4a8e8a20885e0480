"""Help in a crisis: one tap from every page, with numbers to call, and the crisis card.

docs/safety.md: every page links to the help page from its header ("Help" in discreet mode,
which every new account starts in); while the level is `crisis` a full-screen card with the
emergency number and crisis lines sits above every page and takes two steps to close.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check

# Pages a person may be on when they need help; the header is the same on each.
EVERY_KIND_OF_PAGE = [
    "/",
    "/safety/",
    "/program/",
    "/journal/",
    "/space/",
    "/space/urges/",
    "/checkin/",
    "/trust/",
    "/partner/",
    "/accounts/",
    "/accounts/export/",
]


def _save_country(page: Page, country: str) -> None:
    page.goto("/help/")
    page.get_by_label("Your country", exact=True).select_option(label=country)
    page.get_by_role("button", name="Save my country").click()
    page.wait_for_load_state()


def _tel_links(page: Page) -> list[str]:
    links = page.locator("a[href^='tel:']")
    hrefs = (links.nth(i).get_attribute("href") for i in range(links.count()))
    return [href for href in hrefs if href]


def test_help_lines_are_one_tap_from_every_page_with_numbers_to_call(page: Page) -> None:
    checks = PageChecks()
    sign_up(page)
    _save_country(page, "United Kingdom")
    checks.visit(page, "/help/ (United Kingdom)")

    for path in EVERY_KIND_OF_PAGE:
        page.goto(path)
        checks.visit(page)
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Help", exact=True
        ).click()
        expect(page).to_have_url(re.compile(r"/help/$"))
        expect(page.get_by_role("heading", name="Help", level=1)).to_be_visible()
        tel = _tel_links(page)
        assert tel, f"no number to call on the help page reached from {path}"
        assert "tel:999" in tel, tel  # the emergency number for the saved country

    checks.assert_clean()


def test_logged_out_pages_link_to_help_too(new_context: NewContext) -> None:
    page = new_context().new_page()
    checks = PageChecks()
    for path in ("/accounts/login/", "/accounts/signup/"):
        page.goto(path)
        checks.visit(page)
        page.get_by_role("link", name=re.compile(r"^(Get help|Help)$")).first.click()
        expect(page.get_by_role("heading", name="Help", level=1)).to_be_visible()
    page.goto("/help/?country=US")
    assert _tel_links(page), "no number to call for the United States"
    checks.visit(page, "/help/?country=US")
    checks.assert_clean()


def test_a_crisis_answer_shows_the_card_on_every_page_until_closed_in_two_steps(
    page: Page,
) -> None:
    checks = PageChecks()
    sign_up(page)
    _save_country(page, "United Kingdom")
    take_safety_check(
        page,
        checks,
        answers={"hurting yourself or ending your life": "Yes", "how you would do it": "Yes"},
    )

    for path in ("/program/", "/space/", "/journal/"):
        page.goto(path)
        card = page.get_by_role("alertdialog")
        expect(card).to_be_visible()
        expect(card.get_by_role("heading").first).to_be_visible()
        assert card.locator("a[href^='tel:']").count() >= 1, f"no number to call on {path}"
        expect(card.locator("a[href='tel:999']").first).to_be_attached()
        # The quick exit still sits above the card.
        expect(page.get_by_role("link", name="Exit this page quickly")).to_be_visible()
        checks.visit(page, f"{path} (crisis card)")

    # Closing takes two deliberate steps, and changes no level: a banner stays.
    page.get_by_role("alertdialog").get_by_role("button", name="Close this card").click()
    checks.visit(page, "/safety/crisis/close/ (step 1)")
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    page.get_by_role("button", name="Yes, close the card").click()
    page.goto("/program/")
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    assert _tel_links(page), "the crisis banner with its numbers should stay"
    checks.visit(page, "/program/ (crisis banner)")

    checks.assert_clean()
