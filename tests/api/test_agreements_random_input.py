"""Whatever a client sends to the agreements API, the answer is never a server error."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.core.keys import create_data_key
from heartwork.couples.models import Couple
from tests.api.conftest import JSON, assert_error_shape
from tests.conftest import Persona

# Any text, plus control characters and lone surrogates: valid JSON escapes, awkward text.
texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=30)
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
bodies = st.dictionaries(st.sampled_from(["text", "based_on", "review_on", "other"]), values)
URLS = [
    ("put", "/api/v1/agreements/arguments/draft"),
    ("post", "/api/v1/agreements/arguments/proposals"),
    ("put", "/api/v1/agreements/review"),
]
RELAXED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def paired(alex: Persona, sam: Persona) -> Persona:
    Couple.objects.create(user_a=alex.user, user_b=sam.user, data_key=create_data_key())
    return alex


def _send(api: Client, persona: Persona, method: str, url: str, body: Any) -> None:
    raw = json.dumps(body, ensure_ascii=True)
    response = getattr(api, method)(url, raw, content_type=JSON, headers=persona.auth)
    if response.status_code >= 400:
        assert_error_shape(response)
    else:
        assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize(("method", "url"), URLS)
@RELAXED
@given(body=bodies)
def test_random_bodies_get_an_answer_or_a_clear_error(
    api: Client, paired: Persona, method: str, url: str, body: dict[str, Any]
) -> None:
    _send(api, paired, method, url, body)


# What can travel in an address at all: no lone surrogates, quoted like a browser would.
path_parts = st.text(st.characters(exclude_categories=["Cs"]), max_size=20).map(
    lambda text: quote(text, safe="")
)


@RELAXED
@given(section=path_parts, version=path_parts)
def test_random_ids_in_the_address_are_never_a_server_error(
    api: Client, paired: Persona, section: str, version: str
) -> None:
    for url in (
        f"/api/v1/agreements/{section}/history",
        f"/api/v1/agreements/versions/{version}/accept",
    ):
        response = (
            api.get(url, headers=paired.auth)
            if "history" in url
            else api.post(url, headers=paired.auth)
        )
        assert response.status_code < 500, (url, response.content)
