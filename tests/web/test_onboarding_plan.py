"""/start/plan/: the personal plan, ordered for the situation, safety first."""

from __future__ import annotations

from django.test import Client

from heartwork.program import selectors, services
from heartwork.program.content import program
from heartwork.program.schema import RECONNECTION_STAGES
from heartwork.wellbeing.models import Take
from heartwork.wellbeing.questions import load_checks
from heartwork.wellbeing.services import record_take
from tests.conftest import Persona, csrf_post, pass_safety_check, tell_situation
from tests.program.steps import lock_with_an_order
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
)
from tests.web.steps import ClientFor

PLAN = "/start/plan/"
SITUATION = {
    "standing": "apart",
    "who_ended": "both",
    "since_when": "three_to_twelve_months",
    "last_contact": "this_month",
    "betrayal": "none",
    "asked_for_space": "not_asked",
}


def answer(persona: Persona, **changed: str) -> None:
    services.answer_situation(user=persona.user, answers={**SITUATION, **changed})


def steps(response: Page) -> list[Element]:
    return html_of(response).one("ol", class_="plan-steps").find_all("li")


def stages(response: Page) -> list[str]:
    return [step.attrs["data-stage"] for step in steps(response)]


def step(response: Page, stage_id: str) -> Element:
    return next(item for item in steps(response) if item.attrs["data-stage"] == stage_id)


def start(response: Page) -> str:
    [first] = [item for item in steps(response) if "plan-start" in item.classes]
    assert first.find(class_="plan-start-label") is not None
    return first.attrs["data-stage"]


def test_the_plan_lists_each_stage_with_why_and_a_link_to_it(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked)

    response = client_for(alex_checked).get(PLAN)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Your plan"
    for item in steps(response):
        stage = program().stages[item.attrs["data-stage"]]
        link = item.one("a")
        assert link.attrs["href"] == f"/program/{stage.id}/"
        assert link.text() == stage.title
        assert item.one("p", class_="plan-why").text()
    assert "betrayal" not in stages(response)  # "no betrayal": no betrayal branch


def test_the_plan_starts_at_the_same_step_as_the_program(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked, asked_for_space="asked_space")

    response = client_for(alex_checked).get(PLAN)

    step_now = selectors.program_state(alex_checked.user).next
    assert step_now is not None and step_now.stage == "space"
    assert start(response) == "space"
    assert stages(response)[0] == "space"
    assert step_now.why in step(response, "space").text()


def test_a_recent_break_up_puts_space_and_self_care_before_reaching_out(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked, since_when="this_week")

    order = stages(client_for(alex_checked).get(PLAN))

    assert order[:2] == ["space", "work_on_myself"]
    assert order.index("reach_out") > order.index("work_on_myself")


def test_a_betrayal_brings_the_betrayal_branch_forward(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked, betrayal="broke")

    order = stages(client_for(alex_checked).get(PLAN))

    assert order[0] == "betrayal"


