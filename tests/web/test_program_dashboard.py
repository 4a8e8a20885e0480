"""The program page: every stage in order with its status, and the next step with why."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from heartwork.program.content import program
from heartwork.program.schema import STAGE_IDS
from heartwork.program.services import answer_exercise
from heartwork.wellbeing.models import Take
from heartwork.wellbeing.questions import load_checks
from heartwork.wellbeing.services import record_take
from tests.conftest import Persona, pass_safety_check, tell_situation
from tests.program.steps import (
    LEAN_OUT,
    RECONNECTION,
    answers_for,
    exercise,
    get_program,
    lock_with_an_order,
)
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    source,
)
from tests.web.steps import ClientFor

DASHBOARD = "/program/"


def stages_in(response: Page, group: str) -> list[Element]:
    return html_of(response).one("ol", {"data-group": group}).find_all("li")


def stage_rows(response: Page) -> dict[str, Element]:
    rows = stages_in(response, "main") + stages_in(response, "branch")
    return {row.attrs["data-stage"]: row for row in rows}


def status_of(row: Element) -> str:
    return row.one(class_="stage-status").text()


def next_card(response: Page) -> Element:
    return html_of(response).one("section", class_="next-step")


def test_the_map_shows_every_stage_in_order_as_main_stages_and_branches(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(DASHBOARD)

    assert response.status_code == 200
    assert_page_basics(response)
    content = program().stages
    main = [row.attrs["data-stage"] for row in stages_in(response, "main")]
    branches = [row.attrs["data-stage"] for row in stages_in(response, "branch")]
    assert main == [s for s in STAGE_IDS if content[s].kind == "main"]
    assert branches == [s for s in STAGE_IDS if content[s].kind == "branch"]
    assert len(main) + len(branches) == 14
    for stage_id, row in stage_rows(response).items():
        link = row.one("a", {"href": f"/program/{stage_id}/"})
        assert link.text() == content[stage_id].title


def test_a_new_user_sees_the_reconnection_stages_locked_with_the_reason_and_the_check(
    alex: Persona, client_for: ClientFor
) -> None:
    rows = stage_rows(client_for(alex).get(DASHBOARD))

    for stage_id in RECONNECTION:
        assert status_of(rows[stage_id]) == "Locked"
        assert "please answer the short safety check" in rows[stage_id].text()
        assert rows[stage_id].find("a", {"href": "/safety/check/"}) is not None
    assert status_of(rows["want_them_back"]) == "Not started"
    assert status_of(rows["safety_check"]) == "Not started"


def test_after_the_safety_check_nothing_is_locked_and_answers_show_as_progress(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    answer_exercise(
        user=alex.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check"),
    )

    response = client_for(alex).get(DASHBOARD)

    rows = stage_rows(response)
    assert all(status_of(row) != "Locked" for row in rows.values())
    assert status_of(rows["safety_check"]) == "Done"
    assert status_of(rows["want_them_back"]) == "In progress"
    assert status_of(rows["reach_out"]) == "Not started"
    assert "/safety/check/" not in source(response)


def assert_card_matches_the_api(response: Page, api: Client, persona: Persona) -> str:
    step = get_program(api, persona)["next"]
    card = next_card(response)
    assert card.find("a", {"href": f"/program/{step['stage']}/"}) is not None
    assert program().stages[step["stage"]].title in card.text()
    assert step["why"] in card.text()
    if step["exercise"]:
        assert exercise(step["stage"], step["exercise"]).title in card.text()
    stage: str = step["stage"]
    return stage


def test_the_next_step_card_is_the_apis_next_step_with_why(
    alex: Persona, api: Client, client_for: ClientFor
) -> None:
    client = client_for(alex)

    assert assert_card_matches_the_api(client.get(DASHBOARD), api, alex) == "safety_check"

    pass_safety_check(alex)
    answer_exercise(
        user=alex.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )

    assert assert_card_matches_the_api(client.get(DASHBOARD), api, alex) == "dont_go_back"


def test_a_red_pair_sees_reach_out_locked_and_is_pointed_away_from_it(
    alex: Persona, api: Client, client_for: ClientFor
) -> None:
    lock_with_an_order(alex)

    response = client_for(alex).get(DASHBOARD)

    rows = stage_rows(response)
    for stage_id in RECONNECTION:
        assert status_of(rows[stage_id]) == "Locked"
        assert "will not switch back on with a tap" in rows[stage_id].text()
        assert rows[stage_id].find("a", {"href": "/safety/path/"}) is not None
    assert assert_card_matches_the_api(response, api, alex) in {"dont_go_back", "moving_on"}


def test_someone_elses_progress_never_shows(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    lock_with_an_order(sam)

    rows = stage_rows(client_for(alex).get(DASHBOARD))

    assert "will not switch back on with a tap" not in rows["reach_out"].text()
    assert status_of(rows["safety_check"]) == "Not started"


def test_the_program_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(DASHBOARD)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_program_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/program/"


def test_every_logged_in_page_links_here_from_the_menu(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    for url in ["/", "/journal/", "/safety/", DASHBOARD]:
        menu = html_of(client.get(url)).one("nav")
        links = [a for a in menu.find_all("a") if a.attrs.get("href") == DASHBOARD]
        assert [a.text() for a in links] == ["Program"], url


def test_the_page_has_the_quick_exit_link_and_nothing_inline_the_policy_would_block(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(DASHBOARD)

    doc = html_of(response)
    assert len(doc.find_all("a", class_="quick-exit")) == 1
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_next_step_opens_its_exercise_and_the_plan_is_one_link_away(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    card = next_card(client.get(DASHBOARD))
    # The safety check has no exercise here: the card goes to its stage.
    assert card.find("a", {"href": "/program/safety_check/"}) is not None
    intro = html_of(client.get(DASHBOARD)).one("main")
    assert intro.find("a", {"href": "/start/"}) is not None

    pass_safety_check(alex)
    tell_situation(alex)
    response = client.get(DASHBOARD)
    first = program().stages["want_them_back"].exercises[0].id
    assert next_card(response).find("a", {"href": f"/program/want_them_back/{first}/"})
    assert html_of(response).one("main").find("a", {"href": "/start/plan/"}) is not None


def test_after_leaning_out_the_contact_stages_show_the_pause_and_can_be_opened_anyway(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    answer_exercise(
        user=alex.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )

    response = client_for(alex).get(DASHBOARD)

    assert_page_basics(response)
    rows = stage_rows(response)
    for stage_id in RECONNECTION:
        row = rows[stage_id]
        assert row.attrs["data-status"] == "locked"
        assert status_of(row) == "Paused"
        assert row.one(class_="stage-paused").text() == program().stages[stage_id].pause_when[0].why
        assert row.find(class_="stage-locked") is None
        title, *_ = row.find_all("a")
        assert title.text() == program().stages[stage_id].title
        anyway = [a for a in row.find_all("a") if a.text().startswith("Open it anyway")]
        assert [a.attrs["href"] for a in anyway] == [f"/program/{stage_id}/"]
        assert program().stages[stage_id].title in anyway[0].text()  # for screen readers
    # Paused is not the safety lock: no way out to the safety pages, and a path forward.
    assert "/safety/check/" not in source(response)
    assert "/safety/path/" not in source(response)
    assert "Locked" not in [status_of(row) for row in rows.values()]
    assert "dont_go_back" in next_card(response).one("a", class_="button").attrs["href"]


def test_a_well_being_check_taken_four_weeks_ago_is_offered_again_on_the_map(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    checks = load_checks()
    for check in checks.checks:
        record_take(
            user=alex_checked.user,
            check_id=check.id,
            answers={item.id: 3 for item in check.items},
            now=timezone.now() - checks.interval + timedelta(days=1),
        )
    client = client_for(alex_checked)
    assert html_of(client.get(DASHBOARD)).find("section", class_="wellbeing-due-card") is None

    Take.objects.filter(user=alex_checked.user, check_id="relationship").update(
        created_at=timezone.now() - checks.interval - timedelta(days=1)
    )

    card = html_of(client.get(DASHBOARD)).one("section", class_="wellbeing-due-card")
    assert "Time for your progress check" in card.text()
    [link] = card.find_all("a")
    assert link.attrs["href"] == "/wellbeing/relationship/"
    assert link.text() == "Take “How things are between us” again"
