"""Prompts on /journal/new/, and entries tagged with a stage of the program."""

from __future__ import annotations

from django.test import Client

from heartwork.journal.models import Entry
from heartwork.journal.prompts import prompts
from heartwork.program.selectors import program_state
from heartwork.program.services import answer_exercise
from tests.conftest import Persona, csrf_post
from tests.program.steps import answers_for
from tests.web.pages import Element, Page, assert_page_basics, control, field_error, html_of
from tests.web.steps import ClientFor

NEW = "/journal/new/"


def offered(response: Page) -> dict[str, list[str]]:
    """Each group's heading → the texts of its prompts, in order."""
    section = html_of(response).one("section", class_="journal-prompts")
    headings = section.find_all("h3")
    lists = section.find_all("ul", class_="prompt-list")
    return {
        heading.text(): [link.text() for link in items.find_all("a")]
        for heading, items in zip(headings, lists, strict=True)
    }


def selected_stage(response: Page) -> str:
    chosen = [
        option.attrs["value"]
        for option in control(html_of(response), "stage").find_all("option")
        if "selected" in option.attrs
    ]
    return chosen[0] if chosen else ""


def start_stage(persona: Persona, stage_id: str = "want_them_back") -> None:
    exercise = "motive_check"
    answer_exercise(
        user=persona.user,
        stage_id=stage_id,
        exercise_id=exercise,
        answers=answers_for(stage_id, exercise),
    )


def prompt_link(response: Page, prompt_id: str) -> Element:
    return html_of(response).one("a", {"href": f"{NEW}?prompt={prompt_id}"})


def test_a_new_person_gets_the_next_stages_prompts_and_general_ones(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(NEW)

    assert response.status_code == 200
    assert_page_basics(response)
    groups = offered(response)
    next_stage = program_state(alex.user).next
    assert next_stage is not None
    assert list(groups)[-1] == "For any day"
    assert groups["For any day"] == [p.text for p in prompts().general]
    assert len(groups) == 2
    first = next(iter(groups.values()))
    assert first == [p.text for p in prompts().for_stage(next_stage.stage)]
    # Without a stage in progress, a new entry carries no tag unless one is picked.
    assert selected_stage(response) == ""


def test_the_stage_being_worked_on_comes_first_and_tags_the_entry(
    alex: Persona, client_for: ClientFor
) -> None:
    start_stage(alex)

    response = client_for(alex).get(NEW)

    groups = offered(response)
    assert next(iter(groups)) == "Do I really want them back?"
    assert selected_stage(response) == "want_them_back"


def test_picking_a_prompt_starts_the_title_and_tags_its_stage(
    alex: Persona, client_for: ClientFor
) -> None:
    next_stage = program_state(alex.user).next
    assert next_stage is not None
    prompt = prompts().for_stage(next_stage.stage)[0]

    response = client_for(alex).get(NEW, {"prompt": prompt.id})

    assert control(html_of(response), "title").attrs["value"] == prompt.text
    assert selected_stage(response) == next_stage.stage


def test_a_prompt_about_reaching_out_is_not_offered_while_the_gate_holds(
    alex: Persona, client_for: ClientFor
) -> None:
    prompt = prompts().for_stage("reach_out")[0]

    response = client_for(alex).get(NEW, {"prompt": prompt.id})

    assert prompt.text not in response.content.decode()
    assert control(html_of(response), "title").attrs.get("value", "") == ""


def test_the_chosen_prompt_is_marked_for_screen_readers(
    alex: Persona, client_for: ClientFor
) -> None:
    prompt = prompts().general[0]

    response = client_for(alex).get(NEW, {"prompt": prompt.id})

    assert prompt_link(response, prompt.id).attrs.get("aria-current") == "true"
    assert "aria-current" not in prompt_link(response, prompts().general[1].id).attrs


def test_an_unknown_prompt_is_ignored(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(NEW, {"prompt": "no_such_prompt"})

    assert response.status_code == 200
    assert control(html_of(response), "title").attrs.get("value", "") == ""


def test_a_prompt_is_only_a_start_the_person_can_write_anything(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(
        client_for(alex), NEW, {"title": "My own title", "body": "Just writing.", "stage": ""}
    )

    assert response.status_code == 302
    entry = Entry.objects.get(user=alex.user)
    assert (entry.title, entry.stage) == ("My own title", "")


def test_a_tagged_entry_shows_its_stage_in_the_list_and_on_its_page(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, NEW, {"body": "Day four without texting.", "stage": "space"})

    entry = Entry.objects.get(user=alex.user)
    assert entry.stage == "space"
    detail = client.get(response["Location"])
    assert html_of(detail).one(class_="entry-stage").text() == "Give it space"
    listed = client.get("/journal/")
    assert html_of(listed).one(class_="entry-stage").text() == "Give it space"


def test_the_stage_can_be_changed_when_editing(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    csrf_post(client, NEW, {"body": "Words.", "stage": "space"})
    entry = Entry.objects.get(user=alex.user)
    edit = f"/journal/{entry.id}/edit/"
    assert selected_stage(client.get(edit)) == "space"

    csrf_post(client, edit, {"body": "Words.", "stage": "moving_on"})

    entry.refresh_from_db()
    assert entry.stage == "moving_on"


def test_a_stage_that_does_not_exist_is_refused_next_to_its_menu(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), NEW, {"body": "Words.", "stage": "the_beach"})

    assert "Choose a stage from the list" in field_error(response, "stage")
    assert not Entry.objects.exists()


def test_logging_in_is_needed(visitor: Client) -> None:
    assert visitor.get(NEW)["Location"].startswith("/accounts/login/")