def test_after_a_block_contact_steps_are_locked_with_why_and_the_plan_leads_elsewhere(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    answer(alex, asked_for_space="blocked")

    response = client_for(alex).get(PLAN)

    order = stages(response)
    assert order[:2] == ["dont_go_back", "moving_on"]
    assert start(response) == "dont_go_back"
    for stage_id in RECONNECTION_STAGES:
        item = step(response, stage_id)
        assert item.attrs["data-locked"] == "true"
        assert "no contact" in item.one("p", class_="stage-locked").text()
        assert item.find("a", {"href": "/safety/path/"}) is not None
    assert order[-len(RECONNECTION_STAGES) :] == [s for s in order if s in RECONNECTION_STAGES], (
        "closed doors go last"
    )
    text = main_text(response)
    assert "not a failure" in text


def test_a_red_safety_check_leads_to_the_safe_path(alex: Persona, client_for: ClientFor) -> None:
    lock_with_an_order(alex)
    answer(alex)

    response = client_for(alex).get(PLAN)

    assert start(response) == "dont_go_back"
    box = html_of(response).one("section", class_="plan-protect")
    assert box.find("a", {"href": "/safety/path/"}) is not None
    assert step(response, "reach_out").attrs["data-locked"] == "true"


def test_before_the_safety_check_the_plan_starts_with_it(
    alex: Persona, client_for: ClientFor
) -> None:
    answer(alex, betrayal="betrayed")

    response = client_for(alex).get(PLAN)

    assert start(response) == "safety_check"
    reach_out = step(response, "reach_out")
    assert reach_out.attrs["data-locked"] == "true"
    assert reach_out.find("a", {"href": "/safety/check/"}) is not None


def test_answering_the_situation_again_changes_the_plan(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)
    answer(alex_checked)
    before = stages(client.get(PLAN))

    answer(alex_checked, since_when="this_week")
    after = stages(client.get(PLAN))

    assert before[0] == "want_them_back"
    assert after[:2] == ["space", "work_on_myself"]


def test_the_plan_says_everything_can_be_changed_later(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked)

    response = client_for(alex_checked).get(PLAN)

    doc = html_of(response)
    assert "answer the questions about your situation again" in main_text(response)
    assert doc.find("a", {"href": "/start/"}) is not None
    assert doc.find("a", {"href": "/program/"}) is not None


def test_without_answers_the_plan_asks_for_them_first(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(PLAN)

    assert response.status_code == 200
    box = html_of(response).one("section", class_="onboarding-unanswered")
    assert box.find("a", {"href": "/start/"}) is not None
    assert stages(response)[0] == "safety_check"


def test_someone_elses_situation_never_counts(
    alex_checked: Persona, sam: Persona, client_for: ClientFor
) -> None:
    answer(sam, asked_for_space="blocked", betrayal="broke")

    response = client_for(alex_checked).get(PLAN)

    assert html_of(response).find("section", class_="onboarding-unanswered") is not None
    assert html_of(response).find("section", class_="plan-protect") is None
    assert step(response, "reach_out").attrs["data-locked"] == "false"


def test_the_plan_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(PLAN)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_plan_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(PLAN)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/start/plan/"


def test_the_page_has_the_quick_exit_link_and_nothing_inline_the_policy_would_block(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PLAN)

    doc = html_of(response)
    assert len(doc.find_all("a", class_="quick-exit")) == 1
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []


def test_a_paused_step_says_paused_and_offers_to_open_it_anyway(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    from heartwork.program.services import answer_exercise
    from tests.program.steps import LEAN_OUT, answers_for

    tell_situation(alex_checked)
    answer_exercise(
        user=alex_checked.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )
    doc = html_of(client_for(alex_checked).get("/start/plan/"))
    row = doc.one("li", {"data-stage": "reach_out"})
    assert row.attrs["data-locked"] == "true"
    assert "Paused" in row.text()
    assert row.find("a", {"href": "/program/reach_out/"}) is not None
    assert row.find("a", {"href": "/safety/check/"}) is None


# -- the well-being checks: a starting point -------------------------------------------


def due_links(response: Page) -> dict[str, str]:
    card = html_of(response).find("section", class_="wellbeing-due-card")
    if card is None:
        return {}
    return {item.attrs["data-check"]: item.one("a").attrs["href"] for item in card.find_all("li")}


def test_the_plan_offers_both_well_being_checks_as_a_starting_point_and_comes_back_to_it(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked)
    client = client_for(alex_checked)

    page = client.get(PLAN)
    assert due_links(page) == {
        "relationship": "/wellbeing/relationship/?then=plan",
        "personal": "/wellbeing/personal/?then=plan",
    }
    assert "Your starting point" in main_text(page)
    assert "not a medical test" in main_text(page)

    form = html_of(client.get("/wellbeing/personal/?then=plan"))
    assert form.find("a", {"href": PLAN}) is not None  # back, and "Not now", go to the plan
    items = {box.attrs["data-question"] for box in form.find_all("fieldset")}
    saved = csrf_post(client, "/wellbeing/personal/?then=plan", dict.fromkeys(items, "4"))
    assert saved.status_code == 302
    assert saved["Location"] == PLAN

    assert list(due_links(client.get(PLAN))) == ["relationship"]
    assert Take.objects.filter(user=alex_checked.user, check_id="personal").count() == 1


def test_once_both_checks_are_taken_the_plan_shows_no_card(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    answer(alex_checked)
    for check in load_checks().checks:
        record_take(
            user=alex_checked.user,
            check_id=check.id,
            answers={item.id: 3 for item in check.items},
        )

    assert due_links(client_for(alex_checked).get(PLAN)) == {}
