"""GET /api/v1/trust/summary, /consistency and /weeks: the ledger's numbers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.trust import services
from heartwork.trust.ledger import week_start
from tests.api.conftest import assert_error
from tests.conftest import Persona

SUMMARY_URL = "/api/v1/trust/summary"
CONSISTENCY_URL = "/api/v1/trust/consistency"
WEEKS_URL = "/api/v1/trust/weeks"


def log(persona: Persona, direction: str, days_ago: int = 0, times: int = 1) -> None:
    kind = "kept_word" if direction == "deposit" else "broke_promise"
    day = timezone.localdate() - timedelta(days=days_ago)
    for _ in range(times):
        services.add_entry(user=persona.user, direction=direction, kind=kind, day=day)


def get(api: Client, persona: Persona, url: str) -> Any:
    response = api.get(url, headers=persona.auth)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_new_person_gets_zeros_and_no_follow_through_yet(api: Client, alex: Persona) -> None:
    assert get(api, alex, SUMMARY_URL) == {
        "balance": 0,
        "deposits": 0,
        "withdrawals": 0,
        "ratio": 0.0,
        "follow_through_rate": None,
    }


def test_the_summary_has_exactly_the_documented_fields(api: Client, alex: Persona) -> None:
    log(alex, "deposit", times=7)
    log(alex, "withdrawal", times=3)

    found = get(api, alex, SUMMARY_URL)

    assert set(found) == {"balance", "deposits", "withdrawals", "ratio", "follow_through_rate"}
    assert (found["balance"], found["deposits"], found["withdrawals"]) == (4, 7, 3)
    assert found["ratio"] == 2.33


def test_with_no_withdrawals_the_ratio_is_still_a_number(api: Client, alex: Persona) -> None:
    log(alex, "deposit", times=6)

    assert get(api, alex, SUMMARY_URL)["ratio"] == 6.0


def test_a_balance_can_go_below_zero(api: Client, alex: Persona) -> None:
    log(alex, "withdrawal", times=2)

    found = get(api, alex, SUMMARY_URL)

    assert (found["balance"], found["ratio"]) == (-2, 0.0)


def test_another_persons_entries_never_count(api: Client, alex: Persona, sam: Persona) -> None:
    log(sam, "deposit", times=3)

    assert get(api, alex, SUMMARY_URL)["deposits"] == 0


def test_consistency_lists_the_weeks_since_the_first_entry(api: Client, alex: Persona) -> None:
    this_monday = week_start(timezone.localdate())
    today_offset = (timezone.localdate() - this_monday).days
    log(alex, "deposit", days_ago=today_offset + 14)  # two weeks ago: steady
    log(alex, "deposit", days_ago=today_offset + 7)  # last week: mixed
    log(alex, "withdrawal", days_ago=today_offset + 6)
    log(alex, "deposit", days_ago=0)  # this week so far

    found = get(api, alex, CONSISTENCY_URL)

    assert [week["kind"] for week in found["weeks"]] == ["steady", "mixed"]
    assert found["weeks"][0]["start"] == (this_monday - timedelta(days=14)).isoformat()
    assert (found["steady"], found["counted"], found["run"]) == (1, 2, 0)
    assert found["this_week"] == {
        "start": this_monday.isoformat(),
        "deposits": 1,
        "withdrawals": 0,
        "kind": "steady",
    }


def test_weeks_give_the_balance_and_the_ratio_week_by_week(api: Client, alex: Persona) -> None:
    monday = week_start(timezone.localdate())
    offset = (timezone.localdate() - monday).days
    log(alex, "withdrawal", days_ago=offset + 7)
    log(alex, "deposit", days_ago=0, times=3)

    found = get(api, alex, WEEKS_URL)["weeks"]

    assert found == [
        {
            "start": (monday - timedelta(days=7)).isoformat(),
            "deposits": 0,
            "withdrawals": 1,
            "balance": -1,
            "ratio": 0.0,
        },
        {"start": monday.isoformat(), "deposits": 3, "withdrawals": 0, "balance": 2, "ratio": 3.0},
    ]


def queries(api: Client, persona: Persona, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(api, persona, url)
    return len(captured.captured_queries)


def test_years_of_entries_cost_the_same_few_queries(api: Client, alex: Persona) -> None:
    log(alex, "deposit")
    urls = (SUMMARY_URL, CONSISTENCY_URL, WEEKS_URL)
    get(api, alex, SUMMARY_URL)  # the token's first use of the day is noted once
    few = [queries(api, alex, url) for url in urls]
    start = date(2023, 1, 1)
    for offset in range(0, 730, 2):
        services.add_entry(
            user=alex.user,
            direction="deposit" if offset % 4 else "withdrawal",
            kind="kept_word" if offset % 4 else "old_behaviour",
            day=start + timedelta(days=offset),
        )

    assert [queries(api, alex, url) for url in urls] == few
    assert get(api, alex, SUMMARY_URL)["deposits"] == 1 + 182


def test_without_credentials_it_is_unauthorized(api: Client, db: None) -> None:
    for url in (SUMMARY_URL, CONSISTENCY_URL, WEEKS_URL):
        assert_error(api.get(url), 401, "unauthorized")
