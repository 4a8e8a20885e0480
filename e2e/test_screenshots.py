"""The README's screenshots, taken from the current UI on every `make e2e`.

The dashboard, the coach with a draft analysed and the space tracker come from a demo
account with weeks of sample data (`heartwork demo`, run with the server's own settings);
the crisis card from a fresh account whose safety check says crisis. Each is taken on a
phone (360x740) and on a desktop (1280x900) into docs/screenshots/.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.serving import Deployment

from e2e.conftest import (
    DESKTOP,
    MOBILE,
    PASSWORD,
    SCREENSHOTS,
    Account,
    NewContext,
    log_in,
    screenshot,
    sign_up,
)
from e2e.journeys import COACH_TIMEOUT_MS, PageChecks, take_safety_check

SIZES = {"mobile": MOBILE, "desktop": DESKTOP}
DEMO = (sys.executable, "-m", "heartwork", "demo")
DRAFT = "I'm sorry, but you never listened to me. You always make everything about you."
# What the tests below take, each at every size: the README shows exactly these.
TAKEN = ("dashboard", "coach", "space", "crisis-card")
README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_shows_every_screenshot_taken_here_and_no_other() -> None:
    shown = set(re.findall(r"!\[[^\]]+\]\(docs/screenshots/([^)]+\.png)\)", README.read_text()))
    taken = {f"{name}-{size}.png" for name in TAKEN for size in SIZES}

    assert shown == taken
    assert {path.name for path in SCREENSHOTS.glob("*.png")} == taken


@pytest.fixture(scope="module")
def demo_account(deployment: Deployment) -> Account:
    """A demo account made by `heartwork demo`, with the email and password we choose."""
    account = Account(f"demo-{secrets.token_hex(4)}@example.org", PASSWORD)
    done = subprocess.run(
        [*DEMO, "--email", account.email, "--password", account.password],
        env=deployment.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert account.email in done.stdout, done.stdout
    return account


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_demo_account(
    new_context: NewContext, demo_account: Account, size: str
) -> None:
    checks = PageChecks()
    page = new_context(viewport=SIZES[size]).new_page()
    log_in(page, demo_account)
    expect(page.get_by_role("button", name="Log out")).to_be_attached()

    page.goto("/")
    checks.visit(page)
    screenshot(page, f"dashboard-{size}")

    # The demo's safety check leaves coaching open (a red lock would send it to the safety path).
    page.goto("/coach/")
    expect(page).to_have_url(re.compile(r"/coach/$"))
    page.get_by_label("Your message").fill(DRAFT)
    page.get_by_label("What kind of message is it?").select_option(label="An apology")
    page.get_by_role("button", name="Check my message").click(timeout=COACH_TIMEOUT_MS)
    notes = page.get_by_role("region", name="What the coach noticed")
    expect(notes.get_by_role("heading", name="What may work against you")).to_be_visible(
        timeout=COACH_TIMEOUT_MS
    )
    expect(notes.get_by_role("listitem").filter(has_text="But undo")).to_be_visible()
    checks.visit(page, "/coach/ (a draft analysed)")
    # The notes sit below the form: start the picture at them.
    notes.evaluate("(panel) => panel.scrollIntoView({block: 'start'})")
    screenshot(page, f"coach-{size}")

    page.goto("/space/")
    days = page.get_by_role("region", name="Days of space", exact=True)
    expect(days).to_be_visible()
    checks.visit(page)
    if size == "mobile":  # below the menu and the introduction on a phone
        days.evaluate("(section) => section.scrollIntoView({block: 'start'})")
    screenshot(page, f"space-{size}")

    checks.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_screenshot_of_the_crisis_card(new_context: NewContext, size: str) -> None:
    checks = PageChecks()
    page: Page = new_context(viewport=SIZES[size]).new_page()
    sign_up(page)
    page.goto("/help/")
    page.get_by_label("Your country", exact=True).select_option(label="United Kingdom")
    page.get_by_role("button", name="Save my country").click()
    take_safety_check(
        page,
        checks,
        answers={"hurting yourself or ending your life": "Yes", "how you would do it": "Yes"},
    )
    page.goto("/")
    expect(page.get_by_role("alertdialog")).to_be_visible()
    checks.visit(page, "/ (crisis card)")
    screenshot(page, f"crisis-card-{size}")
    checks.assert_clean()
