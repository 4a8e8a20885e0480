"""Creating an account through the sign-up page."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client

from heartwork.accounts.models import User
from heartwork.couples.services import create_invite
from tests.conftest import PASSWORD, Persona, answer_all, csrf_post
from tests.web.pages import (
    assert_page_basics,
    control,
    field_error,
    field_errors,
    html_of,
    messages,
)
from tests.web.steps import ClientFor, is_logged_in_as

SIGNUP = "/accounts/signup/"


def sign_up(client: Client, email: str, password: str, again: str | None = None) -> HttpResponse:
    return csrf_post(
        client,
        SIGNUP,
        {
            "email": email,
            "password": password,
            "password_again": password if again is None else again,
        },
    )


def test_the_sign_up_page_asks_for_an_email_and_the_password_twice(visitor: Client) -> None:
    response = visitor.get(SIGNUP)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "email").attrs["type"] == "email"
    assert control(doc, "password").attrs["type"] == "password"
    assert control(doc, "password_again").attrs["type"] == "password"
    assert control(doc, "password").attrs["autocomplete"] == "new-password"


def test_signing_up_creates_the_account_and_logs_the_person_in(visitor: Client) -> None:
    response = sign_up(visitor, "River@Example.org", PASSWORD)

    assert response.status_code == 302
    user = User.objects.get(email="river@example.org")
    assert user.check_password(PASSWORD)
    assert visitor.session["_auth_user_id"] == str(user.pk)
    assert "Welcome back" in visitor.get("/").content.decode()


def test_after_signing_up_the_person_is_welcomed_into_the_safety_check(visitor: Client) -> None:
    response = sign_up(visitor, "river@example.org", PASSWORD)

    assert response["Location"] == "/safety/check/"
    check = visitor.get(response["Location"])
    assert "Your account is ready" in " ".join(messages(check))
    assert html_of(check).one("h1").text() == "The safety check"
    start = html_of(check).one("main").find_all("a", class_="button")[0]
    assert start.attrs["href"] == "/safety/check/device/"


def test_signing_up_gives_the_browser_a_new_session_id(visitor: Client) -> None:
    planted = visitor.session
    planted["seen_welcome"] = True
    planted.save()

    sign_up(visitor, "river@example.org", PASSWORD)

    assert visitor.session.session_key != planted.session_key
    assert "_auth_user_id" in visitor.session


def test_mismatched_passwords_are_shown_on_the_second_password_field(visitor: Client) -> None:
    response = sign_up(visitor, "river@example.org", PASSWORD, again=PASSWORD + " typo")

    assert response.status_code == 200
    assert "not the same" in field_error(response, "password_again")
    assert not User.objects.filter(email="river@example.org").exists()
    assert "_auth_user_id" not in visitor.session


def test_a_short_password_is_refused_next_to_the_password_field(visitor: Client) -> None:
    response = sign_up(visitor, "river@example.org", "short1")

    assert response.status_code == 200
    assert "too short" in field_error(response, "password")
    assert not User.objects.exists()


def test_a_common_password_is_refused_as_too_weak(visitor: Client) -> None:
    response = sign_up(visitor, "river@example.org", "password123")

    assert "too common" in field_error(response, "password")
    assert not User.objects.exists()


def test_a_password_made_of_the_email_address_is_refused(visitor: Client) -> None:
    response = sign_up(visitor, "riverbank@example.org", "riverbank@example.org")

    assert "too similar" in field_error(response, "password")
    assert not User.objects.exists()


def test_an_email_already_in_use_is_refused_whatever_its_capitals(
    visitor: Client, alex: Persona
) -> None:
    response = sign_up(visitor, "ALEX@Example.ORG", PASSWORD)

    assert response.status_code == 200
    assert "already exists" in field_error(response, "email")
    assert User.objects.filter(email__iexact="alex@example.org").count() == 1
    assert not is_logged_in_as(visitor, alex)


def test_an_address_that_is_not_an_email_is_refused_next_to_the_email_field(
    visitor: Client,
) -> None:
    response = sign_up(visitor, "river-at-example", PASSWORD)

    assert response.status_code == 200
    assert "valid email" in field_error(response, "email")
    assert not User.objects.exists()


def test_every_problem_is_reported_at_once(visitor: Client) -> None:
    response = sign_up(visitor, "river-at-example", "short1")

    errors = field_errors(response)
    assert set(errors) == {"email", "password"}


def test_a_refused_form_keeps_the_email_but_never_echoes_the_password(visitor: Client) -> None:
    response = sign_up(visitor, "river@example.org", "short1")

    doc = html_of(response)
    assert control(doc, "email").attrs["value"] == "river@example.org"
    assert "value" not in control(doc, "password").attrs
    assert "short1" not in response.content.decode()


def test_someone_already_logged_in_is_sent_home_from_sign_up(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = client.get(SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/"


def walk_the_safety_check(client: Client, **contact: str) -> str:
    """Answer every part of the check on its page; returns where the last answer leads."""
    for screen_id in ("device", "mood"):
        csrf_post(client, f"/safety/check/{screen_id}/", answer_all(screen_id))
    csrf_post(client, "/safety/check/partner/", {"name": "Robin"})
    csrf_post(client, "/safety/check/contact/", answer_all("contact", **contact))
    csrf_post(client, "/safety/check/harm/", answer_all("harm"))
    return str(csrf_post(client, "/safety/check/mirror/", answer_all("mirror"))["Location"])


def test_signing_up_from_a_join_link_leads_back_to_it_after_the_safety_check(
    visitor: Client, alex_checked: Persona
) -> None:
    _invite, code = create_invite(user=alex_checked.user)
    join = f"/partner/join/{code}/"
    links = [a.attrs["href"] for a in html_of(visitor.get(join)).one("main").find_all("a")]
    link = next(href for href in links if href.startswith(SIGNUP))
    hidden = html_of(visitor.get(link)).find_all("input", {"name": "next"})
    assert [node.attrs["value"] for node in hidden] == [join]

    created = csrf_post(
        visitor,
        link,
        {"email": "robin@example.org", "password": PASSWORD, "password_again": PASSWORD},
    )

    assert created["Location"] == "/safety/check/"  # the check always comes first
    assert walk_the_safety_check(visitor) == join
    assert "Pair with my partner" in visitor.get(join).content.decode()


def test_a_join_link_is_not_offered_to_someone_the_check_locks(
    visitor: Client, alex_checked: Persona
) -> None:
    _invite, code = create_invite(user=alex_checked.user)
    csrf_post(
        visitor,
        f"{SIGNUP}?next=/partner/join/{code}/",
        {"email": "robin@example.org", "password": PASSWORD, "password_again": PASSWORD},
    )

    lock = {"order": "yes"}
    assert walk_the_safety_check(visitor, **lock) == "/safety/"


def test_a_next_address_on_another_site_is_ignored(visitor: Client) -> None:
    response = csrf_post(
        visitor,
        f"{SIGNUP}?next=https://evil.example/",
        {"email": "robin@example.org", "password": PASSWORD, "password_again": PASSWORD},
    )

    assert response["Location"] == "/safety/check/"
    assert walk_the_safety_check(visitor) == "/safety/"
