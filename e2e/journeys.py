"""What the journeys share: the page checks collected along the way, and steps a person takes.

Every step finds what it clicks or fills by its role and its label, the way a screen reader
user would, so a journey that passes also proves that the pages are labelled.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page
from tests.serving import Deployment

from e2e.conftest import assert_accessible, assert_no_horizontal_scroll


@dataclass
class PageChecks:
    """The axe scan and the sideways-scroll check on every new page a journey visits.

    Problems are collected and asserted once at the end, so that one layout bug does
    not hide the rest of the journey (and the rest of the pages' problems).
    """

    seen: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def visit(self, page: Page, label: str = "") -> None:
        page.wait_for_load_state()
        where = label or urlsplit(page.url).path
        if where in self.seen:
            return
        self.seen.add(where)
        for check in (assert_accessible, assert_no_horizontal_scroll):
            try:
                check(page)
            except (AssertionError, pytest.fail.Exception) as problem:
                self.problems.append(f"[{where}] {problem}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


def choose(scope: Page | Locator, question: str, answer: str) -> None:
    """Tick the radio button labelled ``answer`` in the group named by ``question``.

    Only groups in the page's main content count: the header's "More" menu is a group too.
    """
    if isinstance(scope, Page):
        scope = scope.get_by_role("main")
    group = scope.get_by_role("group", name=re.compile(re.escape(question)))
    group.get_by_role("radio", name=answer, exact=True).check()


# ---------------------------------------------------------------------------
# The safety check: yes / no / not sure groups, screen after screen.

SAFE_HERE = "safe for you to use this app right now"


@dataclass(frozen=True)
class CheckWords:
    """The words the safety check's buttons and questions use, in one language."""

    start: str = "Start"
    yes: str = "Yes"
    no: str = "No"
    next: str = "Continue"
    partner_name: str = "What do you call them?"
    safe_here: str = SAFE_HERE


ENGLISH = CheckWords()
SPANISH = CheckWords(
    start="Empezar",
    yes="Sí",
    no="No",
    next="Continuar",
    partner_name="¿Cómo llamas a esa persona?",
    safe_here="seguro para ti usar esta app ahora mismo",
)


def take_safety_check(
    page: Page,
    checks: PageChecks,
    *,
    partner: str = "Sam",
    answers: dict[str, str] | None = None,
    words: CheckWords = ENGLISH,
) -> None:
    """Answer every screen that is due: "No" to each question unless ``answers`` says
    otherwise (a part of the question's wording -> the answer); "Yes" to using the app
    safely where one is. Ends on whatever page the check leads to. ``words`` are the
    buttons' and answers' words in the page's language."""
    answers = {words.safe_here: words.yes, **(answers or {})}
    page.goto("/safety/check/")
    checks.visit(page)
    page.get_by_role("link", name=words.start, exact=True).click()
    while "/safety/check/" in page.url:
        checks.visit(page)
        for group in page.get_by_role("main").get_by_role("group").all():
            wording = group.inner_text()
            reply = next((a for q, a in answers.items() if q in wording), words.no)
            group.get_by_role("radio", name=reply, exact=True).check()
        name_box = page.get_by_label(words.partner_name)
        if name_box.count():
            name_box.fill(partner)
        page.get_by_role("button", name=words.next).click()
        page.wait_for_load_state()
    checks.visit(page)


def answer_situation(
    page: Page, checks: PageChecks, save: str = "Save and continue", **answers: str
) -> None:
    """Where things stand (/start/): each keyword is a part of the question -> the answer;
    ``save`` is the button's words in the page's language."""
    page.goto("/start/")
    checks.visit(page)
    for question, answer in answers.items():
        choose(page, question, answer)
    page.get_by_role("button", name=save).click()
    page.wait_for_load_state()


# ---------------------------------------------------------------------------
# Time passing on the server: the password confirmation lasts 10 minutes.


def expire_password_confirmation(deployment: Deployment, email: str) -> None:
    """Make ten minutes pass for ``email``'s sessions, as far as the password goes.

    Sign-up and log-in count as typing the password, so without this the export page
    would never ask for it again. Runs Django's shell with the server's own settings.
    """
    code = (
        "from django.contrib.sessions.models import Session\n"
        "from django.contrib.auth import get_user_model\n"
        f"uid = str(get_user_model().objects.get(email={email!r}).pk)\n"
        "for s in Session.objects.all():\n"
        "    data = s.get_decoded()\n"
        "    if data.get('_auth_user_id') == uid:\n"
        "        data['heartwork_sudo_until'] = 0\n"
        "        Session.objects.save(s.session_key, data, s.expire_date)\n"
    )
    subprocess.run(
        [sys.executable, "-m", "heartwork", "manage", "shell", "-c", code],
        env=deployment.env(),
        check=True,
        capture_output=True,
        timeout=60,
    )


# The coach builds its pattern index on its first message in each server process: seconds
# on a busy machine. Steps that wait for the coach allow for that cold start.
COACH_TIMEOUT_MS = 90_000
# The situation both the repair journey and the keyboard journey describe: a break, ended
# together, a month or more ago, no betrayal, no request for space (question words to answers).
ON_A_BREAK = {
    "Where do things stand": "We are on a break",
    "Who ended it": "We both did",
    "When did it end": "One to three months ago",
    "When were you last in touch": "One to three months ago",
    "betray": "No",
    "asked you for space": "They have not asked for anything",
}
