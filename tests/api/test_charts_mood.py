"""GET /api/v1/charts/mood.svg: mood and sleep from the daily check-in, as one SVG image."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from heartwork.checkin.models import CheckIn
from heartwork.checkin.rules import Answers
from heartwork.checkin.selectors import today_of
from heartwork.checkin.services import save_checkin
from tests.api.conftest import assert_error
from tests.conftest import Persona

URL = "/api/v1/charts/mood.svg"
NS = "{http://www.w3.org/2000/svg}"


def svg_of(response: object) -> ET.Element:
    assert getattr(response, "status_code", None) == 200
    assert response["Content-Type"].startswith("image/svg+xml")  # type: ignore[index]
    assert response["Cache-Control"] == "no-store"  # type: ignore[index]
    root = ET.fromstring(response.content)  # type: ignore[attr-defined]  # noqa: S314
    assert root.tag == f"{NS}svg"
    return root


def polylines(root: ET.Element) -> list[list[str]]:
    return [line.get("points", "").split() for line in root.iter(f"{NS}polyline")]


def fill_days(persona: Persona, days: int) -> date:
    """``days`` daily check-ins up to today, saved without the service's checks (fast)."""
    today = today_of(persona.user)
    for days_ago in range(days):
        row = CheckIn(user=persona.user, day=today - timedelta(days=days_ago))
        row.set_answers(Answers(mood=1 + days_ago % 5, sleep_hours=6 + days_ago % 4))
        row.save(force_insert=True)  # encrypted on save, as in use
    return today


def test_a_new_person_gets_an_empty_chart_with_a_title_not_an_error(
    api: Client, alex: Persona
) -> None:
    root = svg_of(api.get(URL, headers=alex.auth))

    assert root.findtext(f"{NS}title") == "Your mood and sleep"
    assert root.get("role") == "img"
    empty = [node for node in root.iter() if node.get("class") == "chart-empty"]
    assert len(empty) == 1
    assert "No check-ins yet" in "".join(empty[0].itertext())


def test_mood_and_sleep_are_two_charts_in_one_image(api: Client, alex: Persona) -> None:
    today = today_of(alex.user)
    for days_ago, mood, sleep in ((3, 2, 6.0), (2, 3, None), (0, 5, 8.5)):
        save_checkin(
            user=alex.user,
            values={"mood": mood, "sleep_hours": sleep},
            day=today - timedelta(days=days_ago),
        )

    root = svg_of(api.get(URL, headers=alex.auth))

    assert root.findtext(f"{NS}title") == "Your mood and sleep"
    desc = root.findtext(f"{NS}desc") or ""
    assert "mood from 1 (very low) to 5 (very good)" in desc
    assert "mood 5 (Very good)" in desc
    assert "Sleep: 8.5 hours." in desc
    panels = root.findall(f"{NS}svg")
    assert [panel.findtext(f"{NS}title") for panel in panels] == ["Mood", "Sleep"]
    # Three moods; sleep only on the two days it was given.
    assert [len(points) for points in polylines(root)] == [3, 2]


def test_years_of_daily_check_ins_are_drawn_from_weekly_means(api: Client, alex: Persona) -> None:
    fill_days(alex, 730)

    with CaptureQueriesContext(connection) as queries:
        response = api.get(URL, headers=alex.auth)

    root = svg_of(response)
    lines = polylines(root)
    assert all(100 <= len(points) <= 110 for points in lines), [len(p) for p in lines]
    assert "average of one week" in (root.findtext(f"{NS}desc") or "")
    # The token, the person, and one read of every check-in: never one query per day.
    assert len(queries) <= 5
    assert len(response.content) < 60_000


def test_only_your_own_check_ins_are_drawn(api: Client, alex: Persona, sam: Persona) -> None:
    save_checkin(user=alex.user, values={"mood": 4})

    root = svg_of(api.get(URL, headers=sam.auth))

    assert [node for node in root.iter() if node.get("class") == "chart-empty"]


def test_logging_in_is_needed(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
