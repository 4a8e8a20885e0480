"""Saved drafts on the web: save from the coach, list, read, re-open, delete.

Only "Save draft" stores anything, encrypted like the journal; nobody else can reach it.
"""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from heartwork.drafts import services
from heartwork.drafts.models import Draft
from tests.coach_fakes import SORRY_BUT, analysis, fake_coach
from tests.conftest import Persona, csrf_post, pass_safety_check
from tests.web.pages import (
    assert_page_basics,
    control,
    field_error,
    html_of,
    main_text,
    messages,
    source,
)
from tests.web.steps import ClientFor


# The coach helps someone contact a partner: it opens only after the safety check
# (tests/safety/test_gating_routes.py checks that it stays shut until then).
@pytest.fixture
def alex(alex: Persona) -> Persona:
    pass_safety_check(alex)
    return alex


@pytest.fixture
def sam(sam: Persona) -> Persona:
    pass_safety_check(sam)
    return sam


PAGE = "/coach/"
LIST = "/coach/drafts/"
# Fixed, not random: pytest-xdist workers must collect the same test ids.
UNKNOWN_ID = "5f0c3c84-6a3e-4d0b-9a43-0b6a1f7e2c11"
MARKER = "the-green-scarf-from-lisbon"


def save(client: Client, text: str, kind: str = "apology", **extra: str) -> HttpResponse:
    """The coach page's "Save draft" button."""
    return csrf_post(client, PAGE, {"text": text, "kind": kind, "action": "save", **extra})


def draft_for(persona: Persona, text: str = "I'm sorry I shouted.", kind: str = "apology") -> Draft:
    return services.save_draft(user=persona.user, kind=kind, text=text)


def stored(draft_id: uuid.UUID) -> Draft:
    return Draft.objects.select_related("user__data_key").get(pk=draft_id)


# -- saving --------------------------------------------------------------------------------


