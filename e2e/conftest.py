"""Browser tests: Debian's Chromium, driven by Playwright, against a real `heartwork serve`.

Run with `make e2e` (not part of `make test`: it needs the chromium package, which
.ci/run installs with apt, and axe-core from npm, which `make e2e` installs with npm ci).
Nothing here downloads a browser: Playwright is pointed at /usr/bin/chromium.

Each pytest worker starts one server with its own data dir (and, under DATABASE_URL,
its own scratch PostgreSQL database) and one browser; each test gets fresh browser
contexts, so cookies never leak between tests.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from tests.serving import Deployment, Server, scratch_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HEARTWORK_E2E_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "a long and private passphrase 7"

# The machine has no internet: without these, Chromium keeps trying to reach Google's
# services at start-up and fills the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

MOBILE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

expect.set_options(timeout=10_000)


class BrowserTestDeployment(Deployment):
    """Production settings, except that every journey signs up from the same loopback
    address: the sign-up limit (10 an hour per address) would refuse the later ones."""

    def env(self) -> dict[str, str]:
        env = super().env()
        env["HEARTWORK_RATE_LIMIT_SIGNUP"] = "1000/h"
        return env


@pytest.fixture(scope="session")
def deployment() -> Iterator[Deployment]:
    """The server's data dir, database and keys: `heartwork` commands run with its env()."""
    with tempfile.TemporaryDirectory(prefix="heartwork-e2e-") as tmp:
        data_dir = Path(tmp)
        with scratch_database(data_dir) as database_url:
            yield BrowserTestDeployment(data_dir=data_dir, database_url=database_url)


@pytest.fixture(scope="session")
def server(deployment: Deployment) -> Iterator[Server]:
    srv = Server(deployment, workers=2)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/run)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser, base_url: str) -> Iterator[NewContext]:
    """Fresh browser contexts (a phone by default); closed at the end of the test."""
    opened: list[BrowserContext] = []

    def make(
        *, viewport: dict[str, int] | None = None, locale: str = "en-GB", **options: Any
    ) -> BrowserContext:
        size = viewport or MOBILE
        context = browser.new_context(
            base_url=base_url,
            viewport=size,  # type: ignore[arg-type]
            locale=locale,
            timezone_id="Europe/London",
            is_mobile=size is MOBILE,
            has_touch=size is MOBILE,
            **options,
        )
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def page(new_context: NewContext) -> Page:
    return new_context().new_page()


def unique_email(prefix: str = "e2e") -> str:
    return f"{prefix}-{secrets.token_hex(4)}@example.org"


@dataclass
class Account:
    email: str
    password: str = PASSWORD


def sign_up(page: Page, email: str | None = None) -> Account:
    """Create an account through the sign-up page; leaves the browser logged in."""
    account = Account(email or unique_email())
    page.goto("/accounts/signup/")
    page.get_by_label("Email", exact=False).first.fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("input[name=password_again]").fill(account.password)
    page.locator("form").filter(has=page.locator("input[name=password_again]")).locator(
        "button[type=submit], input[type=submit]"
    ).first.click()
    page.wait_for_load_state()
    return account


def log_in(page: Page, account: Account) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit], input[type=submit]"
    ).first.click()
    page.wait_for_load_state()


# ---------------------------------------------------------------------------
# Accessibility: axe-core, from npm (package.json), injected without a CDN.

SERIOUS = {"serious", "critical"}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its serious and critical violations.

    The script is evaluated through the DevTools protocol, which the page's strict
    Content-Security-Policy does not apply to, so the CSP stays on during the scan.
    """
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `make e2e` (it runs npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        """async () => await window.axe.run(document, {
            runOnly: {type: 'tag', values: [
                'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice',
            ]},
            resultTypes: ['violations'],
        })"""
    )
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


def assert_accessible(page: Page) -> None:
    """No serious or critical axe violation on the current page; a readable report if any."""
    found = axe_violations(page)
    if found:
        report = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in found
        ]
        pytest.fail(f"axe on {page.url}:\n{json.dumps(report, indent=2)}")


def assert_no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"{page.url} scrolls sideways: {width}px wide at {viewport}px"


def screenshot(page: Page, name: str) -> None:
    """Save a screenshot for the README and docs (docs/screenshots/NAME.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
