"""GET /api/v1/charts/trust.svg: the balance and the ratio by week, with the 5:1 guide."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.trust import services
from tests.api.conftest import assert_error
from tests.conftest import Persona
from tests.web.steps import ClientFor

URL = "/api/v1/charts/trust.svg"
NS = "{http://www.w3.org/2000/svg}"


def svg_of(response: object) -> ET.Element:
    assert getattr(response, "status_code", None) == 200
    assert response["Content-Type"].startswith("image/svg+xml")  # type: ignore[index]
    root = ET.fromstring(response.content)  # type: ignore[attr-defined]  # noqa: S314
    assert root.tag == f"{NS}svg"
    return root


def log(persona: Persona, direction: str, day: date, times: int = 1) -> None:
    kind = "stayed_calm" if direction == "deposit" else "old_behaviour"
    for _ in range(times):
        services.add_entry(user=persona.user, direction=direction, kind=kind, day=day)


def texts(root: ET.Element, css_class: str) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter() if node.get("class") == css_class]


def test_a_new_person_gets_an_empty_chart_with_a_title_not_an_error(
    api: Client, alex: Persona
) -> None:
    response = api.get(URL, headers=alex.auth)

    root = svg_of(response)
    assert response["Cache-Control"] == "no-store"
    assert root.findtext(f"{NS}title") == "Your trust balance and ratio over time"
    assert root.get("role") == "img"
    assert "Nothing logged yet." in (root.findtext(f"{NS}desc") or "")
    empty = texts(root, "chart-empty")
    assert len(empty) == 2
    assert all("Nothing in your ledger yet" in text for text in empty)


def test_the_balance_and_the_ratio_are_drawn_with_the_5_to_1_guide(
    api: Client, alex: Persona
) -> None:
    today = timezone.localdate()
    log(alex, "withdrawal", today - timedelta(days=21))
    log(alex, "deposit", today - timedelta(days=14), times=3)
    log(alex, "deposit", today, times=4)

    root = svg_of(api.get(URL, headers=alex.auth))

    charts = root.findall(f"{NS}svg")
    assert [chart.findtext(f"{NS}title") for chart in charts] == [
        "Your trust balance over time",
        "Deposits for each withdrawal",
    ]
    assert len(list(root.iter(f"{NS}polyline"))) == 2
    assert any("5 to 1 guide" in text for text in texts(root, "chart-guide"))
    # Each nested chart sits below the one before, inside one image.
    assert float(charts[1].get("y") or 0) > float(charts[0].get("y") or 0)
    desc = root.findtext(f"{NS}desc") or ""
    assert "Latest week: balance 6, 7 to 1." in desc


def test_a_negative_balance_shows_the_even_line(api: Client, alex: Persona) -> None:
    log(alex, "withdrawal", timezone.localdate(), times=3)

    root = svg_of(api.get(URL, headers=alex.auth))

    assert any("Even" in text for text in texts(root, "chart-guide"))


def test_another_persons_entries_never_show(api: Client, alex: Persona, sam: Persona) -> None:
    log(sam, "deposit", timezone.localdate(), times=5)

    root = svg_of(api.get(URL, headers=alex.auth))

    assert len(texts(root, "chart-empty")) == 2


def test_years_of_daily_entries_stay_one_query_and_a_small_image(
    api: Client, alex: Persona
) -> None:
    start = timezone.localdate() - timedelta(days=3 * 365)
    for offset in range(0, 3 * 365, 2):
        log(alex, "deposit" if offset % 6 else "withdrawal", start + timedelta(days=offset))
    api.get(URL, headers=alex.auth)

    with CaptureQueriesContext(connection) as captured:
        response = api.get(URL, headers=alex.auth)

    svg_of(response)
    assert len(response.content) < 100_000
    trust_queries = [q for q in captured.captured_queries if "trust_" in q["sql"]]
    assert len(trust_queries) == 1


def test_the_web_session_can_fetch_it_too(alex: Persona, client_for: ClientFor) -> None:
    log(alex, "deposit", timezone.localdate())

    root = svg_of(client_for(alex).get(URL))

    assert root.findtext(f"{NS}title") == "Your trust balance and ratio over time"


def test_without_credentials_it_is_unauthorized(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
