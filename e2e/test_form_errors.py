"""A form sent back with errors tells a screen reader which field is wrong and why.

WCAG 3.3.1 and 1.3.1: each field's error is tied to its box (aria-invalid="true" and
aria-describedby naming the error) or to the fieldset around its radio buttons, so the error
is read out with the field. Each form here is sent empty or wrong, with the browser's own
checks turned off so the server's messages are the ones shown, and every error on the page
that comes back must be tied to its field (e2e/a11y.py, untied_errors).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.a11y import untied_errors
from e2e.conftest import NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check

# (the page, what to fill first: label -> words, the button that sends the form)
LOGGED_IN_FORMS: list[tuple[str, dict[str, str], str]] = [
    ("/start/", {}, "Save and continue"),
    ("/checkin/", {}, "Save today's check-in"),
    ("/journal/new/", {"Title (optional)": "Only a title"}, "Save"),
    ("/space/urges/", {"What set it off? (optional)": "A song"}, "Save this urge"),
    ("/space/slips/", {}, "Save this slip"),
    ("/space/plan/", {}, "Save my cool-down"),
    ("/coach/", {}, "Check my message"),
    ("/program/want_them_back/motive_check/", {}, "Save my answers"),
    ("/program/reach_out/response_log/", {}, "Save this entry"),
    ("/trust/entries/new/deposit/", {}, "Save"),
    ("/partner/", {"Invite code": "not a code"}, "Pair with my partner"),
    ("/accounts/password/", {}, "Change password"),
    ("/safety/check/harm/", {}, "Continue"),
    (
        "/accounts/delete/",
        {"Type the words shown above": "keep it all"},
        "Delete my account and everything in it",
    ),
]


def _send_without_browser_checks(page: Page, fill: dict[str, str], button: str) -> None:
    """Fill what is asked, turn off the browser's own checks (required, type=email...) so
    the server decides, then press the form's button."""
    page.evaluate("() => document.querySelectorAll('form').forEach((f) => (f.noValidate = true))")
    main = page.get_by_role("main")
    for label, words in fill.items():
        main.get_by_label(label, exact=True).fill(words)
    main.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_every_form_ties_its_errors_to_its_fields(page: Page) -> None:
    sign_up(page)
    take_safety_check(page, PageChecks(), partner="Sam")

    problems: list[str] = []
    for path, fill, button in LOGGED_IN_FORMS:
        page.goto(path)
        if not page.get_by_role("main").get_by_role("button", name=button, exact=True).count():
            problems.append(f"{path}: no {button!r} button")
            continue
        _send_without_browser_checks(page, fill, button)
        shown, untied = untied_errors(page)
        if not shown:
            problems.append(f"{path}: sending it empty showed no field error")
        problems.extend(f"{path}: {problem}" for problem in untied)

    assert not problems, "\n".join(problems)


def test_sign_up_and_log_in_errors_are_tied_to_their_fields(new_context: NewContext) -> None:
    page = new_context().new_page()
    page.goto("/accounts/signup/")
    _send_without_browser_checks(page, {"Email": "not an email"}, "Create account")
    shown, untied = untied_errors(page)
    assert shown and not untied, untied
    email = page.locator("input[name=email]")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = (email.get_attribute("aria-describedby") or "").split()
    said = " ".join(page.locator(f"#{ref}").inner_text() for ref in described_by)
    assert "email" in said.lower(), said

    page.goto("/accounts/login/")
    _send_without_browser_checks(page, {}, "Log in")
    shown, untied = untied_errors(page)
    assert shown and not untied, untied


def test_the_check_catches_an_error_that_is_not_tied_to_its_field(page: Page) -> None:
    """The forms above pass; this proves the check would fail on a form that does not."""
    page.set_content(
        "<html lang='en'><body><main><form>"
        "<label for='a'>Name</label><input id='a' name='a'>"
        "<div class='field-errors' id='a_error'><p>Write your name.</p></div>"
        "<label for='b'>Email</label><input id='b' name='b' aria-invalid='true'>"
        "</form></main></body></html>"
    )

    shown, untied = untied_errors(page)

    assert shown == 1
    assert untied == [
        '"Write your name." is not named by any field\'s aria-describedby',
        "input[b] is aria-invalid but describes no error",
    ]
