"""GET /api/v1/space/summary: days since contact, urges of the last 7 days, slips, and more.

Days are the person's own local days. The clock is frozen by passing ``now`` to the
selector the endpoint reads (heartwork.space.selectors.summary_card), and by patching
django.utils.timezone.now for the endpoint itself; times are built in the person's zone,
across the spring and autumn clock changes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from heartwork.space import services
from heartwork.space.selectors import history, summary_card, summary_of
from tests.api.conftest import assert_error
from tests.conftest import Persona

URL = "/api/v1/space/summary"
KEYS = {
    "days_since_contact",
    "urges_last_7_days",
    "slips_total",
    "longest_run_days",
    "days_without_contact",
    "urges_previous_7_days",
    "urge_strength_last_7_days",
    "social_checks_last_7_days",
    "social_checks_previous_7_days",
    "today",
    "cool_down",
}
DUBLIN = ZoneInfo("Europe/Dublin")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def live_in(persona: Persona, zone: str) -> None:
    persona.user.time_zone = zone
    persona.user.save(update_fields=["time_zone"])


def local(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def test_a_new_person_gets_the_exact_keys_with_nothing_known_yet(
    api: Client, alex: Persona
) -> None:
    response = api.get(URL, headers=alex.auth)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == KEYS
    assert body["days_since_contact"] is None
    assert body["urges_last_7_days"] == 0
    assert body["slips_total"] == 0
    assert body["cool_down"] is None
    assert body["urge_strength_last_7_days"] is None


def test_the_summary_needs_a_log_in(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")


def test_a_cool_down_with_urges_and_a_slip_adds_up(api: Client, alex: Persona) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    services.set_plan(
        user=alex.user,
        started_on=today - timedelta(days=20),
        planned_days=30,
        last_contact_on=today - timedelta(days=21),
    )
    services.log_slip(user=alex.user, how="message", at=now - timedelta(days=5))
    for days_ago, strength in ((0, 8), (1, 4), (9, 9)):
        services.log_urge(user=alex.user, strength=strength, at=now - timedelta(days=days_ago))
    services.log_social_check(user=alex.user)

    body = api.get(URL, headers=alex.auth).json()

    assert body["days_since_contact"] == 5
    assert body["slips_total"] == 1
    assert body["longest_run_days"] == 15
    assert body["days_without_contact"] == 20  # 22 days, less the two contact days
    assert body["urges_last_7_days"] == 2
    assert body["urges_previous_7_days"] == 1
    assert body["urge_strength_last_7_days"] == 6.0
    assert body["social_checks_last_7_days"] == 1
    assert body["cool_down"] == {
        "started_on": (today - timedelta(days=20)).isoformat(),
        "planned_days": 30,
        "last_contact_on": (today - timedelta(days=21)).isoformat(),
        "day_number": 21,
        "ends_on": (today + timedelta(days=10)).isoformat(),
        "days_left": 10,
        "finished": False,
    }


def test_another_persons_records_never_count(api: Client, alex: Persona, sam: Persona) -> None:
    services.log_urge(user=sam.user, strength=5)
    services.log_slip(user=sam.user, how="call")

    body = api.get(URL, headers=alex.auth).json()

    assert body["urges_last_7_days"] == 0
    assert body["slips_total"] == 0


def test_the_endpoint_counts_days_on_the_persons_own_clock(api: Client, alex: Persona) -> None:
    live_in(alex, "Pacific/Auckland")
    # 4 December 23:30 UTC is already 5 December, 12:30 in Auckland.
    frozen = datetime(2026, 12, 4, 23, 30, tzinfo=ZoneInfo("UTC"))
    services.log_urge(
        user=alex.user, strength=3, at=local(AUCKLAND, 2026, 11, 28, 0, 30), now=frozen
    )
    services.log_urge(
        user=alex.user, strength=3, at=local(AUCKLAND, 2026, 11, 28, 23, 59), now=frozen
    )
    services.log_urge(
        user=alex.user, strength=3, at=local(AUCKLAND, 2026, 11, 29, 0, 0), now=frozen
    )

    with mock.patch("django.utils.timezone.now", return_value=frozen):
        body = api.get(URL, headers=alex.auth).json()

    assert body["today"] == "2026-12-05"
    # The last 7 days are 29 November to 5 December, Auckland time.
    assert body["urges_last_7_days"] == 1
    assert body["urges_previous_7_days"] == 2


# -- day boundaries and clock changes, through the selector with a frozen now ----------


def test_an_urge_just_before_local_midnight_counts_on_that_day_not_the_next(
    alex: Persona,
) -> None:
    live_in(alex, "Europe/Dublin")
    now = local(DUBLIN, 2026, 3, 29, 12, 0)  # the day the clocks go forward
    services.log_urge(user=alex.user, strength=5, at=local(DUBLIN, 2026, 3, 22, 23, 59), now=now)
    services.log_urge(user=alex.user, strength=5, at=local(DUBLIN, 2026, 3, 23, 0, 0), now=now)
    # 00:30 GMT on the day of the change, before the hour that does not exist.
    services.log_urge(user=alex.user, strength=5, at=local(DUBLIN, 2026, 3, 29, 0, 30), now=now)

    summary = summary_card(alex.user, now=now)

    assert summary.today == date(2026, 3, 29)
    assert summary.urges_last_7_days == 2  # 23 to 29 March
    assert summary.urges_previous_7_days == 1


def test_a_late_evening_slip_in_new_york_counts_on_its_local_day_across_the_autumn_change(
    alex: Persona,
) -> None:
    live_in(alex, "America/New_York")
    # 23:30 on Saturday 31 October, daylight time: 03:30 UTC on 1 November.
    slip_at = local(NEW_YORK, 2026, 10, 31, 23, 30)
    now = local(NEW_YORK, 2026, 11, 2, 9, 0)  # Monday, standard time
    services.set_plan(
        user=alex.user,
        started_on=date(2026, 10, 20),
        planned_days=None,
        last_contact_on=date(2026, 10, 19),
        now=now,
    )
    services.log_slip(user=alex.user, how="call", at=slip_at, now=now)

    summary = summary_card(alex.user, now=now)

    assert summary.days_since_contact == 2  # 31 October, then 1 and 2 November
    assert summary.longest_run_days == 11  # 20 to 30 October
    assert summary.days_without_contact == 13
    assert summary.cool_down is not None and summary.cool_down.day_number == 14


def test_the_same_moment_is_a_different_day_in_another_time_zone(alex: Persona) -> None:
    at = datetime(2026, 6, 10, 23, 30, tzinfo=ZoneInfo("UTC"))  # 11:30 on 11 June in Auckland
    services.log_urge(user=alex.user, strength=7, at=at, now=at)
    # 17 June 01:00 UTC is 13:00 in Auckland: both count the days 11 to 17 June.
    later = datetime(2026, 6, 17, 1, 0, tzinfo=ZoneInfo("UTC"))

    in_utc = summary_card(alex.user, now=later)
    live_in(alex, "Pacific/Auckland")
    in_auckland = summary_card(alex.user, now=later)

    # On 10 June in UTC (outside the week), on 11 June in Auckland (inside it).
    assert (in_utc.today, in_utc.urges_last_7_days) == (date(2026, 6, 17), 0)
    assert (in_auckland.today, in_auckland.urges_last_7_days) == (date(2026, 6, 17), 1)


def test_the_summary_reads_two_weeks_of_urges_and_counts_as_if_it_read_them_all(
    alex: Persona,
) -> None:
    # The card and the endpoint read only the last two weeks of urges and looks. In
    # Santiago the clocks go forward at midnight: 6 September 2026 starts at 01:00, and
    # it is the first of the two weeks counted on 19 September.
    live_in(alex, "America/Santiago")
    santiago = ZoneInfo("America/Santiago")
    now = local(santiago, 2026, 9, 19, 12, 0)
    for at in (
        local(santiago, 2026, 8, 1, 9, 0),  # long before: in no week
        local(santiago, 2026, 9, 5, 23, 59),  # the last minute before the two weeks
        local(santiago, 2026, 9, 6, 1, 0),  # the first minute of them
        local(santiago, 2026, 9, 12, 23, 59),  # the last minute of the week before
        local(santiago, 2026, 9, 13, 0, 0),  # the first of the last 7 days
        local(santiago, 2026, 9, 19, 11, 0),
    ):
        services.log_urge(user=alex.user, strength=4, at=at, now=now)
        services.log_social_check(user=alex.user, at=at, now=now)
    services.log_slip(user=alex.user, how="message", at=local(santiago, 2026, 8, 1, 10, 0), now=now)

    summary = summary_card(alex.user, now=now)

    assert summary == summary_of(history(alex.user, now=now))
    assert (summary.urges_last_7_days, summary.urges_previous_7_days) == (2, 2)
    assert (summary.social_checks_last_7_days, summary.social_checks_previous_7_days) == (2, 2)
    assert summary.slips_total == 1
    assert summary.days_since_contact == 49  # 1 August to 19 September
