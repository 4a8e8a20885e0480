"""Whatever a client sends to the trust ledger, the answer is never a server error, and a
refused change leaves what was saved as it was."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.trust import services
from heartwork.trust.models import Commitment, Entry
from tests.api.conftest import JSON, assert_error_shape
from tests.conftest import Persona

texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=30)
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
# Real values and field names often, so the checks behind the schema get exercised too.
real = st.sampled_from(
    [
        "deposit",
        "withdrawal",
        "kept_word",
        "own_words",
        "broke_promise",
        "kept",
        "not_kept",
        "open",
        "2024-02-29",
        "2999-01-01",
        "0001-01-01",
        "",
    ]
)
fields = st.sampled_from(["direction", "kind", "day", "note", "text", "due", "status"])
payloads = st.dictionaries(fields | texts, values | real, max_size=5) | values

fuzzing = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
def test_adding_an_entry_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    send(api, alex, "POST", "/api/v1/trust/entries", payload)


@fuzzing
@given(payload=payloads)
def test_changing_an_entry_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    entry = services.add_entry(user=alex.user, direction="deposit", kind="kept_word", note="Kept.")

    response = send(api, alex, "PATCH", f"/api/v1/trust/entries/{entry.id}", payload)

    if response.status_code >= 400:
        stored = Entry.objects.select_related("user__data_key").get(pk=entry.pk)
        assert (stored.day, stored.note) == (entry.day, "Kept.")


@fuzzing
@given(payload=payloads)
def test_adding_a_commitment_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    send(api, alex, "POST", "/api/v1/trust/commitments", payload)


@fuzzing
@given(payload=payloads)
def test_changing_a_commitment_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    made = services.add_commitment(user=alex.user, text="I call.", due=timezone.localdate())

    response = send(api, alex, "PATCH", f"/api/v1/trust/commitments/{made.id}", payload)

    if response.status_code >= 400:
        stored = Commitment.objects.select_related("user__data_key").get(pk=made.pk)
        assert (stored.text, stored.status) == ("I call.", "open")
        assert Entry.objects.count() == 0
