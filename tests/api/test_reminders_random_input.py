"""Whatever a client sends to /api/v1/reminders, the answer is never a server error, and a
refused change leaves the saved reminders and preferences as they were."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.reminders.models import Preferences, Reminder
from heartwork.rituals.services import add_ritual
from tests.api.conftest import JSON, assert_error_shape
from tests.conftest import Persona

texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=30)
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
real = st.sampled_from(["08:00", "23:59:59", "24:00", "7:5", "", 0, 6, 7, -1, True, "true"])
fields = st.sampled_from(["at", "weekday", "quiet_start", "quiet_end", "email"])
payloads = st.dictionaries(fields | texts, values | real, max_size=4) | values

fuzzing = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def send(api: Client, persona: Persona, method: str, url: str, payload: Any) -> Any:
    response = api.generic(
        method, url, json.dumps(payload), content_type=JSON, headers=persona.auth
    )
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
    return response


@fuzzing
@given(payload=payloads)
def test_setting_reminders_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    weekly = add_ritual(user=alex.user, name="Walk", cadence="weekly")
    for url in ("/api/v1/reminders/checkin", f"/api/v1/reminders/rituals/{weekly.id}"):
        answer = send(api, alex, "PUT", url, payload)
        if answer.status_code >= 400:
            assert not Reminder.objects.filter(
                user=alex.user, ref__in=["daily", str(weekly.id)]
            ).exists()
        Reminder.objects.filter(user=alex.user).delete()


@fuzzing
@given(payload=payloads)
def test_changing_preferences_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    before = list(Preferences.objects.filter(user=alex.user).values())
    answer = send(api, alex, "PATCH", "/api/v1/reminders/preferences", payload)
    if answer.status_code >= 400:
        assert list(Preferences.objects.filter(user=alex.user).values()) == before
