"""A person's program state stays cheap: a fixed number of queries, however many answers.

The map, a stage, an exercise page, GET /api/v1/program and GET /api/v1/onboarding each
cost the same with one saved answer as with thirty (selectors._read reads everything once:
the partner, the gate's standings, every standing, the marks, the newest answer of each
exercise). Counted with Django's CaptureQueriesContext after a first, uncounted call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.program import selectors
from heartwork.program.services import answer_exercise
from tests.conftest import Persona, tell_situation
from tests.program.steps import LEAN_OUT, answers_for
from tests.web.steps import ClientFor

# Exercises answered again and again: a log, two scored checks and a columns exercise.
ANSWERED = (
    ("space", "urge_log"),
    ("want_them_back", "motive_check"),
    ("what_went_wrong", "three_columns"),
    ("can_it_be_saved", "five_signs"),
)
# The program state's one reading with a current partner: the partner, the gate's own and
# pair standings, every standing, the stage marks, the newest answer of each exercise.
READING_QUERIES = 6

Call = Callable[[], object]


def count(call: Call) -> int:
    call()  # a first call may set up a session: not what is measured
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def save(
    persona: Persona, stage_id: str, exercise_id: str, days_ago: int, **changed: object
) -> None:
    answer_exercise(
        user=persona.user,
        stage_id=stage_id,
        exercise_id=exercise_id,
        answers=answers_for(stage_id, exercise_id, **changed),
        now=timezone.now() - timedelta(days=days_ago),
    )


def save_more(persona: Persona, how_many: int) -> None:
    """Older answers spread over several exercises, so the newest one still counts."""
    for i in range(how_many):
        stage_id, exercise_id = ANSWERED[i % len(ANSWERED)]
        save(persona, stage_id, exercise_id, days_ago=30 + i)


@pytest.fixture
def alex_started(alex_checked: Persona) -> Persona:
    """alex, checked, with a situation and one answer: a motive check that leans out, so
    the reconnection stages are paused (the state reads answers to work that out)."""
    tell_situation(alex_checked)
    save(alex_checked, "want_them_back", "motive_check", days_ago=0, **LEAN_OUT)
    return alex_checked


def pages(client: Client, api: Client, persona: Persona) -> dict[str, Call]:
    def api_get(url: str) -> Call:
        return lambda: api.get(url, headers=persona.auth)

    return {
        "/program/": lambda: client.get("/program/"),
        "/program/reach_out/": lambda: client.get("/program/reach_out/"),
        "/program/want_them_back/": lambda: client.get("/program/want_them_back/"),
        "/program/space/urge_log/": lambda: client.get("/program/space/urge_log/"),
        "/program/want_them_back/motive_check/": lambda: client.get(
            "/program/want_them_back/motive_check/"
        ),
        "/api/v1/program": api_get("/api/v1/program"),
        "/api/v1/onboarding": api_get("/api/v1/onboarding"),
    }


def test_each_page_and_call_costs_the_same_with_1_or_30_answers(
    alex_started: Persona, client_for: ClientFor, api: Client
) -> None:
    calls = pages(client_for(alex_started), api, alex_started)
    for url, call in calls.items():
        response = call()
        assert getattr(response, "status_code", None) == 200, url
    with_one = {url: count(call) for url, call in calls.items()}

    save_more(alex_started, 29)

    assert {url: count(call) for url, call in calls.items()} == with_one


def test_the_program_state_is_one_small_reading(alex_started: Persona) -> None:
    user = alex_started.user
    assert count(lambda: selectors.program_state(user)) == READING_QUERIES
    save_more(alex_started, 29)

    assert count(lambda: selectors.program_state(user)) == READING_QUERIES
    assert count(lambda: selectors.onboarding_state(user)) == READING_QUERIES
    assert count(lambda: selectors.stage_states(user)) == READING_QUERIES


def test_the_pages_add_little_to_the_reading(
    alex_started: Persona, client_for: ClientFor, api: Client
) -> None:
    """The map and a stage add at most a few queries of their own (the session, the user,
    the situation and the well-being checks due for the map and the onboarding call, the
    exercise counts and the answer a show_if reads for a stage), never a second reading."""
    calls = pages(client_for(alex_started), api, alex_started)

    assert count(calls["/program/"]) <= READING_QUERIES + 5
    assert count(calls["/program/reach_out/"]) <= READING_QUERIES + 5
    assert count(calls["/api/v1/program"]) <= READING_QUERIES + 2
    assert count(calls["/api/v1/onboarding"]) <= READING_QUERIES + 3


def test_the_newest_answer_of_each_exercise_is_read_and_no_other(alex_started: Persona) -> None:
    save_more(alex_started, 12)

    latest = selectors.latest_answers(alex_started.user)

    assert set(latest) >= set(ANSWERED)
    for (stage_id, exercise_id), row in latest.items():
        newest = selectors.latest_answer(alex_started.user, stage_id, exercise_id)
        assert newest is not None and row.pk == newest.pk
