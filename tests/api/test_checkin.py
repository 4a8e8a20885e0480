"""/api/v1/checkin: one check-in per local day, with list, change, delete and a summary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from heartwork.checkin.models import CheckIn
from heartwork.checkin.selectors import today_of
from heartwork.checkin.services import save_checkin
from heartwork.safety.selectors import highest_level
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/checkin"
SUMMARY_URL = f"{URL}/summary"
CHECKIN_KEYS = {
    "id",
    "day",
    "mood",
    "mood_word",
    "sleep_hours",
    "moved",
    "movement_minutes",
    "talked_to_support",
    "note",
    "created_at",
    "updated_at",
}
FULL = {
    "mood": 4,
    "sleep_hours": 7.5,
    "moved": True,
    "movement_minutes": 30,
    "talked_to_support": True,
    "note": "Walked to the sea with a friend.",
}


def post(api: Client, persona: Persona, payload: dict[str, Any]) -> Any:
    return api.post(URL, payload, content_type=JSON, headers=persona.auth)


def patch(api: Client, persona: Persona, day: str, payload: dict[str, Any]) -> Any:
    return api.patch(f"{URL}/{day}", payload, content_type=JSON, headers=persona.auth)


def today(persona: Persona) -> date:
    return today_of(persona.user)


def test_checking_in_saves_every_answer_for_today(api: Client, alex: Persona) -> None:
    response = post(api, alex, FULL)

    assert response.status_code == 201, response.content
    saved = response.json()
    assert set(saved) == CHECKIN_KEYS
    assert saved["day"] == today(alex).isoformat()
    assert {key: saved[key] for key in FULL} == FULL
    assert saved["mood_word"] == "Good"
    again = api.get(f"{URL}/today", headers=alex.auth)
    assert again.status_code == 200
    assert again.json() == saved


def test_only_the_mood_is_needed(api: Client, alex: Persona) -> None:
    response = post(api, alex, {"mood": 2})

    assert response.status_code == 201
    saved = response.json()
    assert saved["mood_word"] == "Low"
    assert saved["sleep_hours"] is None
    assert saved["moved"] is None
    assert saved["talked_to_support"] is None
    assert saved["note"] == ""


def test_a_second_check_in_the_same_day_changes_the_first(api: Client, alex: Persona) -> None:
    first = post(api, alex, FULL).json()

    response = post(api, alex, {"mood": 2, "note": "Evening got harder."})

    assert response.status_code == 200
    changed = response.json()
    assert changed["id"] == first["id"]
    assert changed["mood"] == 2
    assert changed["note"] == "Evening got harder."
    # Answers left out of a new check-in are cleared: it replaces the day's answers.
    assert changed["sleep_hours"] is None
    assert CheckIn.objects.filter(user=alex.user).count() == 1


def test_a_past_day_can_be_filled_in(api: Client, alex: Persona) -> None:
    yesterday = today(alex) - timedelta(days=1)

    response = post(api, alex, {"day": yesterday.isoformat(), "mood": 3})

    assert response.status_code == 201
    assert response.json()["day"] == yesterday.isoformat()


def test_a_day_still_to_come_is_refused_naming_the_day(api: Client, alex: Persona) -> None:
    tomorrow = today(alex) + timedelta(days=1)

    error = assert_error(
        post(api, alex, {"day": tomorrow.isoformat(), "mood": 3}), 422, "invalid", "day"
    )

    assert "not come yet" in error["message"]
    assert not CheckIn.objects.exists()


def test_a_day_more_than_a_year_back_is_refused(api: Client, alex: Persona) -> None:
    long_ago = today(alex) - timedelta(days=400)

    assert_error(post(api, alex, {"day": long_ago.isoformat(), "mood": 3}), 422, "invalid", "day")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": 3.5}, "mood"),
        ({"mood": "4"}, "mood"),
        ({"mood": True}, "mood"),
        ({"sleep_hours": -1}, "sleep_hours"),
        ({"sleep_hours": 25}, "sleep_hours"),
        ({"sleep_hours": 7.3}, "sleep_hours"),
        ({"movement_minutes": -5}, "movement_minutes"),
        ({"movement_minutes": 2000}, "movement_minutes"),
        ({"moved": "yes"}, "moved"),
        ({"talked_to_support": 1}, "talked_to_support"),
        ({"note": "x" * 281}, "note"),
        ({"day": "yesterday"}, "day"),
        ({"feeling": "fine"}, "feeling"),
    ],
)
def test_bad_answers_are_refused_naming_the_field_and_nothing_is_lost(
    api: Client, alex: Persona, change: dict[str, Any], field: str
) -> None:
    kept = post(api, alex, FULL).json()

    assert_error(post(api, alex, {**FULL, **change}), 422, "invalid", field)

    assert api.get(f"{URL}/today", headers=alex.auth).json() == kept


def test_a_missing_mood_is_refused_naming_the_mood(api: Client, alex: Persona) -> None:
    assert_error(post(api, alex, {"sleep_hours": 8}), 422, "invalid", "mood")


def test_minutes_of_movement_after_saying_no_are_refused(api: Client, alex: Persona) -> None:
    error = assert_error(
        post(api, alex, {"mood": 3, "moved": False, "movement_minutes": 20}),
        422,
        "invalid",
        "movement_minutes",
    )

    assert "did not move" in error["message"]


def test_minutes_alone_answer_whether_you_moved(api: Client, alex: Persona) -> None:
    saved = post(api, alex, {"mood": 3, "movement_minutes": 20}).json()

    assert saved["moved"] is True


def test_the_note_stays_one_line(api: Client, alex: Persona) -> None:
    saved = post(api, alex, {"mood": 3, "note": "  Slept badly.\n\nBetter by noon.  "}).json()

    assert saved["note"] == "Slept badly. Better by noon."


def test_changing_some_answers_keeps_the_others(api: Client, alex: Persona) -> None:
    post(api, alex, FULL)

    response = patch(api, alex, "today", {"mood": 5})

    assert response.status_code == 200
    changed = response.json()
    assert changed["mood"] == 5
    assert changed["note"] == FULL["note"]
    assert changed["sleep_hours"] == FULL["sleep_hours"]


def test_saying_you_did_not_move_after_all_clears_the_minutes(api: Client, alex: Persona) -> None:
    post(api, alex, FULL)

    changed = patch(api, alex, "today", {"moved": False}).json()

    assert changed["moved"] is False
    assert changed["movement_minutes"] is None


def test_a_check_in_always_keeps_its_mood(api: Client, alex: Persona) -> None:
    post(api, alex, FULL)

    assert_error(patch(api, alex, "today", {"mood": None}), 422, "invalid", "mood")


def test_changing_a_day_without_a_check_in_is_not_found(api: Client, alex: Persona) -> None:
    assert_error(patch(api, alex, "today", {"mood": 3}), 404, "not_found", "day")
    assert_error(api.get(f"{URL}/2025-01-01", headers=alex.auth), 404, "not_found", "day")


def test_a_day_that_is_not_a_date_is_refused_naming_the_day(api: Client, alex: Persona) -> None:
    assert_error(api.get(f"{URL}/31-31-2025", headers=alex.auth), 422, "invalid", "day")


def test_a_check_in_can_be_deleted(api: Client, alex: Persona) -> None:
    post(api, alex, FULL)

    response = api.delete(f"{URL}/today", headers=alex.auth)

    assert response.status_code == 204
    assert_error(api.get(f"{URL}/today", headers=alex.auth), 404)
    assert not CheckIn.objects.exists()


def test_the_list_is_newest_day_first_and_paged(api: Client, alex: Persona) -> None:
    for days_ago in (3, 0, 1):
        day = (today(alex) - timedelta(days=days_ago)).isoformat()
        post(api, alex, {"day": day, "mood": 3})

    page = api.get(f"{URL}?limit=2", headers=alex.auth).json()

    assert page["count"] == 3
    assert [item["day"] for item in page["items"]] == [
        (today(alex) - timedelta(days=n)).isoformat() for n in (0, 1)
    ]


def test_nobody_sees_or_changes_anyone_elses_check_ins(
    api: Client, alex: Persona, sam: Persona
) -> None:
    post(api, alex, FULL)

    assert api.get(URL, headers=sam.auth).json() == {"items": [], "count": 0}
    assert_error(api.get(f"{URL}/today", headers=sam.auth), 404)
    assert_error(patch(api, sam, "today", {"mood": 1}), 404)
    assert_error(api.delete(f"{URL}/today", headers=sam.auth), 404)
    assert api.get(f"{URL}/today", headers=alex.auth).json()["mood"] == FULL["mood"]


def test_logging_in_is_needed(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
    assert_error(api.post(URL, {"mood": 3}, content_type=JSON), 401)


def test_the_summary_of_a_new_person_is_all_zeros(api: Client, alex: Persona) -> None:
    summary = api.get(SUMMARY_URL, headers=alex.auth).json()

    assert summary["checked_in_today"] is False
    assert summary["current_streak"] == 0
    assert summary["best_streak"] == 0
    assert summary["days_checked_in"] == 0
    assert summary["last_checkin"] is None
    assert summary["mood_average_7_days"] is None
    assert "One missed day in any seven" in summary["streak_rule"]


def test_the_summary_counts_a_run_with_one_missed_day_forgiven(api: Client, alex: Persona) -> None:
    now = today(alex)
    for days_ago, mood, sleep in ((4, 2, 6), (3, 3, 7), (1, 4, None), (0, 5, 8)):
        day = (now - timedelta(days=days_ago)).isoformat()
        post(api, alex, {"day": day, "mood": mood, "sleep_hours": sleep})

    summary = api.get(SUMMARY_URL, headers=alex.auth).json()

    assert summary["today"] == now.isoformat()
    assert summary["checked_in_today"] is True
    assert summary["current_streak"] == 5
    assert summary["forgiven_days"] == 1
    assert summary["best_streak"] == 5
    assert summary["days_checked_in"] == 4
    assert summary["last_checkin"] == now.isoformat()
    assert summary["mood_average_7_days"] == 3.5
    assert summary["sleep_average_7_days"] == 7.0


def test_the_note_is_encrypted_at_rest(api: Client, alex: Persona) -> None:
    marker = "the marmalade-coloured kite"
    post(api, alex, {"mood": 3, "note": marker})

    if connection.vendor == "sqlite":
        image = connection.connection.serialize()
        assert b"checkin_checkin" in image
        assert marker.encode() not in image
        assert b"marmalade" not in image


def test_a_note_about_danger_reaches_the_safety_net(api: Client, alex_checked: Persona) -> None:
    post(api, alex_checked, {"mood": 1, "note": "They strangled me last year and I still shake."})

    assert highest_level(alex_checked.user) == "high_danger"


def test_the_summary_reads_the_same_few_rows_whatever_the_history(
    api: Client, alex: Persona, django_assert_max_num_queries: Any
) -> None:
    now = today(alex)
    for days_ago in range(60):
        save_checkin(user=alex.user, values={"mood": 3}, day=now - timedelta(days=days_ago))

    with django_assert_max_num_queries(6):
        response = api.get(SUMMARY_URL, headers=alex.auth)

    assert response.json()["current_streak"] == 60
