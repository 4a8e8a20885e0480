"""Partner mode with two people, each in their own browser: invite, answer, reveal, unpair.

docs/partner-mode.md: each answers a shared exercise alone; neither sees the other's answer
until both have answered, then both appear together. Unpairing ends what was shared.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import NewContext, sign_up
from e2e.journeys import PageChecks, take_safety_check

EXERCISE = "Looking back at us"
QUESTIONS = (
    "How did you feel, most of the time, while we were together?",
    "What hurt you the most?",
    "What do you wish I had done differently?",
)


def _answer(page: Page, words: str) -> None:
    for number, question in enumerate(QUESTIONS, start=1):
        page.get_by_label(question).fill(f"{words} ({number})")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_load_state()


def test_two_partners_answer_alone_then_see_both_answers_together_then_unpair(
    new_context: NewContext,
) -> None:
    checks = PageChecks()
    robin = new_context().new_page()
    kai = new_context().new_page()

    sign_up(robin)
    take_safety_check(robin, checks, partner="Kai")
    sign_up(kai)
    take_safety_check(kai, checks, partner="Robin")

    # Robin makes an invite; Kai types the code.
    robin.get_by_role("link", name="Partner", exact=True).click()
    checks.visit(robin)
    robin.get_by_role("button", name="Make an invite").click()
    code = robin.get_by_label("Code", exact=True).input_value()
    assert code
    checks.visit(robin)

    kai.get_by_role("link", name="Partner", exact=True).click()
    kai.get_by_label("Invite code").fill(code)
    kai.get_by_role("button", name="Pair with my partner").click()
    expect(kai.get_by_role("region", name="You are paired")).to_be_visible()
    checks.visit(kai, "/partner/ (paired)")

    # Robin answers first: Kai cannot see it yet.
    robin.goto("/partner/")
    robin.get_by_role("link", name="Shared exercises").click()
    checks.visit(robin)
    robin.get_by_role("link", name=EXERCISE).click()
    checks.visit(robin)
    _answer(robin, "Robin felt lonely")
    expect(robin.get_by_text("Kai felt rushed")).to_have_count(0)
    checks.visit(robin, "/partner/shared/looking_back/ (waiting)")

    kai.get_by_role("link", name="Shared exercises").click()
    kai.get_by_role("link", name=EXERCISE).click()
    expect(kai.get_by_role("heading", name=EXERCISE)).to_be_visible()
    expect(kai.locator("main")).not_to_contain_text("Robin felt lonely")

    # Kai answers: now both see both, at the same moment.
    _answer(kai, "Kai felt rushed")
    expect(kai.locator("main")).to_contain_text("Robin felt lonely (1)")
    expect(kai.locator("main")).to_contain_text("Kai felt rushed (1)")
    checks.visit(kai, "/partner/shared/looking_back/ (revealed)")
    robin.reload()
    expect(robin.locator("main")).to_contain_text("Kai felt rushed (2)")
    expect(robin.locator("main")).to_contain_text("Robin felt lonely (2)")

    # Robin unpairs: neither can open what was shared, and Kai can invite anew.
    robin.goto("/partner/")
    robin.get_by_role("link", name="Unpair").click()
    checks.visit(robin)
    robin.get_by_role("button", name="Unpair now").click()
    expect(robin.get_by_role("button", name="Make an invite")).to_be_visible()
    kai.goto("/partner/")
    expect(kai.get_by_role("region", name="You are paired")).to_have_count(0)
    expect(kai.get_by_role("button", name="Make an invite")).to_be_visible()
    kai.goto("/partner/shared/looking_back/")
    expect(kai.locator("main")).not_to_contain_text("Robin felt lonely")

    checks.assert_clean()
