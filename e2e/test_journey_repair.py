"""The main path on a phone: from sign-up to logging what came back after a first message.

sign-up -> safety check -> where things stand -> the motive check -> what went wrong ->
space (an urge and a slip) -> the coach on an apology and a first message -> the
response log. Every page on the way is scanned by axe and checked for sideways scroll.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import sign_up
from e2e.journeys import (
    COACH_TIMEOUT_MS,
    ON_A_BREAK,
    PageChecks,
    answer_situation,
    choose,
    take_safety_check,
)

APOLOGY = "I'm sorry, but you never listened to me either."
FIRST_MESSAGE = "Hi Sam. I hope you are well. No need to reply."


def test_a_person_works_through_the_program_from_sign_up_to_the_response_log(
    page: Page,
) -> None:
    checks = PageChecks()

    # Sign-up lands on the safety check, which comes before anything else.
    sign_up(page)
    expect(page.get_by_role("heading", name="The safety check")).to_be_visible()
    checks.visit(page)

    take_safety_check(page, checks, partner="Sam")
    expect(page.get_by_text("is open")).to_be_visible()

    answer_situation(
        page,
        checks,
        **ON_A_BREAK,
    )
    # With the check done, saving where things stand leads to the personal plan.
    expect(page).to_have_url(re.compile(r"/start/plan/$"))
    checks.visit(page)

    # The motive check: what do I miss, the person or the life around them?
    page.get_by_role("link", name="Program", exact=True).click()
    checks.visit(page)
    page.get_by_role("link", name="Do I really want them back?").first.click()
    checks.visit(page)
    page.get_by_role("link", name=re.compile(r"Start\W+What do I miss\?")).click()
    checks.visit(page)
    for group in page.get_by_role("main").get_by_role("group").all():
        options = group.get_by_role("radio")
        if group.get_by_role("radio", name="Often", exact=True).count():
            group.get_by_role("radio", name="Often", exact=True).check()
        else:
            options.nth(3).check()  # "4" on a 1 to 5 scale
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("status").filter(has_text=re.compile("saved", re.I))).to_be_visible()
    checks.visit(page, "/program/want_them_back/motive_check/ (saved, with the result)")

    # What really went wrong: the three columns.
    page.goto("/program/what_went_wrong/")
    checks.visit(page)
    page.get_by_role("link", name=re.compile(r"Three columns")).click()
    checks.visit(page)
    page.get_by_label("What I did that hurt them").fill("I looked at my phone at dinner")
    page.get_by_label("What they did that hurt me").fill("They made plans without me")
    page.get_by_label("The loop we kept repeating").fill("I went quiet, they pushed, I left")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_label("The loop we kept repeating")).to_have_value(
        "I went quiet, they pushed, I left"
    )

    # Space: an urge, noted with what was done instead, and a slip.
    page.get_by_role("link", name="Space", exact=True).click()
    expect(page.get_by_role("heading", name="Your space")).to_be_visible()
    checks.visit(page)
    page.get_by_role("link", name="Note an urge").click()
    checks.visit(page)
    choose(page, "How strong was the urge?", "7")
    page.get_by_label("What set it off? (optional)").fill("Our song on the radio")
    page.get_by_label("What did you do instead? (optional)").fill("Went for a walk")
    page.get_by_role("button", name="Save this urge").click()
    urges = page.get_by_role("region", name="Your urges")
    expect(urges).to_contain_text("Our song on the radio")
    checks.visit(page, "/space/urges/ (one urge)")

    page.get_by_role("link", name="Back to your space").click()
    page.get_by_role("link", name="I was in touch with them").click()
    checks.visit(page)
    choose(page, "How were you in touch?", "A message or chat")
    page.get_by_label("What happened, and what might help next time? (optional)").fill(
        "Sent a text late at night"
    )
    page.get_by_role("button", name="Save this slip").click()
    expect(page.get_by_role("region", name="Your slips")).to_contain_text(
        "Sent a text late at night"
    )
    checks.visit(page, "/space/slips/ (one slip)")
    page.get_by_role("link", name="Back to your space").click()
    expect(page.get_by_role("region", name="The last 7 days")).to_contain_text("1 urge")
    checks.visit(page, "/space/ (with an urge and a slip)")

    # The coach reads an apology as it is typed, and names the "but".
    page.goto("/program/own_mistakes/apology_draft/")
    checks.visit(page)
    page.get_by_label("Your apology.").fill(APOLOGY)
    notes = page.get_by_role("region", name="What the coach noticed")
    # The live notes name the "but" that takes the apology back.
    expect(notes.get_by_role("listitem").filter(has_text="But undo")).to_be_visible(
        timeout=COACH_TIMEOUT_MS
    )
    expect(notes.get_by_role("heading", name="What may work against you")).to_be_visible()
    checks.visit(page, "/program/own_mistakes/apology_draft/ (coach notes)")
    for group in page.get_by_role("main").get_by_role("group").all():
        group.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Save my answers").click(timeout=COACH_TIMEOUT_MS)
    expect(page.get_by_label("Your apology.")).to_have_value(APOLOGY)

    # ... and a first message, on the coach's own page.
    page.get_by_role("link", name="Coach", exact=True).click()
    checks.visit(page)
    page.get_by_label("Your message").fill(FIRST_MESSAGE)
    page.get_by_label("What kind of message is it?").select_option(
        label="A first message after distance"
    )
    page.get_by_role("button", name="Check my message").click(timeout=COACH_TIMEOUT_MS)
    notes = page.get_by_role("region", name="What the coach noticed")
    expect(notes.get_by_text("Read as: a first message after distance.")).to_be_visible(
        timeout=COACH_TIMEOUT_MS
    )
    checks.visit(page, "/coach/ (a first message checked)")

    # The first message, saved in the reach-out stage, then what came back.
    page.goto("/program/reach_out/first_message/")
    checks.visit(page)
    page.get_by_label("Your message.").fill(FIRST_MESSAGE)
    for group in page.get_by_role("main").get_by_role("group").all():
        group.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Save my answers").click(timeout=COACH_TIMEOUT_MS)
    expect(page.get_by_label("Your message.")).to_have_value(FIRST_MESSAGE)

    page.get_by_role("link", name=re.compile("Back to “Reach out gently”")).first.click()
    checks.visit(page)
    page.get_by_role("link", name=re.compile(r"Add an entry\W+What came back")).click()
    checks.visit(page)
    choose(page, "What has happened so far?", "They said not now, or not yet")
    choose(page, "How long ago did you send it?", "One to three weeks")
    page.get_by_label('How will you respect their "not yet"?').fill(
        "Thank them once, then step back"
    )
    page.get_by_label("How do you feel about it?").fill("Sad, and a little relieved")
    page.get_by_role("button", name="Save this entry").click()
    # The entry is listed, with the next step that fits a "not yet".
    expect(page.get_by_text("Thank them once, then step back")).to_be_visible()
    expect(page.get_by_text(re.compile("step back", re.I)).first).to_be_visible()
    checks.visit(page, "/program/reach_out/response_log/ (one entry)")

    checks.assert_clean()
