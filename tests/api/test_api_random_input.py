"""Whatever a client sends, the answer is never a server error.

Random JSON values and objects go to the calls that take a body; anything the
API refuses comes back in the one error shape, and anything it accepts comes back
as an entry.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.journal.models import Entry
from tests.api.conftest import (
    ENTRIES_URL,
    JSON,
    SIGNUP_URL,
    assert_entry_shape,
    assert_error_shape,
    entry_url,
    write_entry,
)
from tests.conftest import Persona

# Any text, plus control characters and lone surrogates: valid JSON escapes, awkward text.
texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=30)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)

# Objects whose keys are often the real ones, so the values get checked too.
json_objects = st.dictionaries(
    st.sampled_from(["title", "body", "id", "user", "email", "password"]) | texts,
    json_values,
    max_size=4,
)

payloads = json_objects | json_values

fuzzing = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@fuzzing
@given(payload=payloads)
def test_writing_an_entry_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, payload: Any
) -> None:
    response = api.post(ENTRIES_URL, json.dumps(payload), content_type=JSON, headers=alex.auth)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
    else:
        assert response.status_code == 201
        assert_entry_shape(response.json())


@fuzzing
@given(changes=payloads)
def test_changing_an_entry_with_any_json_never_fails_on_our_side(
    api: Client, alex: Persona, changes: Any
) -> None:
    entry = write_entry(api, alex, body="Before.", title="Kept")

    response = api.patch(
        entry_url(entry["id"]), json.dumps(changes), content_type=JSON, headers=alex.auth
    )

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
        stored = Entry.objects.get(pk=entry["id"])
        assert (stored.title, stored.body) == ("Kept", "Before.")
    else:
        assert response.status_code == 200
        assert_entry_shape(response.json())
        assert response.json()["id"] == entry["id"]


@fuzzing
@given(raw=st.binary(max_size=200))
def test_writing_an_entry_with_any_bytes_never_fails_on_our_side(
    api: Client, alex: Persona, raw: bytes
) -> None:
    response = api.post(ENTRIES_URL, raw, content_type=JSON, headers=alex.auth)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)


@fuzzing
@given(payload=payloads)
def test_signing_up_with_any_json_never_fails_on_our_side(
    api: Client, db: None, payload: Any
) -> None:
    response = api.post(SIGNUP_URL, json.dumps(payload), content_type=JSON)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)


@fuzzing
@given(limit=st.text(max_size=12), offset=st.text(max_size=12))
def test_listing_with_any_limit_and_offset_never_fails_on_our_side(
    api: Client, alex: Persona, limit: str, offset: str
) -> None:
    response = api.get(ENTRIES_URL, {"limit": limit, "offset": offset}, headers=alex.auth)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
