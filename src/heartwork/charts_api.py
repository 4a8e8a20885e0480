"""/api/v1/charts: server-rendered SVG charts of the acting person's own data.

The one place for charts as images: each operation builds a chart from its app's
selectors and renders it with heartwork.charts. Every answer is ``image/svg+xml`` with a
``<title>``, never cached (``Cache-Control: no-store``: the picture shows private
scores), and a person with no data yet gets an empty chart with a friendly line inside,
never an error.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.charts import render_line_chart
from heartwork.checkin.chart import mood_svg_of
from heartwork.space import chart as space_chart
from heartwork.trust.chart import trust_svg_of
from heartwork.wellbeing import selectors as wellbeing
from heartwork.wellbeing.chart import CHART_ID as WELLBEING_CHART_ID
from heartwork.wellbeing.chart import wellbeing_chart

router = Router(tags=["charts"], auth=API_AUTH)

SVG_TYPE = "image/svg+xml; charset=utf-8"


def _svg_doc(description: str) -> dict[str, Any]:
    """The OpenAPI entry of an operation that answers with an SVG image."""
    return {
        "responses": {
            200: {
                "description": description,
                "content": {"image/svg+xml": {"schema": {"type": "string"}}},
            }
        }
    }


def svg_response(svg: str) -> HttpResponse:
    response = HttpResponse(svg, content_type=SVG_TYPE)
    response["Cache-Control"] = "no-store"
    return response


@router.get(
    "/wellbeing.svg",
    openapi_extra=_svg_doc("Both well-being checks as two lines of scores (0-100) over time."),
)
def wellbeing_svg(request: HttpRequest) -> HttpResponse:
    """The before/after chart of both well-being checks, as on the /wellbeing/ page."""
    states = wellbeing.history(acting_user(request))
    return svg_response(render_line_chart(wellbeing_chart(states), chart_id=WELLBEING_CHART_ID))


@router.get(
    "/days-since-contact.svg",
    openapi_extra=_svg_doc("Days since the last contact, and all days without contact, per day."),
)
def days_since_contact_svg(request: HttpRequest) -> HttpResponse:
    """The space tracker's runs chart, as on the /space/ page."""
    return svg_response(space_chart.days_svg_of(acting_user(request)))


@router.get(
    "/urges.svg",
    openapi_extra=_svg_doc("Urges and social media checks per day (weekly means past 400 days)."),
)
def urges_svg(request: HttpRequest) -> HttpResponse:
    """Urges and social media checks per day, as on the /space/ page."""
    return svg_response(space_chart.urges_svg_of(acting_user(request)))


@router.get(
    "/mood.svg",
    openapi_extra=_svg_doc("Mood (1-5) and hours of sleep per check-in day (weekly past 400)."),
)
def mood_svg(request: HttpRequest) -> HttpResponse:
    """Mood and sleep from the daily check-in, as on the /checkin/ page."""
    return svg_response(mood_svg_of(acting_user(request)))


@router.get(
    "/trust.svg",
    openapi_extra=_svg_doc("The trust balance and deposits per withdrawal by week, 5:1 guide."),
)
def trust_svg(request: HttpRequest) -> HttpResponse:
    """The trust ledger's two charts in one image, as on the /trust/ page."""
    return svg_response(trust_svg_of(acting_user(request)))
