"""The admin: staff can see that entries exist, never what anyone wrote in them."""

from __future__ import annotations

import pytest
from django.test import Client

from heartwork.accounts.models import User
from heartwork.accounts.services import create_account
from heartwork.journal.models import Entry
from tests.conftest import PASSWORD, Persona, csrf_post
from tests.web.pages import html_of
from tests.web.steps import write_entry

TITLE = "The night we argued"
BODY = "I still think about what you said on the stairs."


@pytest.fixture
def staff(db: None) -> Client:
    admin = create_account(
        email="admin@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def alex_entry(alex: Persona) -> Entry:
    return write_entry(alex, BODY, title=TITLE)


def assert_shows_no_journal_text(html: str) -> None:
    for secret in (TITLE, BODY, "the stairs", "argued"):
        assert secret not in html


def test_staff_see_entries_listed_by_id_owner_and_date_only(
    staff: Client, alex_entry: Entry
) -> None:
    response = staff.get("/admin/journal/entry/")

    assert response.status_code == 200
    html = response.content.decode()
    assert str(alex_entry.id) in html
    assert "alex@example.org" in html
    assert_shows_no_journal_text(html)


def test_staff_see_an_entrys_metadata_but_not_its_title_or_body(
    staff: Client, alex_entry: Entry
) -> None:
    response = staff.get(f"/admin/journal/entry/{alex_entry.id}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    assert str(alex_entry.id) in html
    assert_shows_no_journal_text(html)
    assert html_of(response).find("textarea") is None


def test_staff_cannot_change_an_entrys_text_through_the_admin(
    staff: Client, alex_entry: Entry
) -> None:
    csrf_post(
        staff,
        f"/admin/journal/entry/{alex_entry.id}/change/",
        {"title": "changed by staff", "body": "changed by staff"},
    )

    entry = Entry.objects.select_related("user__data_key").get(pk=alex_entry.pk)
    assert (entry.title, entry.body) == (TITLE, BODY)


def test_staff_cannot_add_entries_in_someone_elses_name(staff: Client, alex: Persona) -> None:
    assert staff.get("/admin/journal/entry/add/").status_code == 403


def test_the_delete_confirmation_names_the_entry_without_its_text(
    staff: Client, alex_entry: Entry
) -> None:
    response = staff.get(f"/admin/journal/entry/{alex_entry.id}/delete/")

    assert response.status_code == 200
    assert f"journal entry {alex_entry.id}" in response.content.decode()
    assert_shows_no_journal_text(response.content.decode())


def test_searching_the_admin_for_words_from_an_entry_finds_nothing(
    staff: Client, alex_entry: Entry
) -> None:
    response = staff.get("/admin/journal/entry/", {"q": "stairs"})

    assert response.status_code == 200
    assert str(alex_entry.id) not in response.content.decode()


def test_a_persons_admin_page_shows_no_journal_text_or_keys(
    staff: Client, alex: Persona, alex_entry: Entry
) -> None:
    response = staff.get(f"/admin/accounts/user/{alex.user.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "alex@example.org" in html
    assert_shows_no_journal_text(html)
    assert "data_key" not in html
    assert alex.user.password not in html


def test_the_token_admin_never_shows_a_token_or_its_digest(staff: Client, alex: Persona) -> None:
    token = alex.user.api_tokens.get()

    listing = staff.get("/admin/accounts/apitoken/").content.decode()
    detail = staff.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()

    for html in (listing, detail):
        assert token.prefix in html
        assert alex.token not in html
        assert token.digest not in html


def test_people_who_are_not_staff_cannot_open_the_admin(alex: Persona, alex_entry: Entry) -> None:
    client = Client()
    client.force_login(alex.user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/admin/journal/entry/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert User.objects.get(pk=alex.user.pk).is_staff is False


def test_staff_see_saved_drafts_by_id_owner_kind_and_date_but_never_their_text(
    staff: Client, alex: Persona
) -> None:
    from heartwork.drafts.services import save_draft

    draft = save_draft(user=alex.user, kind="apology", text=BODY)

    listing = staff.get("/admin/drafts/draft/").content.decode()
    detail = staff.get(f"/admin/drafts/draft/{draft.id}/change/")

    assert str(draft.id) in listing and "alex@example.org" in listing
    assert_shows_no_journal_text(listing)
    assert_shows_no_journal_text(detail.content.decode())
    assert html_of(detail).find("textarea") is None
    assert staff.get("/admin/drafts/draft/add/").status_code == 403
