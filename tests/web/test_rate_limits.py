"""Log-in, sign-up, token and coach pages slow down a client that sends too much.

Each test sets a small limit through settings.RATE_LIMITS; the defaults are covered by
tests/test_deploy_check.py and docs/security.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.fixtures import Settings

from heartwork.accounts.models import ApiToken, User
from heartwork.core.models import RateCounter
from heartwork.core.ratelimit import Rate
from tests.conftest import PASSWORD, Persona, csrf_post, pass_safety_check
from tests.web.pages import html_of, inline_scripts, inline_styles
from tests.web.steps import ClientFor, grant_sudo, is_logged_in_as, log_in


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


def from_address(address: str) -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def test_log_in_attempts_from_one_address_over_the_limit_get_a_please_wait_page(
    settings: Settings, alex: Persona, sam: Persona
) -> None:
    limit(settings, "login", 3)
    client = from_address("203.0.113.7")
    for n in range(3):
        assert log_in(client, f"nobody{n}@example.org", "wrong password").status_code == 200

    refused = log_in(client, alex.email, alex.password)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 600
    assert "Please slow down" in refused.content.decode()
    assert not is_logged_in_as(client, alex)


def test_the_please_wait_page_keeps_the_strict_page_rules(settings: Settings, db: None) -> None:
    limit(settings, "login", 1)
    client = from_address("203.0.113.8")
    log_in(client, "a@example.org", "wrong password")

    refused = log_in(client, "a@example.org", "wrong password")

    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/html")
    assert "'unsafe-inline'" not in refused["Content-Security-Policy"]
    assert refused["X-Frame-Options"] == "DENY"
    doc = html_of(refused)
    assert inline_scripts(doc) == [] and inline_styles(doc) == []


def test_showing_the_log_in_form_costs_nothing(settings: Settings, alex: Persona) -> None:
    limit(settings, "login", 1)
    client = from_address("203.0.113.9")
    for _ in range(5):
        assert client.get("/accounts/login/").status_code == 200

    assert log_in(client, alex.email, alex.password).status_code == 302
    assert is_logged_in_as(client, alex)


def test_one_busy_address_does_not_slow_down_another(settings: Settings, alex: Persona) -> None:
    limit(settings, "login", 2)
    busy = from_address("198.51.100.1")
    for _ in range(3):
        log_in(busy, alex.email, "wrong password")

    other = from_address("198.51.100.2")

    assert log_in(other, alex.email, alex.password).status_code == 302


def test_addresses_in_one_ipv6_network_share_a_count(settings: Settings, db: None) -> None:
    # A client given a /64 could otherwise use a fresh address for every request.
    limit(settings, "login", 2)
    for host in ("1", "2"):
        log_in(from_address(f"2001:db8:1:2::{host}"), "a@example.org", "wrong password")

    refused = log_in(from_address("2001:db8:1:2::3"), "a@example.org", "wrong password")
    elsewhere = log_in(from_address("2001:db8:1:3::1"), "a@example.org", "wrong password")

    assert refused.status_code == 429
    assert elsewhere.status_code == 200


def test_the_count_starts_again_in_the_next_window(settings: Settings, alex: Persona) -> None:
    limit(settings, "login", 1, seconds=60)
    client = from_address("203.0.113.10")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(client, alex.email, "wrong password")
        assert log_in(client, alex.email, alex.password).status_code == 429
        clock.shift(timedelta(seconds=61))

        assert log_in(client, alex.email, alex.password).status_code == 302


def test_confirming_the_password_counts_as_a_log_in_attempt(
    settings: Settings, alex: Persona, client_for: ClientFor
) -> None:
    limit(settings, "login", 2)
    client = client_for(alex)
    for _ in range(2):
        csrf_post(client, "/accounts/confirm/", {"password": "wrong password"})

    refused = csrf_post(client, "/accounts/confirm/", {"password": alex.password})

    assert refused.status_code == 429


def test_sign_ups_from_one_address_over_the_limit_create_no_account(
    settings: Settings, db: None
) -> None:
    limit(settings, "signup", 2, seconds=3600)
    client = from_address("203.0.113.20")
    for n in range(2):
        # A fresh browser each time: a logged-in one is sent home instead.
        assert sign_up(from_address("203.0.113.20"), f"new{n}@example.org").status_code == 302

    refused = sign_up(client, "third@example.org")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 60
    assert not User.objects.filter(email="third@example.org").exists()
    assert client.get("/accounts/signup/").status_code == 200


def sign_up(client: Client, email: str) -> HttpResponse:
    form = {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    return csrf_post(client, "/accounts/signup/", form)


def test_making_api_tokens_is_limited_per_account(
    settings: Settings, alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    limit(settings, "token", 2, seconds=3600)
    client = client_for(alex)
    grant_sudo(client)
    for n in range(2):
        assert csrf_post(client, "/accounts/tokens/", {"label": f"phone {n}"}).status_code == 200

    refused = csrf_post(client, "/accounts/tokens/", {"label": "one too many"})
    other = client_for(sam)
    grant_sudo(other)

    assert refused.status_code == 429
    assert not ApiToken.objects.filter(label="one too many").exists()
    assert csrf_post(other, "/accounts/tokens/", {"label": "sam's"}).status_code == 200


def test_the_coach_panel_is_limited_per_account_not_per_address(
    settings: Settings, alex_checked: Persona, sam: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(sam)
    limit(settings, "coach", 3, seconds=60)
    client = client_for(alex_checked)
    text = {"text": "I miss you and I hope you are well.", "kind": "reach_out"}
    for _ in range(3):
        assert csrf_post(client, "/coach/analyze/", text).status_code == 200

    refused = csrf_post(client, "/coach/analyze/", text)
    whole_page = csrf_post(client, "/coach/", {**text, "action": "check"})
    same_address_other_person = csrf_post(client_for(sam), "/coach/analyze/", text)

    assert refused.status_code == 429
    assert whole_page.status_code == 429
    assert same_address_other_person.status_code == 200


def test_no_limit_applies_when_a_scope_is_off(settings: Settings, alex: Persona) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": None}
    client = from_address("203.0.113.30")
    for _ in range(40):
        csrf_post(client, "/accounts/login/", {"username": "", "password": ""})

    assert log_in(client, alex.email, alex.password).status_code == 302
    assert not RateCounter.objects.exists()


@pytest.mark.parametrize("address", ["203.0.113.40", "2001:db8::40"])
def test_the_counters_hold_neither_the_address_nor_the_account(
    settings: Settings, alex_checked: Persona, client_for: ClientFor, address: str
) -> None:
    limit(settings, "login", 5)
    limit(settings, "coach", 5)
    log_in(from_address(address), alex_checked.email, "wrong password")
    client = client_for(alex_checked)
    csrf_post(client, "/coach/analyze/", {"text": "hello there", "kind": "reach_out"})

    keys = list(RateCounter.objects.values_list("key", flat=True))

    # Only the log-in attempt: the coach counts in memory and writes nothing (see below).
    assert len(keys) == 1
    for key in keys:
        assert address not in key and "2001" not in key
        assert str(alex_checked.user.pk) not in key and alex_checked.email not in key


def test_the_coach_limit_writes_nothing_to_the_database(
    settings: Settings, alex_checked: Persona, client_for: ClientFor
) -> None:
    # Analysing promises to store nothing, not even how often someone asked.
    limit(settings, "coach", 2, seconds=60)
    client = client_for(alex_checked)
    client.get("/coach/")
    text = {"text": "I hope you are well.", "kind": "reach_out"}

    with CaptureQueriesContext(connection) as queries:
        statuses = [csrf_post(client, "/coach/analyze/", text).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not RateCounter.objects.exists()


def behind_proxy(forwarded_for: str) -> Client:
    return Client(
        enforce_csrf_checks=True, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_a_forwarded_address_is_ignored_unless_proxies_are_trusted(
    settings: Settings, db: None
) -> None:
    limit(settings, "login", 1)
    log_in(behind_proxy("203.0.113.50"), "a@example.org", "wrong password")

    # Without HEARTWORK_TRUSTED_PROXIES anyone could write the header: both are 127.0.0.1.
    refused = log_in(behind_proxy("203.0.113.51"), "a@example.org", "wrong password")

    assert refused.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_count(
    settings: Settings, alex: Persona
) -> None:
    settings.TRUSTED_PROXIES = 1
    limit(settings, "login", 1)
    log_in(behind_proxy("203.0.113.60"), alex.email, "wrong password")

    refused = log_in(behind_proxy("203.0.113.60"), alex.email, alex.password)
    other = log_in(behind_proxy("203.0.113.61"), alex.email, alex.password)

    assert refused.status_code == 429
    assert other.status_code == 302


def test_a_client_cannot_pick_its_address_by_writing_the_header_itself(
    settings: Settings, db: None
) -> None:
    settings.TRUSTED_PROXIES = 1
    limit(settings, "login", 1)
    log_in(behind_proxy("198.51.100.9, 203.0.113.70"), "a@example.org", "wrong password")

    # The proxy appended the real address last; what the client sent is further left.
    refused = log_in(behind_proxy("10.9.8.7, 203.0.113.70"), "a@example.org", "wrong password")

    assert refused.status_code == 429


def test_the_log_in_lock_counts_by_the_same_forwarded_address(
    settings: Settings, alex: Persona
) -> None:
    settings.TRUSTED_PROXIES = 1
    for n in range(5):
        log_in(behind_proxy("203.0.113.80"), alex.email, f"guess {n}")

    locked = log_in(behind_proxy("203.0.113.80"), alex.email, alex.password)
    elsewhere = log_in(behind_proxy("203.0.113.81"), alex.email, alex.password)

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_a_forwarded_value_that_is_not_an_address_counts_as_the_proxy(
    settings: Settings, db: None
) -> None:
    settings.TRUSTED_PROXIES = 1
    limit(settings, "login", 1)
    log_in(behind_proxy("not an address"), "a@example.org", "wrong password")

    refused = log_in(behind_proxy("also nonsense"), "a@example.org", "wrong password")

    assert refused.status_code == 429
