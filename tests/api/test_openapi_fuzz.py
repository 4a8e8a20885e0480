"""schemathesis sends generated requests to every operation of /api/openapi.json: none may
answer with a server error.

The schema is read from the app itself, so a new route is fuzzed the day it is added. Calls
go through the WSGI app in this process, on the test database, as a person who is past
onboarding and the safety check (so the gates do not answer before the code under test).
Each operation gets a few deterministic examples: enough to find a crash on odd input,
few enough to run in about a minute on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from pytest_django.fixtures import Settings
from schemathesis.checks import not_a_server_error

from heartwork.wsgi import application
from tests.conftest import Persona, pass_safety_check, tell_situation

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # The real WSGI handler closes the database connection after each request, which
    # would close the test's transaction with it; Django's own test client does this too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_gets_a_server_error(
    case: schemathesis.Case[Any], sam: Persona, settings: Settings
) -> None:
    # The limits would soon answer 429 and hide what the later examples would reach.
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS)
    if not getattr(sam, "ready", False):
        tell_situation(sam)
        pass_safety_check(sam)
        sam.ready = True  # type: ignore[attr-defined]
    case.call_and_validate(headers=sam.auth, checks=[not_a_server_error])
