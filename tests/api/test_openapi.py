"""GET /api/openapi.json: the machine-readable description of the whole API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

OPENAPI_URL = "/api/openapi.json"

EVERY_ROUTE = {
    "/api/v1/agreements": {"get"},
    "/api/v1/agreements/review": {"put"},
    "/api/v1/agreements/{section_id}/history": {"get"},
    "/api/v1/agreements/{section_id}/draft": {"put", "delete"},
    "/api/v1/agreements/{section_id}/proposals": {"post"},
    "/api/v1/agreements/versions/{version_id}/accept": {"post"},
    "/api/v1/agreements/versions/{version_id}/withdraw": {"post"},
    "/api/v1/auth/signup": {"post"},
    "/api/v1/auth/token": {"post", "delete"},
    "/api/v1/auth/me": {"get", "patch"},
    "/api/v1/account": {"delete"},
    "/api/v1/account/export": {"post"},
    "/api/v1/journal/entries": {"get", "post"},
    "/api/v1/journal/entries/{entry_id}": {"get", "patch", "delete"},
    "/api/v1/coach/analyze": {"post"},
    "/api/v1/coach/drafts": {"get", "post"},
    "/api/v1/coach/drafts/{draft_id}": {"get", "patch", "delete"},
    "/api/v1/safety/scan": {"post"},
    "/api/v1/safety/screens": {"get"},
    "/api/v1/safety/screens/{screen_id}": {"post"},
    "/api/v1/safety/status": {"get"},
    "/api/v1/partners": {"get", "post"},
    "/api/v1/partners/{partner_id}/end": {"post"},
    "/api/v1/program": {"get"},
    "/api/v1/program/stages/{stage_id}": {"get"},
    "/api/v1/program/stages/{stage_id}/exercises/{exercise_id}": {"get"},
    "/api/v1/program/stages/{stage_id}/exercises/{exercise_id}/answers": {"post"},
    "/api/v1/program/stages/{stage_id}/done": {"post"},
    "/api/v1/onboarding": {"get"},
    "/api/v1/wellbeing": {"get"},
    "/api/v1/wellbeing/{check}": {"get", "post"},
    "/api/v1/charts/wellbeing.svg": {"get"},
    "/api/v1/space/summary": {"get"},
    "/api/v1/space/plan": {"get", "put", "delete"},
    "/api/v1/space/urges": {"get", "post"},
    "/api/v1/space/urges/{urge_id}": {"get", "patch", "delete"},
    "/api/v1/space/slips": {"get", "post"},
    "/api/v1/space/slips/{slip_id}": {"get", "patch", "delete"},
    "/api/v1/space/social-checks": {"get", "post"},
    "/api/v1/space/social-checks/{check_id}": {"delete"},
    "/api/v1/space/letters": {"get", "post"},
    "/api/v1/space/letters/{letter_id}": {"get", "patch", "delete"},
    "/api/v1/charts/days-since-contact.svg": {"get"},
    "/api/v1/charts/urges.svg": {"get"},
    "/api/v1/checkin": {"get", "post"},
    "/api/v1/checkin/summary": {"get"},
    "/api/v1/checkin/{day}": {"get", "patch", "delete"},
    "/api/v1/charts/mood.svg": {"get"},
    "/api/v1/journal/prompts": {"get"},
    "/api/v1/onboarding/situation": {"get", "post"},
    "/api/v1/trust/summary": {"get"},
    "/api/v1/trust/consistency": {"get"},
    "/api/v1/trust/weeks": {"get"},
    "/api/v1/trust/entries": {"get", "post"},
    "/api/v1/trust/entries/{entry_id}": {"get", "patch", "delete"},
    "/api/v1/trust/commitments": {"get", "post"},
    "/api/v1/trust/commitments/{commitment_id}": {"get", "patch", "delete"},
    "/api/v1/charts/trust.svg": {"get"},
    "/api/v1/rituals": {"get", "post"},
    "/api/v1/rituals/summary": {"get"},
    "/api/v1/rituals/time": {"get", "post"},
    "/api/v1/rituals/time/{time_id}": {"delete"},
    "/api/v1/rituals/reflections": {"get", "post"},
    "/api/v1/rituals/reflections/{reflection_id}": {"delete"},
    "/api/v1/rituals/{ritual_id}": {"get", "patch", "delete"},
    "/api/v1/rituals/{ritual_id}/done": {"get", "post"},
    "/api/v1/rituals/{ritual_id}/done/{day}": {"delete"},
    "/api/v1/reminders": {"get"},
    "/api/v1/reminders/inbox": {"get"},
    "/api/v1/reminders/inbox/read": {"post"},
    "/api/v1/reminders/inbox/{delivery_id}/read": {"post"},
    "/api/v1/reminders/preferences": {"get", "patch"},
    "/api/v1/reminders/checkin": {"put", "delete"},
    "/api/v1/reminders/rituals/{ritual_id}": {"put", "delete"},
    "/api/v1/reminders/feed": {"post", "delete"},
    "/api/v1/partner/status": {"get"},
    "/api/v1/partner/invites": {"get", "post"},
    "/api/v1/partner/invites/{invite_id}": {"delete"},
    "/api/v1/partner/accept": {"post"},
    "/api/v1/partner/unpair": {"post"},
    "/api/v1/partner/exercises": {"get"},
    "/api/v1/partner/exercises/{exercise_id}": {"get"},
    "/api/v1/partner/exercises/{exercise_id}/answers": {"post"},
    "/api/v1/partner/exercises/{exercise_id}/reveal": {"get"},
    "/api/v1/partner/confirmations": {"get"},
    "/api/v1/partner/confirmations/deposits": {"get"},
    "/api/v1/partner/confirmations/{entry_id}": {"put"},
}


@pytest.fixture
def document(api: Client, db: None) -> dict[str, Any]:
    response = api.get(OPENAPI_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    openapi: dict[str, Any] = response.json()
    return openapi


def test_the_document_is_served_without_logging_in(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Heartwork API"


def test_the_document_lists_every_route_and_method(document: dict[str, Any]) -> None:
    listed = {path: set(operations) for path, operations in document["paths"].items()}

    assert listed == EVERY_ROUTE


def test_only_signing_up_and_getting_a_token_need_no_credentials(
    document: dict[str, Any],
) -> None:
    open_calls = {
        (path, method)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if not operation.get("security")
    }

    assert open_calls == {("/api/v1/auth/signup", "post"), ("/api/v1/auth/token", "post")}


def test_the_document_describes_bearer_tokens(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"].values()

    assert any(
        scheme.get("type") == "http" and scheme.get("scheme") == "bearer" for scheme in schemes
    )


def test_the_list_call_documents_limit_and_offset(document: dict[str, Any]) -> None:
    parameters = document["paths"]["/api/v1/journal/entries"]["get"]["parameters"]

    assert {parameter["name"] for parameter in parameters} >= {"limit", "offset"}
