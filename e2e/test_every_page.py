"""Every page, on a phone (360x740) and a desktop (1280x900): accessible and usable.

The pages come from the inventory in tests/web/test_query_counts.py (PAGES, and the
couples pages that need a pairing): a page added there fails
test_every_inventoried_page_is_checked_here until it is listed below too. Logged-in pages
are opened as a `heartwork demo` account (weeks of data, so lists, charts and tables are
full); the couples pages as two demo accounts paired through the partner page.

On each page: axe-core finds nothing serious or critical, <html lang> is set, every tap
target is at least 44x44 CSS px (links in running text are exempt), tabbing to each control
visibly changes its outline or shadow, and on the phone nothing scrolls sideways and, as
the phone asks for reduced motion, nothing is animated. The public and logged-in pages are
checked once more in Spanish on the phone, whose longer words are the likelier to overflow. All
problems are collected and reported together, page by page.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.serving import Deployment

from e2e.a11y import check_page
from e2e.conftest import DESKTOP, MOBILE, PASSWORD, Account, NewContext, log_in, unique_email

INVENTORY = Path(__file__).resolve().parent.parent / "tests" / "web" / "test_query_counts.py"
SIZES = {"phone": MOBILE, "desktop": DESKTOP}
# The phone asks for reduced motion (and the motion check runs there); the desktop does not.
MOTION = {"phone": "reduce", "desktop": "no-preference"}
DEMO = (sys.executable, "-m", "heartwork", "demo")

# A page's address: fixed, or found by following the first link that matches a pattern on
# another page (the demo's newest journal entry, urge, draft...).
Where = str | tuple[str, str]

PAGES: dict[str, Where] = {
    "web:home": "/",
    "help": "/help/",
    "accounts:account": "/accounts/",
    "accounts:password_change": "/accounts/password/",
    "accounts:confirm": "/accounts/confirm/",
    "journal:list": "/journal/",
    "journal:new": "/journal/new/",
    "journal:detail": ("/journal/", r"^/journal/[0-9a-f-]{36}/$"),
    "journal:edit": ("/journal/", r"^/journal/[0-9a-f-]{36}/$"),  # + "edit/" below
    "coach:page": "/coach/",
    "coach:drafts": "/coach/drafts/",
    "coach:draft": ("/coach/drafts/", r"^/coach/drafts/[0-9a-f-]{36}/$"),
    "safety:home": "/safety/",
    "safety:check": "/safety/check/",
    "safety:check_partner": "/safety/check/partner/",
    "safety:screen": "/safety/check/harm/",
    "safety:path": "/safety/path/",
    "program:dashboard": "/program/",
    "program:stage": "/program/space/",
    "program:ready": "/program/space/ready/",
    "program:exercise": "/program/space/urge_log/",
    "onboarding:situation": "/start/",
    "onboarding:plan": "/start/plan/",
    "wellbeing:home": "/wellbeing/",
    "wellbeing:check": ("/wellbeing/", r"^/wellbeing/[a-z0-9_-]+/$"),
    "checkin:page": "/checkin/",
    "space:home": "/space/",
    "space:plan": "/space/plan/",
    "space:now": "/space/now/",
    "space:urges": "/space/urges/",
    "space:urge_edit": ("/space/urges/", r"^/space/urges/[0-9a-f-]{36}/edit/$"),
    "space:slips": "/space/slips/",
    "space:slip_edit": ("/space/slips/", r"^/space/slips/[0-9a-f-]{36}/edit/$"),
    "space:social_checks": "/space/social-checks/",
    "space:letters": "/space/letters/",
    "space:letter": ("/space/letters/", r"^/space/letters/[0-9a-f-]{36}/$"),
    "space:letter_edit": ("/space/letters/", r"^/space/letters/[0-9a-f-]{36}/$"),  # + "edit/"
    "trust:home": "/trust/",
    "trust:entries": "/trust/entries/",
    "trust:entry_new": "/trust/entries/new/deposit/",
    "trust:commitment_new": "/trust/commitments/new/",
    "trust:commitment_edit": ("/trust/", r"^/trust/commitments/[0-9a-f-]{36}/$"),
    "rituals:home": "/rituals/",
    "rituals:new": "/rituals/new/",
    "rituals:time": "/rituals/time/",
    "rituals:reflection": "/rituals/reflection/",
    "reminders:home": "/reminders/",
    "couples:home": "/partner/",
    "couples:join": "/partner/join/ABCD-EFGH-JKMN-PQRS/",
    "privacy:export": "/accounts/export/",
    "privacy:delete": "/accounts/delete/",
    "agreements:home": "/agreements/",
    "agreements:print": "/agreements/print/",
    "agreements:section": ("/agreements/", r"^/agreements/[a-z0-9_-]+/$"),
}
EDIT_OF = {"journal:edit", "space:letter_edit"}

# The pages that exist only while paired (NOT_PAGES there says "only while paired").
PAIRED_PAGES: dict[str, Where] = {
    "couples:home": "/partner/",
    "couples:shared": "/partner/shared/",
    "couples:exercise": ("/partner/shared/", r"^/partner/shared/[a-z0-9_-]+/$"),
    "couples:ledger": "/partner/ledger/",
}

PUBLIC_PAGES = {
    "welcome": "/",
    "log in": "/accounts/login/",
    "sign up": "/accounts/signup/",
    "help": "/help/",
}

Problems = dict[str, dict[str, list[str]]]


def _inventory() -> tuple[set[str], set[str]]:
    """The keys of PAGES in test_query_counts.py, and its NOT_PAGES needing a pairing.

    Read with ast rather than imported: importing it needs Django set up, which the
    browser tests' process does not do.
    """
    tree = ast.parse(INVENTORY.read_text(encoding="utf-8"))
    found: dict[str, ast.Dict] = {}
    target: ast.expr
    value: ast.expr | None
    for node in tree.body:
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and isinstance(value, ast.Dict):
            found[target.id] = value

    def keys(d: ast.Dict, keep: Callable[[ast.expr], bool] = lambda v: True) -> set[str]:
        return {
            k.value
            for k, v in zip(d.keys, d.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and keep(v)
        }

    def needs_pairing(value: ast.expr) -> bool:
        return isinstance(value, ast.Constant) and str(value.value).startswith("only while paired")

    return keys(found["PAGES"]), keys(found["NOT_PAGES"], needs_pairing)


def make_demo(deployment: Deployment) -> Account:
    """`heartwork demo` with the server's own settings: an account with weeks of history."""
    account = Account(unique_email("demo"), PASSWORD)
    done = subprocess.run(
        [*DEMO, "--email", account.email, "--password", account.password, "--weeks", "4"],
        env=deployment.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return account


def resolve(page: Page, where: Where) -> str:
    if isinstance(where, str):
        return where
    start, pattern = where
    page.goto(start)
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    match = next((h for h in hrefs if re.match(pattern, h.split("#")[0])), None)
    assert match, f"no link matching {pattern} on {start}"
    return match.split("#")[0]


def visit_all(
    page: Page, pages: dict[str, Where], *, phone: bool, edits: set[str], focus: bool = True
) -> Problems:
    problems: Problems = {}
    for name, where in pages.items():
        url = resolve(page, where) + ("edit/" if name in edits else "")
        response = page.goto(url)
        assert response is not None and response.status < 400, f"{name} {url}: {response}"
        found = check_page(page, phone=phone, reduced_motion=phone, focus=focus)
        if found:
            problems[f"{name} ({url})"] = found
    return problems


def report(problems: Problems) -> str:
    lines = []
    for where, checks in problems.items():
        lines.append(where)
        for check, found in checks.items():
            lines.extend(f"  {check}: {item}" for item in found)
    return "\n".join(lines)


def write_a_letter(page: Page) -> None:
    """The demo writes no unsent letter; the letter pages need one."""
    page.goto("/space/letters/")
    if page.locator('main a[href^="/space/letters/"][href$="-"], main li a').count():
        return
    page.goto("/space/now/")
    form = page.locator("form.space-form")
    form.locator("textarea").fill("A letter I will not send: I miss the mornings.")
    form.get_by_role("button", name="Keep this letter").click()
    page.wait_for_load_state()


def pair(first: Page, second: Page) -> None:
    first.goto("/partner/")
    first.get_by_role("button", name="Make an invite").click()
    code = first.get_by_label("Code", exact=True).input_value()
    second.goto("/partner/")
    second.get_by_label("Invite code").fill(code)
    second.get_by_role("button", name="Pair with my partner").click()
    expect(second.get_by_role("region", name="You are paired")).to_be_visible()


# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(deployment: Deployment) -> Account:
    return make_demo(deployment)


@pytest.fixture(scope="module")
def demo_in_spanish(deployment: Deployment) -> Account:
    """A demo account of its own: switching it to Spanish must not change the others."""
    return make_demo(deployment)


@pytest.fixture(scope="module")
def couple(deployment: Deployment) -> tuple[Account, Account]:
    return make_demo(deployment), make_demo(deployment)


def test_every_inventoried_page_is_checked_here() -> None:
    pages, paired = _inventory()

    assert pages == set(PAGES), "list the new page in PAGES here"
    assert paired == set(PAIRED_PAGES) - {"couples:home"}, "list it in PAIRED_PAGES here"


@pytest.mark.parametrize("size", SIZES)
def test_public_pages(new_context: NewContext, size: str) -> None:
    page = new_context(viewport=SIZES[size], reduced_motion=MOTION[size]).new_page()

    problems = visit_all(page, dict(PUBLIC_PAGES), phone=size == "phone", edits=set())

    assert not problems, report(problems)


@pytest.mark.parametrize("size", SIZES)
def test_every_logged_in_page(new_context: NewContext, demo: Account, size: str) -> None:
    page = new_context(viewport=SIZES[size], reduced_motion=MOTION[size]).new_page()
    log_in(page, demo)
    expect(page.get_by_role("button", name="Log out")).to_be_attached()
    write_a_letter(page)

    problems = visit_all(page, PAGES, phone=size == "phone", edits=EDIT_OF)

    assert not problems, report(problems)


def test_every_page_in_spanish_on_a_phone(
    new_context: NewContext, demo_in_spanish: Account
) -> None:
    """Spanish words are longer than English ones: every page again, in Spanish, at
    360 x 740, for sideways scroll, tap targets, motion and axe. (Focus does not depend
    on the words; the phone run above checks it.)"""
    page = new_context(viewport=MOBILE, reduced_motion="reduce", locale="es-ES").new_page()
    logged_out = visit_all(page, dict(PUBLIC_PAGES), phone=True, edits=set(), focus=False)
    problems = {f"logged out: {where}": found for where, found in logged_out.items()}

    log_in(page, demo_in_spanish)
    write_a_letter(page)
    page.goto("/accounts/")
    page.get_by_label("Language", exact=True).select_option("es")
    page.get_by_role("button", name="Save language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    problems |= visit_all(page, PAGES, phone=True, edits=EDIT_OF, focus=False)

    assert not problems, report(problems)


@pytest.mark.parametrize("size", SIZES)
def test_couples_pages_while_paired(
    new_context: NewContext, couple: tuple[Account, Account], size: str
) -> None:
    first = new_context(viewport=SIZES[size], reduced_motion=MOTION[size]).new_page()
    second = new_context(viewport=SIZES[size], reduced_motion=MOTION[size]).new_page()
    log_in(first, couple[0])
    log_in(second, couple[1])
    first.goto("/partner/")
    if first.get_by_role("region", name="You are paired").count() == 0:
        pair(first, second)

    problems = visit_all(first, PAIRED_PAGES, phone=size == "phone", edits=set())

    assert not problems, report(problems)


def test_the_checks_catch_small_targets_hidden_focus_motion_and_a_missing_lang(
    new_context: NewContext,
) -> None:
    """The checks above pass on every page; this proves they would fail on a bad one."""
    page = new_context(viewport=DESKTOP, reduced_motion="reduce").new_page()
    page.set_content(
        "<html><head><style>@keyframes pulse { to { opacity: 0.5; } }</style></head><body>"
        "<button style='width:20px;height:20px;outline:none'>x</button>"
        "<p>Read <a href='#'>this note</a> before you go on.</p>"
        "<p><a href='#' style='outline:none'>Alone</a></p>"
        "<p style='transition: opacity 0.3s'>Fading</p>"
        "<p style='animation: pulse 2s infinite'>Pulsing</p>"
        "</body></html>"
    )

    found = check_page(page, phone=False, reduced_motion=True)

    assert found["lang"] == ["<html> has no lang"]
    assert any('button "x"' in item for item in found["tap targets"])
    assert any('a "Alone"' in item for item in found["tap targets"])
    assert not any("this note" in item for item in found["tap targets"])
    assert any('button "x"' in item for item in found["focus"])
    assert any('a "Alone"' in item for item in found["focus"])
    assert any('p "Fading" has a 0.3s transition' in item for item in found["motion"])
    assert any('p "Pulsing"' in item for item in found["motion"])
