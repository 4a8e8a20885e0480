"""/accounts/delete/: delete the account and everything in it, after the password and
typing the confirmation words."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client

from heartwork.accounts.models import User
from heartwork.core.models import DataKey
from heartwork.journal.models import Entry
from tests.conftest import Persona, csrf_post
from tests.privacy_fill import fill
from tests.web.steps import ClientFor, grant_sudo, is_logged_in_as

URL = "/accounts/delete/"


def _ready(client_for: ClientFor, persona: Persona) -> Client:
    client = client_for(persona)
    grant_sudo(client)
    return client


def test_the_page_asks_for_the_password_first(client_for: ClientFor, alex: Persona) -> None:
    response = client_for(alex).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm/?next=%2Faccounts%2Fdelete%2F")


def test_a_post_without_the_password_deletes_nothing(client_for: ClientFor, alex: Persona) -> None:
    response = csrf_post(client_for(alex), URL, {"confirm": "delete everything"})
    assert response.status_code == 302
    assert User.objects.filter(pk=alex.user.pk).exists()


def test_the_page_says_what_goes_and_what_to_type(client_for: ClientFor, alex: Persona) -> None:
    response = _ready(client_for, alex).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be undone" in page
    assert "<strong>delete everything</strong>" in page
    assert 'href="/accounts/export/"' in page


def test_the_wrong_words_delete_nothing_and_say_what_to_type(
    client_for: ClientFor, alex: Persona
) -> None:
    fill(alex.user)
    response = csrf_post(_ready(client_for, alex), URL, {"confirm": "yes"})
    assert response.status_code == 400
    assert "Type “delete everything” to delete your account." in response.content.decode()
    assert Entry.objects.filter(user=alex.user).exists()


def test_the_right_words_delete_everything_and_log_the_person_out(
    client_for: ClientFor, alex: Persona
) -> None:
    fill(alex.user)
    key_id = alex.user.data_key_id
    client = _ready(client_for, alex)

    response = csrf_post(client, URL, {"confirm": "  Delete   Everything "})

    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(pk=alex.user.pk).exists()
    assert not DataKey.objects.filter(pk=key_id).exists()
    assert not is_logged_in_as(client, alex)


def test_the_persons_other_sessions_are_removed_too(client_for: ClientFor, alex: Persona) -> None:
    phone, laptop = client_for(alex), _ready(client_for, alex)
    phone.get("/accounts/")
    csrf_post(laptop, URL, {"confirm": "delete everything"})
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(alex.user.pk)
    assert phone.get("/accounts/").status_code == 302


def test_another_persons_account_is_untouched(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    fill(sam.user)
    csrf_post(_ready(client_for, alex), URL, {"confirm": "delete everything"})
    assert Entry.objects.filter(user=sam.user).exists()
    assert is_logged_in_as(client_for(sam), sam)
