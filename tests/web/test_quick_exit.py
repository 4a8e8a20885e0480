"""Quick exit: one tap (or Shift three times) away to a neutral page, on every page.

The link works without JavaScript; quick-exit.js adds the history replacement and
the keyboard shortcut (its behaviour is tested in tests/js, run by test_quick_exit_js.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from heartwork.drafts.services import save_draft
from heartwork.web.discreet import QUICK_EXIT_URL
from heartwork.web.views import server_error
from tests.conftest import Persona, csrf_post, pass_safety_check
from tests.web.pages import Element, Page, html_of, inline_scripts, main_text
from tests.web.steps import ClientFor, log_in, write_entry
from tests.web.test_errors import server_error_request

SCRIPT = "/static/heartwork/quick-exit.js"
CSS = Path(__file__).resolve().parents[2] / "src/heartwork/web/static/heartwork/site.css"


@pytest.fixture
def pages(visitor: Client, alex: Persona, sam: Persona, client_for: ClientFor) -> dict[str, Page]:
    """Every kind of page a person can land on, logged out and logged in."""
    found: dict[str, Page] = {}
    for url in ["/", "/accounts/login/", "/accounts/signup/", "/help/", "/no/such/page/"]:
        found[f"visitor {url}"] = visitor.get(url)
    found["csrf failure"] = Client(enforce_csrf_checks=True).post("/accounts/login/", {})
    for n in range(5):
        log_in(visitor, sam.email, f"guess {n}")
    found["locked out"] = log_in(visitor, sam.email, sam.password)

    found["alex before the safety check /coach/"] = client_for(alex).get("/coach/", follow=True)
    pass_safety_check(alex)
    client = client_for(alex)
    entry = write_entry(alex, "words", title="t")
    draft = save_draft(user=alex.user, kind="apology", text="sorry")
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
        "/coach/",
        "/coach/drafts/",
        f"/coach/drafts/{draft.id}/",
        "/safety/",
        "/safety/check/",
        "/program/",
        "/program/want_them_back/",
        "/safety/path/",
        "/help/",
        "/no/such/page/",
    ]:
        found[f"alex {url}"] = client.get(url)
    found["alex form with errors"] = csrf_post(client, "/journal/new/", {"body": ""})
    found["server error"] = server_error(server_error_request(client_for(alex)))
    for name, response in found.items():
        assert response["Content-Type"].startswith("text/html"), name
    return found


def exit_link(doc: Element) -> Element:
    return doc.one("a", class_="quick-exit")


def test_every_page_has_one_exit_link_to_the_neutral_site(pages: dict[str, Page]) -> None:
    for name, response in pages.items():
        link = exit_link(html_of(response))
        assert link.attrs["href"] == QUICK_EXIT_URL, name
        assert "data-quick-exit" in link.attrs, name


def test_the_exit_link_sends_no_referrer(pages: dict[str, Page]) -> None:
    # Without JavaScript the neutral site must not learn where the person came from.
    for name, response in pages.items():
        assert "noreferrer" in exit_link(html_of(response)).attrs.get("rel", "").split(), name


def test_the_exit_link_has_a_clear_label_and_an_accessible_name_that_starts_with_it(
    pages: dict[str, Page],
) -> None:
    for name, response in pages.items():
        link = exit_link(html_of(response))
        assert link.text() == "Exit", name
        # The spoken name contains the visible words, so voice control ("click Exit") works.
        assert link.attrs["aria-label"] == "Exit this page quickly", name


def test_the_exit_link_comes_before_the_header_so_the_keyboard_reaches_it_first(
    pages: dict[str, Page],
) -> None:
    for name, response in pages.items():
        body = html_of(response).one("body")
        order = [node for node in body.children if isinstance(node, Element)]
        tags = [(node.tag, sorted(node.classes)) for node in order]
        assert tags.index(("a", ["quick-exit"])) < tags.index(("header", ["site-header"])), name


def test_the_exit_link_stays_outside_the_header_and_main_so_nothing_hides_it(
    pages: dict[str, Page],
) -> None:
    for name, response in pages.items():
        link = exit_link(html_of(response))
        assert link.parent is not None and link.parent.tag == "body", name


def test_the_neutral_site_is_an_ordinary_https_page_elsewhere() -> None:
    parts = urlsplit(QUICK_EXIT_URL)
    assert parts.scheme == "https"
    assert parts.netloc and parts.netloc not in {"localhost", "127.0.0.1", "testserver"}
    assert "heartwork" not in QUICK_EXIT_URL.lower()


def test_every_page_loads_the_quick_exit_script_deferred_and_has_no_inline_script(
    pages: dict[str, Page],
) -> None:
    for name, response in pages.items():
        doc = html_of(response)
        scripts = doc.find_all("script", {"src": SCRIPT})
        assert len(scripts) == 1, name
        assert "defer" in scripts[0].attrs, name
        assert scripts[0].parent is not None and scripts[0].parent.tag == "head", name
        assert inline_scripts(doc) == [], name


def test_the_quick_exit_script_is_served_as_javascript(visitor: Client) -> None:
    response = visitor.get(SCRIPT)

    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert "location.replace" in body
    assert "data-quick-exit" in body


def test_the_button_is_fixed_on_screen_and_big_enough_to_tap() -> None:
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r"^\.quick-exit \{(.*?)\}", css, flags=re.MULTILINE | re.DOTALL)
    assert rule is not None, "no .quick-exit rule in site.css"
    declarations = rule.group(1)
    assert "position: fixed" in declarations
    assert "top: 0.5rem" in declarations and "right: 0.5rem" in declarations
    assert "min-width: 44px" in declarations and "min-height: 44px" in declarations
    assert re.search(r"^\.quick-exit:focus-visible \{[^}]*outline:", css, flags=re.MULTILINE)


def test_the_account_page_explains_that_quick_exit_does_not_erase_history(
    alex: Persona, client_for: ClientFor
) -> None:
    text = main_text(client_for(alex).get("/accounts/"))

    assert "Shift key three times" in text
    assert "does not erase your browser history" in text
    assert "private window" in text
    assert "call history or on a phone bill" in text