def test_saving_keeps_the_draft_shows_it_and_says_only_you_can_read_it(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = save(client, "I was wrong to shout.", kind="apology")

    draft = Draft.objects.get(user=alex.user)
    assert response["Location"] == f"/coach/drafts/{draft.id}/"
    assert (stored(draft.id).text, draft.kind) == ("I was wrong to shout.", "apology")
    page = client.get(f"/coach/drafts/{draft.id}/")
    assert "I was wrong to shout." in main_text(page)
    assert "Only you can read it" in " ".join(messages(page))


def test_a_saved_draft_is_ciphertext_in_the_database(alex: Persona, client_for: ClientFor) -> None:
    save(client_for(alex), f"I still have {MARKER}.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM drafts_draft")
        [(text,)] = cursor.fetchall()
    assert MARKER.encode() not in bytes(text)
    assert b"scarf" not in bytes(text)


def test_new_lines_are_saved_as_one_character(alex: Persona, client_for: ClientFor) -> None:
    save(client_for(alex), "Line one.\r\nLine two.")

    assert stored(Draft.objects.get().id).text == "Line one.\nLine two."


def test_an_empty_draft_is_refused_next_to_the_text_box_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    response = save(client_for(alex), "  ")

    assert "Write your message first" in field_error(response, "text")
    assert not Draft.objects.exists()


def test_a_draft_over_20000_characters_is_refused_saying_the_limit(
    alex: Persona, client_for: ClientFor
) -> None:
    response = save(client_for(alex), "a" * 20_001)

    assert "20,000" in field_error(response, "text")
    assert not Draft.objects.exists()


def test_saving_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(PAGE, {"text": "x", "kind": "apology", "action": "save"})

    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_saving_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = save(visitor, "anonymous")

    assert response["Location"].startswith("/accounts/login/")
    assert not Draft.objects.exists()


def test_when_the_kind_is_left_to_the_coach_the_draft_keeps_the_kind_it_read(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch, lambda t: analysis(t, kind="reach_out"))

    save(client_for(alex), "Hi. No need to answer.", kind="auto")

    assert Draft.objects.get().kind == "reach_out"


# -- list and read -------------------------------------------------------------------------


def test_the_list_shows_only_your_drafts_most_recent_first(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    draft_for(alex, "older draft")
    draft_for(alex, "newer draft")
    draft_for(sam, f"sam's {MARKER}")

    response = client_for(alex).get(LIST)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    links = [a.text() for a in doc.one("ul", class_="draft-list").find_all("a")]
    assert links == ["newer draft", "older draft"]
    assert MARKER not in source(response)


def test_an_empty_list_says_nothing_is_kept_unless_you_save(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(LIST)

    assert "keeps nothing unless you press" in main_text(response)
    assert html_of(response).one("main").find("a", {"href": PAGE}) is not None


def test_a_draft_page_shows_the_text_and_ways_to_reopen_or_delete_it(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex, "Can we talk next week?", kind="reach_out")

    response = client_for(alex).get(f"/coach/drafts/{draft.id}/")

    doc = assert_page_basics(response)
    assert "Can we talk next week?" in doc.one("main").text()
    assert "first message after distance" in doc.one("main").text()
    assert "Can we talk" not in doc.one("title").text()
    assert doc.find("a", {"href": f"/coach/?draft={draft.id}"}) is not None
    assert doc.find("a", {"href": f"/coach/drafts/{draft.id}/delete/"}) is not None


def test_html_in_a_draft_is_shown_as_text_not_run(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    draft = draft_for(alex, "<script>alert('hi')</script> <b>sorry</b>")

    for url in (f"/coach/drafts/{draft.id}/", LIST):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<b>sorry" not in page, url
    assert (
        "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;"
        in client.get(f"/coach/drafts/{draft.id}/").content.decode()
    )


@pytest.mark.parametrize("suffix", ["", "delete/"])
def test_draft_pages_are_never_stored_by_the_browser(
    alex: Persona, client_for: ClientFor, suffix: str
) -> None:
    draft = draft_for(alex)

    response = client_for(alex).get(f"/coach/drafts/{draft.id}/{suffix}")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# -- re-opening in the coach ---------------------------------------------------------------


def test_reopening_a_draft_fills_in_the_coach_and_shows_its_analysis(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)
    draft = draft_for(alex, SORRY_BUT, kind="apology")

    response = client_for(alex).get(PAGE, {"draft": str(draft.id)})

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "text").text() == SORRY_BUT
    assert "selected" in control(doc, "kind").one("option", {"value": "apology"}).attrs
    hidden = doc.one("input", {"name": "draft"})
    assert hidden.attrs["type"] == "hidden" and hidden.attrs["value"] == str(draft.id)
    assert [m.text() for m in doc.one(attrs={"id": "coach-panel"}).find_all("mark")] == [
        "Sorry, but",
        "you pushed me",
    ]
    assert "no-store" in response["Cache-Control"]


def test_saving_a_reopened_draft_updates_it_instead_of_adding_another(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex, "first try")

    response = save(client_for(alex), "second try", kind="apology", draft=str(draft.id))

    assert response["Location"] == f"/coach/drafts/{draft.id}/"
    assert Draft.objects.count() == 1
    assert stored(draft.id).text == "second try"


def test_a_reopened_draft_with_html_is_shown_as_text_in_the_coach(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex, "Sorry, but <script>alert(1)</script> you made me.")

    response = client_for(alex).get(PAGE, {"draft": str(draft.id)})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert "<script>alert(1)" in source(response)


# -- deleting --------------------------------------------------------------------------------


def test_opening_delete_asks_for_confirmation_and_deletes_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex)

    response = client_for(alex).get(f"/coach/drafts/{draft.id}/delete/")

    doc = assert_page_basics(response)
    assert "cannot be undone" in doc.one("main").text()
    assert doc.one("main").one("form").attrs["method"] == "post"
    assert doc.find("a", {"href": f"/coach/drafts/{draft.id}/"}) is not None
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_confirming_deletes_the_draft_and_returns_to_the_list(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex)
    client = client_for(alex)

    response = csrf_post(client, f"/coach/drafts/{draft.id}/delete/")

    assert response["Location"] == LIST
    assert not Draft.objects.exists()
    assert "The draft is deleted" in " ".join(messages(client.get(LIST)))
    assert client.get(f"/coach/drafts/{draft.id}/").status_code == 404


def test_a_delete_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    draft = draft_for(alex)

    response = client_for(alex).post(f"/coach/drafts/{draft.id}/delete/")

    assert response.status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()


# -- nobody reaches another person's drafts ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/coach/drafts/{id}/", "/coach/drafts/{id}/delete/", "/coach/?draft={id}"],
    ids=["read", "delete", "reopen"],
)
def test_someone_elses_draft_answers_404(
    alex: Persona, sam: Persona, client_for: ClientFor, url: str
) -> None:
    theirs = draft_for(sam, f"sam's {MARKER}")

    response = client_for(alex).get(url.format(id=theirs.id))

    assert response.status_code == 404
    assert MARKER not in source(response)


def test_someone_elses_draft_cannot_be_deleted(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = draft_for(sam, "sam's words")

    response = csrf_post(client_for(alex), f"/coach/drafts/{theirs.id}/delete/")

    assert response.status_code == 404
    assert stored(theirs.id).text == "sam's words"


def test_someone_elses_draft_cannot_be_overwritten_by_saving_over_its_id(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = draft_for(sam, "sam's words")

    response = save(client_for(alex), "planted", draft=str(theirs.id))

    assert response.status_code == 404
    assert stored(theirs.id).text == "sam's words"
    assert not Draft.objects.filter(user=alex.user).exists()


@pytest.mark.parametrize("draft_id", [UNKNOWN_ID, "not-a-uuid"])
def test_reopening_an_unknown_draft_answers_404(
    alex: Persona, client_for: ClientFor, draft_id: str
) -> None:
    assert client_for(alex).get(PAGE, {"draft": draft_id}).status_code == 404


def test_draft_pages_need_you_to_be_logged_in(visitor: Client, alex: Persona) -> None:
    draft = draft_for(alex)

    for url in (LIST, f"/coach/drafts/{draft.id}/", f"/coach/drafts/{draft.id}/delete/"):
        assert visitor.get(url)["Location"].startswith("/accounts/login/"), url
    assert csrf_post(visitor, f"/coach/drafts/{draft.id}/delete/").status_code == 302
    assert Draft.objects.filter(pk=draft.pk).exists()
