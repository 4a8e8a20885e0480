"""The safety lock holds on every route that helps someone reach a partner: web, API and CLI.

The routes are not listed by hand: the test walks Django's URL tree and the API's routers
and takes every view marked with ``reconnection_view`` / ``reconnection_api``. The first
tests pin the ones that must be found, so a refactor cannot drop a mark unnoticed; the
rest send a locked pair and an unchecked account to each route found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.crypto import get_random_string
from ninja import Router

from heartwork.api import api as ninja_api
from heartwork.cli import main
from heartwork.drafts.services import save_draft
from heartwork.safety.gate import is_reconnection
from heartwork.safety.services import record_screen
from tests.api.conftest import assert_error
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check
from tests.web.steps import ClientFor

GENTLE = "Hi. I hope your week is going well. I'd be glad to talk one day, no need to answer."
# A body every reconnection operation accepts today. A new operation that takes other
# fields gets its own entry in API_BODIES, keyed by (method, route).
DEFAULT_BODY = {"text": GENTLE, "kind": "reach_out"}
API_BODIES: dict[tuple[str, str], dict[str, object]] = {}
FORM = {"text": GENTLE, "kind": "reach_out", "action": "analyse"}
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})

SAFETY_PATH = "/safety/path/"
SAFETY_CHECK = "/safety/check/"


# -- the walk --------------------------------------------------------------------------------


def _web_routes(
    patterns: Sequence[URLPattern | URLResolver], prefix: str = "/"
) -> Iterator[tuple[str, Callable[..., Any]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _web_routes(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry.callback


def _join(*parts: str) -> str:
    return "/" + "/".join(part.strip("/") for part in parts if part.strip("/"))


def _api_routes(router: Router, prefix: str) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    for path, path_view in router.path_operations.items():
        for operation in path_view.operations:
            for method in operation.methods:
                yield method, _join(prefix, path), operation.view_func
    for sub_prefix, sub_router, _tags in router._routers:
        yield from _api_routes(sub_router, _join(prefix, sub_prefix))


def _api_root() -> str:
    # Where the API is mounted, asked of Django rather than written down twice.
    return reverse("api:openapi-json").removesuffix("/openapi.json")


def web_reconnection_routes() -> list[str]:
    routes = _web_routes(get_resolver().url_patterns)
    return sorted({route for route, view in routes if is_reconnection(view)})


def api_reconnection_routes() -> list[tuple[str, str]]:
    found = set()
    for prefix, router in ninja_api._routers:
        for method, path, view in _api_routes(router, _join(_api_root(), prefix)):
            if is_reconnection(view):
                found.add((method, path))
    return sorted(found)


WEB_ROUTES = web_reconnection_routes()
API_ROUTES = api_reconnection_routes()


def test_the_walk_finds_the_coach_page_and_its_live_panel() -> None:
    assert {"/coach/", "/coach/analyze/"} <= set(WEB_ROUTES)


def test_the_walk_finds_analysing_and_saving_drafts_in_the_api() -> None:
    assert {
        ("POST", "/api/v1/coach/analyze"),
        ("POST", "/api/v1/coach/drafts"),
        ("PATCH", "/api/v1/coach/drafts/{draft_id}"),
    } <= set(API_ROUTES)


def test_your_own_journal_drafts_and_safety_pages_are_not_marked() -> None:
    own_data = ("/journal/", "/coach/drafts/", "/safety/", "/help/", "/accounts/")
    assert [route for route in WEB_ROUTES if route.startswith(own_data)] == []
    assert [
        (method, path)
        for method, path in API_ROUTES
        if path.startswith(("/api/v1/journal/", "/api/v1/safety/", "/api/v1/auth/"))
        or (path.startswith("/api/v1/coach/drafts") and method in {"GET", "DELETE"})
    ] == []


# -- people and requests -----------------------------------------------------------------------


def lock_with_an_order(persona: Persona) -> None:
    """A red pair: checked, then the contact screen answered with a court order."""
    partner = pass_safety_check(persona)
    record_screen(
        user=persona.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )


def a_draft_of(persona: Persona) -> str:
    return str(save_draft(user=persona.user, kind="reach_out", text=GENTLE).id)


def _web_url(route: str, draft_id: str) -> str:
    if route.startswith("^"):
        pytest.fail(f"{route}: give regex routes a sample URL in this test")

    def sample(match: re.Match[str]) -> str:
        return {"uuid": draft_id, "int": "1"}.get(match.group(1) or "str", "x")

    return re.sub(r"<(?:(\w+):)?\w+>", sample, route)


def _api_url(path: str, draft_id: str) -> str:
    return re.sub(r"\{[^}]+\}", draft_id, path)


def visit(client: Client, method: str, url: str, *, htmx: bool = False) -> HttpResponse:
    """A page request the way a browser (or htmx) sends it: forms carry a CSRF token."""
    headers = {"HX-Request": "true"} if htmx else {}
    if method == "GET":
        return client.get(url, headers=headers)  # type: ignore[return-value]
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    data = {**FORM, "csrfmiddlewaretoken": token}
    return client.post(url, data, headers=headers)  # type: ignore[return-value]


def call_api(client: Client, persona: Persona, method: str, path: str, draft_id: str) -> Any:
    body = API_BODIES.get((method, path), DEFAULT_BODY) if method in WITH_BODY else None
    return client.generic(
        method,
        _api_url(path, draft_id),
        data=b"" if body is None else json.dumps(body),
        content_type="application/json",
        headers=persona.auth,
    )


def assert_page_sends_to(client: Client, route: str, draft_id: str, target: str) -> None:
    """Every method the page takes ends at ``target``; a method it refuses gets a 405."""
    url = _web_url(route, draft_id)
    sent = []
    for method in ("GET", "POST"):
        response = visit(client, method, url)
        if response.status_code == 405:
            continue
        assert (response.status_code, response.get("Location")) == (302, target), (method, url)
        sent.append(method)
    assert sent, f"{url} took neither GET nor POST"


def assert_htmx_sends_the_page_to(client: Client, route: str, draft_id: str, target: str) -> None:
    url = _web_url(route, draft_id)
    responses = [visit(client, method, url, htmx=True) for method in ("POST", "GET")]
    taken = [response for response in responses if response.status_code != 405]
    assert taken, f"{url} took neither GET nor POST"
    for response in taken:
        assert response.status_code == 204, url
        assert response["HX-Redirect"] == target
        assert response.content == b""


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- a red pair: the safety lock -------------------------------------------------------------


@pytest.mark.parametrize("route", WEB_ROUTES)
def test_a_locked_pair_is_sent_to_the_safety_path_from_every_reconnection_page(
    alex: Persona, client_for: ClientFor, route: str
) -> None:
    draft_id = a_draft_of(alex)
    lock_with_an_order(alex)

    assert_page_sends_to(client_for(alex), route, draft_id, SAFETY_PATH)


@pytest.mark.parametrize("route", WEB_ROUTES)
def test_htmx_on_a_locked_pair_moves_the_whole_page_to_the_safety_path(
    alex: Persona, client_for: ClientFor, route: str
) -> None:
    draft_id = a_draft_of(alex)
    lock_with_an_order(alex)

    assert_htmx_sends_the_page_to(client_for(alex), route, draft_id, SAFETY_PATH)


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_a_locked_pair_is_refused_by_every_reconnection_api_operation(
    api: Client, alex: Persona, method: str, path: str
) -> None:
    draft_id = a_draft_of(alex)
    lock_with_an_order(alex)

    error = assert_error(call_api(api, alex, method, path, draft_id), 403, "safety_lock")

    assert "will not switch back on with a tap" in error["message"]


def test_a_locked_pair_is_refused_by_the_cli_coach(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    lock_with_an_order(alex)

    code, out, err = run_cli(["coach", "--email", alex.email, GENTLE], capsys)

    assert (code, out) == (3, "")
    assert err.startswith("heartwork: safety_lock: ")


# -- a brand-new account: the safety check first --------------------------------------------


@pytest.mark.parametrize("route", WEB_ROUTES)
def test_an_unchecked_account_is_sent_to_the_safety_check_from_every_reconnection_page(
    alex: Persona, client_for: ClientFor, route: str
) -> None:
    assert_page_sends_to(client_for(alex), route, a_draft_of(alex), SAFETY_CHECK)


@pytest.mark.parametrize("route", WEB_ROUTES)
def test_htmx_on_an_unchecked_account_moves_the_whole_page_to_the_safety_check(
    alex: Persona, client_for: ClientFor, route: str
) -> None:
    assert_htmx_sends_the_page_to(client_for(alex), route, a_draft_of(alex), SAFETY_CHECK)


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_an_unchecked_account_is_refused_by_every_reconnection_api_operation(
    api: Client, alex: Persona, method: str, path: str
) -> None:
    response = call_api(api, alex, method, path, a_draft_of(alex))

    error = assert_error(response, 403, "safety_check_required")
    assert "safety check" in error["message"]


def test_an_unchecked_account_is_refused_by_the_cli_coach(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["coach", "--email", alex.email, GENTLE], capsys)

    assert (code, out) == (3, "")
    assert err.startswith("heartwork: safety_check_required: ")


# -- the same routes are open once the check is passed ------------------------------------------


@pytest.mark.parametrize("route", WEB_ROUTES)
def test_a_checked_account_reaches_every_reconnection_page(
    alex_checked: Persona, client_for: ClientFor, route: str
) -> None:
    client = client_for(alex_checked)
    url = _web_url(route, a_draft_of(alex_checked))

    for method in ("GET", "POST"):
        response = visit(client, method, url)
        assert response.get("Location") not in {SAFETY_PATH, SAFETY_CHECK}
        assert response.status_code in {200, 302, 405}


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_a_checked_account_reaches_every_reconnection_api_operation(
    api: Client, alex_checked: Persona, method: str, path: str
) -> None:
    response = call_api(api, alex_checked, method, path, a_draft_of(alex_checked))

    assert response.status_code in {200, 201}, response.content


# -- your own data stays yours at every level ----------------------------------------------------


def test_a_locked_pair_keeps_the_journal_and_saved_drafts_on_the_web(
    alex: Persona, client_for: ClientFor
) -> None:
    draft_id = a_draft_of(alex)
    lock_with_an_order(alex)
    client = client_for(alex)

    for url in ("/journal/", "/journal/new/", "/coach/drafts/", f"/coach/drafts/{draft_id}/"):
        assert client.get(url).status_code == 200, url
    written = csrf_post(client, "/journal/new/", {"title": "", "body": "A quiet evening."})
    assert written.status_code == 302
    assert written["Location"].startswith("/journal/")
    assert client.get(f"/coach/drafts/{draft_id}/delete/").status_code == 200


def test_a_locked_pair_keeps_the_journal_and_saved_drafts_in_the_api(
    api: Client, alex: Persona
) -> None:
    draft_id = a_draft_of(alex)
    lock_with_an_order(alex)

    created = api.post(
        "/api/v1/journal/entries",
        {"body": "A quiet evening."},
        content_type="application/json",
        headers=alex.auth,
    )
    assert created.status_code == 201
    assert api.get("/api/v1/journal/entries", headers=alex.auth).status_code == 200
    assert api.get("/api/v1/coach/drafts", headers=alex.auth).status_code == 200
    assert api.get(f"/api/v1/coach/drafts/{draft_id}", headers=alex.auth).status_code == 200
    assert api.delete(f"/api/v1/coach/drafts/{draft_id}", headers=alex.auth).status_code == 204


def test_a_locked_pair_keeps_the_journal_in_the_cli(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    lock_with_an_order(alex)

    code, _, _ = run_cli(["journal", "add", "--email", alex.email, "--body", "Slept well."], capsys)
    assert code == 0
    code, out, _ = run_cli(["journal", "list", "--email", alex.email], capsys)
    assert (code, out.count("\n")) == (0, 1)
