"""GET /api/v1/charts/wellbeing.svg: both checks as an SVG chart, never cached."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from heartwork.wellbeing.services import record_take
from tests.api.conftest import assert_error
from tests.conftest import Persona
from tests.web.steps import ClientFor

URL = "/api/v1/charts/wellbeing.svg"
NS = "{http://www.w3.org/2000/svg}"
PERSONAL = ("sleep", "energy", "hope", "support", "calm")
RELATIONSHIP = ("feel_now", "respect", "understood", "trust", "settled")


def svg_of(response: object) -> ET.Element:
    assert getattr(response, "status_code", None) == 200
    assert response["Content-Type"].startswith("image/svg+xml")  # type: ignore[index]
    root = ET.fromstring(response.content)  # type: ignore[attr-defined]  # noqa: S314
    assert root.tag == f"{NS}svg"
    return root


def take(persona: Persona, check_id: str, answer: int, days_ago: int = 0) -> None:
    items = PERSONAL if check_id == "personal" else RELATIONSHIP
    record_take(
        user=persona.user,
        check_id=check_id,
        answers=dict.fromkeys(items, answer),
        now=timezone.now() - timedelta(days=days_ago),
    )


def test_a_new_person_gets_an_empty_chart_with_a_title_not_an_error(
    api: Client, alex: Persona
) -> None:
    response = api.get(URL, headers=alex.auth)

    root = svg_of(response)
    assert response["Cache-Control"] == "no-store"
    assert root.findtext(f"{NS}title") == "Your check scores over time"
    assert root.get("role") == "img"
    empty = [node for node in root.iter() if node.get("class") == "chart-empty"]
    assert len(empty) == 1
    assert "No scores yet" in "".join(empty[0].itertext())


def test_both_checks_are_two_lines_over_time(api: Client, alex: Persona) -> None:
    take(alex, "relationship", 2, days_ago=40)
    take(alex, "relationship", 4, days_ago=5)
    take(alex, "personal", 3, days_ago=40)
    take(alex, "personal", 5)

    root = svg_of(api.get(URL, headers=alex.auth))

    legend = next(node for node in root.iter() if node.get("class") == "chart-legend")
    assert [text.text for text in legend.iter(f"{NS}text")] == [
        "How things are between us",
        "How I am doing",
    ]
    assert len(list(root.iter(f"{NS}polyline"))) == 2
    desc = root.findtext(f"{NS}desc") or ""
    assert "How things are between us: 25 when you started, 75 now." in desc
    assert "How I am doing: 50 when you started, 100 now." in desc


def test_another_persons_scores_never_show(api: Client, alex: Persona, sam: Persona) -> None:
    take(sam, "personal", 5)

    root = svg_of(api.get(URL, headers=alex.auth))

    assert [node for node in root.iter() if node.get("class") == "chart-empty"]
    assert "How I am doing: not taken yet." in (root.findtext(f"{NS}desc") or "")


def test_the_web_session_can_fetch_it_too(alex: Persona, client_for: ClientFor) -> None:
    take(alex, "personal", 4)

    root = svg_of(client_for(alex).get(URL))

    assert root.findtext(f"{NS}title") == "Your check scores over time"


def test_without_credentials_it_is_unauthorized(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
