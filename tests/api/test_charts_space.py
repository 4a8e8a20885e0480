"""GET /api/v1/charts/days-since-contact.svg and /api/v1/charts/urges.svg.

Each is an SVG image with a <title>, never cached, an empty chart (not an error) for a new
person, only the acting person's data, and a bounded size and query count for years of it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import SocialCheck, Urge
from tests.api.conftest import assert_error
from tests.conftest import Persona

DAYS = "/api/v1/charts/days-since-contact.svg"
URGES = "/api/v1/charts/urges.svg"
NS = "{http://www.w3.org/2000/svg}"


def svg_of(response: object) -> ET.Element:
    assert getattr(response, "status_code", None) == 200
    assert response["Content-Type"].startswith("image/svg+xml")  # type: ignore[index]
    assert response["Cache-Control"] == "no-store"  # type: ignore[index]
    root = ET.fromstring(response.content)  # type: ignore[attr-defined]  # noqa: S314
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    return root


def empty_text(root: ET.Element) -> str:
    return " ".join(
        "".join(node.itertext()) for node in root.iter() if node.get("class") == "chart-empty"
    )


def years_of_daily_data(persona: Persona, days: int) -> None:
    now = timezone.now()
    today = timezone.localdate()
    services.set_plan(
        user=persona.user,
        started_on=today - timedelta(days=days),
        planned_days=None,
        last_contact_on=today - timedelta(days=days),
    )
    Urge.objects.bulk_create(
        Urge(
            user=persona.user,
            at=now - timedelta(days=n),
            strength=n % 10 + 1,
            trigger="",
            instead="",
        )
        for n in range(days)
    )
    SocialCheck.objects.bulk_create(
        SocialCheck(user=persona.user, at=now - timedelta(days=n, hours=1))
        for n in range(0, days, 3)
    )
    for n in range(5, days, 40):
        services.log_slip(user=persona.user, how="message", at=now - timedelta(days=n))


@pytest.mark.parametrize(
    ("url", "title", "empty"),
    [
        (DAYS, "Days since your last contact", "Set up your cool-down"),
        (URGES, "Urges and social media checks per day", "No urges noted yet"),
    ],
)
def test_a_new_person_gets_an_empty_chart_with_a_title_not_an_error(
    api: Client, alex: Persona, url: str, title: str, empty: str
) -> None:
    root = svg_of(api.get(url, headers=alex.auth))

    assert root.findtext(f"{NS}title") == title
    assert empty in empty_text(root)


@pytest.mark.parametrize("url", [DAYS, URGES])
def test_the_charts_need_a_log_in(api: Client, db: None, url: str) -> None:
    assert_error(api.get(url), 401, "unauthorized")


def test_the_days_chart_draws_the_run_and_the_total_and_says_todays_numbers(
    api: Client, alex: Persona
) -> None:
    today = timezone.localdate()
    services.set_plan(
        user=alex.user,
        started_on=today - timedelta(days=20),
        planned_days=30,
        last_contact_on=today - timedelta(days=20),
    )
    services.log_slip(user=alex.user, how="call", at=timezone.now() - timedelta(days=4))

    root = svg_of(api.get(DAYS, headers=alex.auth))

    assert len(list(root.iter(f"{NS}polyline"))) == 2
    desc = root.findtext(f"{NS}desc") or ""
    assert "Today: 4 days since your last contact." in desc
    assert "19 days without contact in all." in desc
    assert "the total keeps every day you kept" in desc
    assert not empty_text(root)


def test_the_urges_chart_draws_urges_and_checks_per_day(api: Client, alex: Persona) -> None:
    now = timezone.now()
    services.log_urge(user=alex.user, strength=5, at=now - timedelta(days=3))
    services.log_urge(user=alex.user, strength=7)
    services.log_social_check(user=alex.user)

    root = svg_of(api.get(URGES, headers=alex.auth))

    legend = next(node for node in root.iter() if node.get("class") == "chart-legend")
    assert [text.text for text in legend.iter(f"{NS}text")] == ["Urges", "Social media checks"]
    assert "Last 7 days: 2 urges and 1 social media checks." in (root.findtext(f"{NS}desc") or "")


def test_another_persons_data_never_shows(api: Client, alex: Persona, sam: Persona) -> None:
    services.log_urge(user=sam.user, strength=9)
    services.log_slip(user=sam.user, how="call")

    assert "No urges noted yet" in empty_text(svg_of(api.get(URGES, headers=alex.auth)))
    assert "Set up your cool-down" in empty_text(svg_of(api.get(DAYS, headers=alex.auth)))


@pytest.mark.parametrize("url", [DAYS, URGES])
def test_two_years_of_daily_data_stay_small_and_take_no_more_queries_than_a_week(
    api: Client, alex: Persona, sam: Persona, url: str
) -> None:
    years_of_daily_data(alex, 730)
    years_of_daily_data(sam, 7)
    for persona in (alex, sam):  # warm up: a token's first use is written down once
        api.get(url, headers=persona.auth)

    with CaptureQueriesContext(connection) as week:
        small = api.get(url, headers=sam.auth)
    with CaptureQueriesContext(connection) as years:
        big = api.get(url, headers=alex.auth)

    svg_of(small)
    svg_of(big)
    assert len(years.captured_queries) == len(week.captured_queries)
    assert len(big.content) < 120_000
