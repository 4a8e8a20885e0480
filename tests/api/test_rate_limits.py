"""Sign-up, token and coach API calls over their limit get 429 rate_limited with Retry-After."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from heartwork.accounts.models import ApiToken, User
from heartwork.core.ratelimit import Rate
from tests.api.conftest import (
    ANALYZE_URL,
    JSON,
    SIGNUP_URL,
    TOKEN_URL,
    assert_error,
)
from tests.conftest import PASSWORD, Persona, pass_safety_check

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


@pytest.fixture(autouse=True)
def _still_clock() -> Iterator[None]:
    # Windows are fixed and line up with the hour, so a clock stopped just before one
    # ends would start the count again or shorten Retry-After. Stop it a second into
    # the next hour instead: every window the tests use (10 minutes, an hour) has just begun.
    next_hour = timezone.now().replace(minute=0, second=1, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(next_hour, tick=False):
        yield


def limit(settings: Settings, scope: str, count: int, seconds: int = 600) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: Rate(limit=count, seconds=seconds)}


def post(client: Client, url: str, body: object, **headers: str) -> Response:
    return client.post(url, json.dumps(body), content_type=JSON, headers=headers)


def assert_rate_limited(response: Response, most_seconds: int) -> None:
    error = assert_error(response, 429, "rate_limited")
    assert "wait" in error["message"]
    assert 1 <= int(response["Retry-After"]) <= most_seconds


def test_token_requests_over_the_log_in_limit_are_refused_before_the_password_is_checked(
    settings: Settings, api: Client, alex: Persona
) -> None:
    limit(settings, "login", 2)
    for _ in range(2):
        wrong = post(api, TOKEN_URL, {"email": alex.email, "password": "wrong password"})
        assert wrong.status_code == 401
    tokens_before = ApiToken.objects.count()

    refused = post(api, TOKEN_URL, {"email": alex.email, "password": alex.password})

    assert_rate_limited(refused, 600)
    assert ApiToken.objects.count() == tokens_before


def test_new_tokens_are_limited_even_with_the_right_password(
    settings: Settings, api: Client, alex: Persona
) -> None:
    limit(settings, "token", 2, seconds=3600)
    right = {"email": alex.email, "password": alex.password, "label": "laptop"}
    for _ in range(2):
        assert post(api, TOKEN_URL, right).status_code == 200

    assert_rate_limited(post(api, TOKEN_URL, right), 3600)


def test_sign_ups_over_the_limit_create_no_account(
    settings: Settings, api: Client, db: None
) -> None:
    limit(settings, "signup", 1, seconds=3600)
    first = post(api, SIGNUP_URL, {"email": "one@example.org", "password": PASSWORD})
    assert first.status_code == 201

    refused = post(api, SIGNUP_URL, {"email": "two@example.org", "password": PASSWORD})

    assert_rate_limited(refused, 3600)
    assert not User.objects.filter(email="two@example.org").exists()


def test_another_address_can_still_sign_up(settings: Settings, db: None) -> None:
    limit(settings, "signup", 1, seconds=3600)
    busy, other = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    post(busy, SIGNUP_URL, {"email": "one@example.org", "password": PASSWORD})
    assert_rate_limited(
        post(busy, SIGNUP_URL, {"email": "x@example.org", "password": PASSWORD}), 3600
    )

    response = post(other, SIGNUP_URL, {"email": "two@example.org", "password": PASSWORD})

    assert response.status_code == 201


def test_analysing_is_limited_per_account(
    settings: Settings, api: Client, alex: Persona, sam: Persona
) -> None:
    pass_safety_check(alex)
    pass_safety_check(sam)
    limit(settings, "coach", 3, seconds=60)
    draft = {"text": "I hope you are well. I would like to talk one day."}
    for _ in range(3):
        assert post(api, ANALYZE_URL, draft, **alex.auth).status_code == 200

    assert_rate_limited(post(api, ANALYZE_URL, draft, **alex.auth), 60)
    assert post(api, ANALYZE_URL, draft, **sam.auth).status_code == 200


def test_calls_without_a_log_in_are_refused_as_unauthorized_not_rate_limited(
    settings: Settings, api: Client, db: None
) -> None:
    # ninja refuses them before the view (and its limit) runs.
    limit(settings, "coach", 1, seconds=60)
    for _ in range(3):
        anonymous = post(api, ANALYZE_URL, {"text": "hello"})
        assert_error(anonymous, 401, "unauthorized")


def test_the_default_limits_allow_live_analysis_as_someone_types(
    api: Client, alex: Persona
) -> None:
    # htmx asks for an analysis after each pause in typing: a minute of that is fine.
    pass_safety_check(alex)
    statuses = {
        post(api, ANALYZE_URL, {"text": "word " * n}, **alex.auth).status_code for n in range(1, 61)
    }

    assert statuses == {200}
