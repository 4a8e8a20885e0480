"""The safety gate on /api/v1/rituals: every write is refused while it holds; reading and
deleting one's own rows never are.

The operations are found by walking the rituals router, so a new write cannot slip past.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.rituals import services
from heartwork.rituals.api import router
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, pass_safety_check
from tests.program.steps import lock_with_an_order

PREFIX = "/api/v1/rituals"
WRITES = {"POST", "PATCH", "PUT"}
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", ""): {"name": "Tea after work", "cadence": "daily"},
    ("PATCH", "/{ritual_id}"): {"name": "Tea at six"},
    ("POST", "/{ritual_id}/done"): {},
    ("POST", "/time"): {"minutes": 20},
    ("POST", "/reflections"): {"text": "Their laugh."},
}


def operations() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path, path_view in router.path_operations.items():
        for operation in path_view.operations:
            found.extend((method, path) for method in operation.methods)
    return sorted(found)


OPERATIONS = operations()
WRITE_OPERATIONS = [(m, p) for m, p in OPERATIONS if m in WRITES]
OWN_DATA_OPERATIONS = [(m, p) for m, p in OPERATIONS if m not in WRITES]


def own_rows(persona: Persona) -> dict[str, str]:
    """A ritual done today, some time together and a reflection, made before any lock."""
    ritual = services.add_ritual(user=persona.user, name="Tea", cadence="daily")
    services.mark_done(ritual=ritual)
    return {
        "ritual_id": str(ritual.id),
        "time_id": str(services.log_time(user=persona.user, minutes=10).id),
        "reflection_id": str(services.add_reflection(user=persona.user, text="Their laugh.").id),
        "day": timezone.localdate().isoformat(),
    }


def call(api: Client, persona: Persona, method: str, path: str, ids: dict[str, str]) -> Any:
    url = PREFIX + re.sub(r"\{(\w+)\}", lambda m: ids[str(m.group(1))], path)
    body = BODIES.get((method, path)) if method in WRITES else None
    return api.generic(
        method,
        url,
        data=b"" if body is None else json.dumps(body),
        content_type=JSON,
        headers=persona.auth,
    )


def test_the_walk_finds_every_write() -> None:
    assert set(WRITE_OPERATIONS) == set(BODIES)


@pytest.mark.parametrize(("method", "path"), WRITE_OPERATIONS)
def test_a_locked_pair_cannot_add_anything(
    api: Client, alex: Persona, method: str, path: str
) -> None:
    ids = own_rows(alex)
    lock_with_an_order(alex)

    error = assert_error(call(api, alex, method, path, ids), 403, "safety_lock")

    assert "will not switch back on with a tap" in error["message"]


@pytest.mark.parametrize(("method", "path"), WRITE_OPERATIONS)
def test_an_unchecked_account_is_asked_for_the_safety_check_first(
    api: Client, alex: Persona, method: str, path: str
) -> None:
    ids = own_rows(alex)

    error = assert_error(call(api, alex, method, path, ids), 403, "safety_check_required")

    assert "safety check" in error["message"]


@pytest.mark.parametrize(("method", "path"), WRITE_OPERATIONS)
def test_a_checked_account_can_add(api: Client, alex: Persona, method: str, path: str) -> None:
    pass_safety_check(alex)
    ids = own_rows(alex)

    assert call(api, alex, method, path, ids).status_code in {200, 201}


@pytest.mark.parametrize(("method", "path"), OWN_DATA_OPERATIONS)
def test_a_locked_pair_still_reads_and_deletes_its_own_rows(
    api: Client, alex: Persona, method: str, path: str
) -> None:
    ids = own_rows(alex)
    lock_with_an_order(alex)

    response = call(api, alex, method, path, ids)

    assert response.status_code in {200, 204}, response.content
