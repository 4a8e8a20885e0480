"""Keyboard only: the journeys done with Tab, Shift+Tab, Enter, Space and the arrow keys.

Without once using the mouse: log in, write a journal entry, do the daily check-in and note
an urge; sign up, take the safety check, say where things stand and have the coach read a
first message; close the crisis card in its two steps and leave with the Exit link. Every
link, box and button on the way must be reachable in tab order and work from the keyboard
(WCAG 2.1.1). Focus must also stay visible at each stop (checked on every page by
test_every_page.py). Quick exit's Shift x3 is keyboard-only already (test_red_path.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

from e2e.a11y import answer_by_keyboard, focused_name, press_enter_and_wait, tab_to
from e2e.conftest import PASSWORD, Account, NewContext, sign_up, unique_email
from e2e.journeys import COACH_TIMEOUT_MS, ON_A_BREAK, SAFE_HERE, PageChecks, take_safety_check


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


def test_sign_up_safety_check_situation_and_coach_with_the_keyboard_only(page: Page) -> None:
    page.goto("/accounts/signup/")
    tab_to(page, "Email")
    page.keyboard.type(unique_email("keys"))
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    tab_to(page, "Password again")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", name="The safety check")).to_be_visible()

    # Each screen of the check: a radio group per question, a name box, "Continue".
    tab_to(page, "Start")
    press_enter_and_wait(page)
    while "/safety/check/" in page.url:
        answer_by_keyboard(
            page,
            answers={SAFE_HERE: "Yes"},
            default="No",
            texts={"What do you call them?": "Sam"},
            button="Continue",
        )
    expect(page.get_by_text("is open")).to_be_visible()

    # Where things stand: the same kind of form.
    tab_to(page, "Program")
    press_enter_and_wait(page)
    tab_to(page, "Tell us where things stand")
    press_enter_and_wait(page)
    answer_by_keyboard(
        page,
        answers=ON_A_BREAK,
        default="",
        button="Save and continue",
    )
    expect(page).to_have_url(re.compile(r"/start/plan/$"))

    # The coach: type a first message, pick its kind in the select with the arrow keys.
    tab_to(page, "Coach")
    press_enter_and_wait(page)
    tab_to(page, "Your message")
    page.keyboard.type("Hi Sam. I hope you are well. No need to reply.")
    tab_to(page, "What kind of message is it?")
    kind = page.get_by_label("What kind of message is it?")
    for _ in range(10):
        if kind.evaluate("(s) => s.selectedOptions[0].text") == "A first message after distance":
            break
        page.keyboard.press("ArrowDown")
    expect(kind.locator("option:checked")).to_have_text("A first message after distance")
    tab_to(page, "Check my message")
    press_enter_and_wait(page)
    notes = page.get_by_role("region", name="What the coach noticed")
    expect(notes.get_by_text("Read as: a first message after distance.")).to_be_visible(
        timeout=COACH_TIMEOUT_MS
    )


def test_the_crisis_card_closes_and_the_exit_link_leaves_with_the_keyboard_only(
    new_context: NewContext,
) -> None:
    context = new_context()

    def weather(route: Route) -> None:  # the machine has no internet
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>Sun")

    context.route(re.compile(r"^https://www\.bbc\.com/weather"), weather)
    page = context.new_page()
    # Set-up, not under test: an account whose safety check says crisis.
    sign_up(page)
    take_safety_check(
        page,
        PageChecks(),
        answers={"hurting yourself or ending your life": "Yes", "how you would do it": "Yes"},
    )

    page.goto("/journal/")
    expect(page.get_by_role("alertdialog")).to_be_visible()
    # The card holds the focus: the page behind it is inert, so Tab stays in the card.
    tab_to(page, "Close this card")
    press_enter_and_wait(page)
    tab_to(page, "Yes, close the card")
    press_enter_and_wait(page)
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("The card is closed.")

    # The Exit link is the second stop on every page, after "Skip to content".
    page.goto("/journal/")
    tab_to(page, "Exit this page quickly")
    press_enter_and_wait(page)
    expect(page).to_have_title("Weather")


def test_an_exercise_pairing_export_and_delete_with_the_keyboard_only(
    new_context: NewContext,
) -> None:
    # Set-up, not under test: two accounts that have taken the safety check.
    page = new_context().new_page()
    sign_up(page)
    take_safety_check(page, PageChecks(), partner="Kai")
    partner = new_context().new_page()
    sign_up(partner)
    take_safety_check(partner, PageChecks(), partner="Robin")

    # The motive check: scored questions (1 to 5, or never to very often).
    page.goto("/program/")
    tab_to(page, "Start “What do I miss?”")
    press_enter_and_wait(page)
    answer_by_keyboard(page, answers={}, default=("4", "Often"), button="Save my answers")
    expect(page.get_by_role("status").filter(has_text=re.compile("saved", re.I))).to_be_visible()

    # Pairing: one makes an invite, the other types its code.
    tab_to(page, "Partner")
    press_enter_and_wait(page)
    tab_to(page, "Make an invite")
    press_enter_and_wait(page)
    code = page.get_by_label("Code", exact=True).input_value()
    partner.goto("/")
    tab_to(partner, "Partner")
    press_enter_and_wait(partner)
    tab_to(partner, "Invite code")
    partner.keyboard.type(code)
    tab_to(partner, "Pair with my partner")
    press_enter_and_wait(partner)
    expect(partner.get_by_role("region", name="You are paired")).to_be_visible()

    # Download everything (the password was typed at sign-up, minutes ago), then delete.
    tab_to(page, "Account")
    press_enter_and_wait(page)
    tab_to(page, "Download your data")
    press_enter_and_wait(page)
    tab_to(page, "Download the zip file")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".zip")

    page.goto("/accounts/")
    tab_to(page, "Delete your account")
    press_enter_and_wait(page)
    tab_to(page, "Type the words shown above")
    page.keyboard.type("delete everything")
    tab_to(page, "Delete my account and everything in it")
    press_enter_and_wait(page)
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    partner.goto("/partner/")
    expect(partner.get_by_role("region", name="You are paired")).to_have_count(0)
