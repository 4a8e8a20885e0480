"""Whatever a client sends to /api/v1/rituals, the answer is never a server error, and a
refused change leaves what was saved as it was."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.rituals import services
from heartwork.rituals.models import Ritual, RitualDone
from tests.api.conftest import JSON, assert_error_shape
from tests.conftest import Persona

texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=30)
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
real = st.sampled_from(["daily", "weekly", "2024-02-29", "2999-01-01", "", 30, 0, -5, 1441])
fields = st.sampled_from(["name", "cadence", "day", "minutes", "what", "text"])
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
@given(payload=payloads, where=st.sampled_from(["", "/time", "/reflections"]))
def test_adding_anything_with_any_json_never_fails_on_our_side(
    api: Client, alex_checked: Persona, payload: Any, where: str
) -> None:
    send(api, alex_checked, "POST", f"/api/v1/rituals{where}", payload)


@fuzzing
@given(payload=payloads)
def test_changing_or_marking_a_ritual_with_any_json_never_fails_on_our_side(
    api: Client, alex_checked: Persona, payload: Any
) -> None:
    tea = services.add_ritual(user=alex_checked.user, name="Tea", cadence="daily")

    changed = send(api, alex_checked, "PATCH", f"/api/v1/rituals/{tea.id}", payload)
    send(api, alex_checked, "POST", f"/api/v1/rituals/{tea.id}/done", payload)

    if changed.status_code >= 400:
        stored = Ritual.objects.select_related("user__data_key").get(pk=tea.pk)
        assert (stored.name, stored.cadence) == ("Tea", "daily")
    assert RitualDone.objects.filter(ritual=tea).count() <= 1
