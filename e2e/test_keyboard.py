"""Keyboard only: a core flow done with Tab, Shift+Tab, Enter, Space and the arrow keys.

Log in, write a journal entry, do the daily check-in and note an urge without once using
the mouse: every link, box and button on the way must be reachable in tab order and work
from the keyboard (WCAG 2.1.1). Focus must also stay visible at each stop (checked on
every page by test_every_page.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.a11y import focused_name, press_enter_and_wait, tab_to
from e2e.conftest import Account, NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check


def _log_in_by_keyboard(page: Page, account: Account) -> None:
    page.goto("/accounts/login/")
    tab_to(page, "Email")
    page.keyboard.type(account.email)
    tab_to(page, "Password")
    page.keyboard.type(account.password)
    press_enter_and_wait(page)  # Enter in a form's box submits the form


def test_log_in_journal_check_in_and_urge_with_the_keyboard_only(
    new_context: NewContext,
) -> None:
    # Set-up, not under test: an account that has taken the safety check.
    setup = new_context().new_page()
    account = sign_up(setup)
    take_safety_check(setup, PageChecks())

    page = new_context().new_page()
    _log_in_by_keyboard(page, account)
    expect(page.get_by_role("button", name="Log out")).to_be_attached()

    # A journal entry: the menu, "New entry", the body, then back up to the title.
    tab_to(page, "Journal")
    press_enter_and_wait(page)
    tab_to(page, "New entry")
    press_enter_and_wait(page)
    tab_to(page, "What is on your mind?")
    page.keyboard.type("Typed without a mouse. The evening was quiet.")
    tab_to(page, "Title", backwards=True)
    page.keyboard.type("Keyboard only")
    tab_to(page, "Save")
    assert focused_name(page) == "Save"
    press_enter_and_wait(page)
    expect(page.get_by_role("status")).to_contain_text("Saved. Only you can read this.")
    expect(page.get_by_role("heading", name="Keyboard only")).to_be_visible()

    # Today's check-in: the mood is a radio group; arrows move the choice, Space keeps it.
    tab_to(page, "Today")
    press_enter_and_wait(page)
    tab_to(page, "How is your mood today?")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    expect(page.locator("input[name=mood]:checked")).to_have_value("3")
    tab_to(page, "Save today's check-in")
    press_enter_and_wait(page, "Space")  # a button works with Space as well as Enter
    expect(page.get_by_role("status")).to_contain_text("Thank you for checking in today")

    # An urge, from the Space page.
    tab_to(page, "Space")
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/space/$"))
    tab_to(page, "Note an urge")
    press_enter_and_wait(page)
    tab_to(page, "How strong was the urge?")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page.locator("input[name=strength]:checked")).to_have_value("6")
    tab_to(page, "What set it off?")
    page.keyboard.type("A song in the shop")
    tab_to(page, "Save this urge")
    press_enter_and_wait(page)
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("main")).to_contain_text("A song in the shop")
