"""Every HTML page carries a strict content policy and cannot be framed.

The policy allows no inline script or style, so the pages must not contain any:
it would be dead code for the browser, and a sign someone loosened the policy.
"""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from heartwork.accounts.services import create_account
from heartwork.drafts.services import save_draft
from tests.conftest import PASSWORD, Persona, csrf_post
from tests.web.pages import Page, html_of, inline_scripts, inline_styles
from tests.web.steps import ClientFor, grant_sudo, log_in, write_entry


@pytest.fixture
def every_page(
    visitor: Client, alex: Persona, sam: Persona, client_for: ClientFor
) -> dict[str, Page]:
    """One response of each kind of page, logged out and in, including error pages."""
    pages: dict[str, Page] = {}
    for url in ["/", "/accounts/login/", "/accounts/signup/", "/no/such/page/"]:
        pages[f"visitor {url}"] = visitor.get(url)
    pages["signup with errors"] = csrf_post(visitor, "/accounts/signup/", {"email": "x"})
    pages["csrf failure"] = Client(enforce_csrf_checks=True).post("/accounts/login/", {})
    for n in range(5):
        log_in(visitor, sam.email, f"guess {n}")
    pages["locked out"] = log_in(visitor, sam.email, sam.password)

    client = client_for(alex)
    entry = write_entry(alex, "<script>alert(1)</script> and <b style='x'>words</b>", title="t")
    for url in [
        "/",
        "/journal/",
        "/journal/new/",
        f"/journal/{entry.id}/",
        f"/journal/{entry.id}/edit/",
        f"/journal/{entry.id}/delete/",
        "/accounts/",
        "/accounts/password/",
        "/accounts/confirm/",
    ]:
        pages[f"alex {url}"] = client.get(url)
    pages["new entry with errors"] = csrf_post(client, "/journal/new/", {"body": ""})
    draft = save_draft(user=alex.user, kind="apology", text="<script>alert(1)</script> sorry")
    for url in [
        "/coach/",
        "/coach/drafts/",
        f"/coach/drafts/{draft.id}/",
        f"/coach/drafts/{draft.id}/delete/",
    ]:
        pages[f"alex {url}"] = client.get(url)
    pages["coach with errors"] = csrf_post(client, "/coach/", {"text": "", "action": "check"})
    pages["coach panel"] = csrf_post(client, "/coach/analyze/", {"text": "x" * 20_001})
    grant_sudo(client)
    pages["token created"] = csrf_post(client, "/accounts/tokens/", {"label": "x"})

    admin = create_account(
        email="admin@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    staff = Client()
    staff.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pages["admin index"] = staff.get("/admin/")
    pages["admin entries"] = staff.get("/admin/journal/entry/")
    pages["admin entry"] = staff.get(f"/admin/journal/entry/{entry.id}/change/")
    pages["admin drafts"] = staff.get("/admin/drafts/draft/")
    pages["admin draft"] = staff.get(f"/admin/drafts/draft/{draft.id}/change/")

    assert all(r["Content-Type"].startswith("text/html") for r in pages.values())
    return pages


def policy(response: Page) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_has_a_content_security_policy_without_unsafe_sources(
    every_page: dict[str, Page],
) -> None:
    for name, response in every_page.items():
        assert response.has_header("Content-Security-Policy"), name
        header = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header, name
        assert "'unsafe-eval'" not in header, name
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], name
        assert directives["script-src"] == ["'self'"], name
        assert directives["style-src"] == ["'self'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["base-uri"] == ["'none'"], name


def test_no_page_can_be_shown_inside_another_sites_frame(
    every_page: dict[str, Page],
) -> None:
    for name, response in every_page.items():
        assert response["X-Frame-Options"] == "DENY", name


def test_every_page_stops_content_sniffing_and_keeps_addresses_to_itself(
    every_page: dict[str, Page],
) -> None:
    for name, response in every_page.items():
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name


def test_no_page_has_inline_scripts_or_event_handlers(
    every_page: dict[str, Page],
) -> None:
    for name, response in every_page.items():
        doc = html_of(response)
        assert inline_scripts(doc) == [], name
        for script in doc.find_all("script"):
            src = script.attrs["src"]
            assert src.startswith("/") and not src.startswith("//"), f"{name}: {src}"
        for node in doc.descendants():
            handlers = [attr for attr in node.attrs if attr.startswith("on")]
            assert handlers == [], f"{name}: {node}"
            assert not node.attrs.get("href", "").lower().startswith("javascript:"), name


def test_no_page_has_inline_styles_the_policy_would_block(
    every_page: dict[str, Page],
) -> None:
    for name, response in every_page.items():
        assert inline_styles(html_of(response)) == [], name


def test_pages_that_show_what_you_wrote_are_never_stored_by_the_browser(
    alex: Persona, client_for: ClientFor
) -> None:
    # On a shared computer, Back after logging out must not bring the journal back.
    client = client_for(alex)
    entry = write_entry(alex, "private words", title="private title")
    urls = [
        "/",
        "/journal/",
        "/journal/new/",
        f"/journal/{entry.id}/",
        f"/journal/{entry.id}/edit/",
        f"/journal/{entry.id}/delete/",
    ]

    for url in urls:
        response = client.get(url)
        assert "no-store" in response.get("Cache-Control", ""), url
        assert "private" in response["Cache-Control"], url


def test_no_hsts_header_is_sent_by_default(visitor: Client) -> None:
    # Off until the operator opts in (HEARTWORK_HSTS_SECONDS): see docs/security.md.
    response = visitor.get("/accounts/login/", secure=True)

    assert not response.has_header("Strict-Transport-Security")


def test_hsts_is_sent_over_https_once_switched_on(settings: Settings, db: None) -> None:
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    client = Client()

    over_https = client.get("/accounts/login/", secure=True)
    over_http = client.get("/accounts/login/")

    assert over_https["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert not over_http.has_header("Strict-Transport-Security")
