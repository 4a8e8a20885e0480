"""The partner pages: /partner/, the join link, unpairing, shared exercises and the ledger."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from heartwork.couples import selectors, services
from heartwork.couples.models import Couple
from heartwork.trust.services import add_entry
from tests.api.test_couples_pairing import checked, make_red
from tests.conftest import Persona, csrf_post, make_persona
from tests.web.steps import ClientFor, grant_sudo, log_in, write_entry

CODE = re.compile(r"[A-HJKMNP-Z2-9]{4}(?:-[A-HJKMNP-Z2-9]{4}){3}")


@pytest.fixture
def robin(db: None) -> Persona:
    return make_persona("robin@example.com")


def pair(alex: Persona, sam: Persona) -> Couple:
    checked(alex, sam)
    _, code = services.create_invite(user=alex.user)
    return services.accept_invite(user=sam.user, code=code)


def made_invite(client: Client) -> str:
    response = csrf_post(client, "/partner/invite/")
    assert response.status_code == 200
    found = CODE.search(response.content.decode())
    assert found is not None
    return found.group(0)


# -- /partner/ -------------------------------------------------------------------------------


def test_the_page_asks_for_the_safety_check_before_an_invite(
    client_for: ClientFor, alex: Persona
) -> None:
    page = client_for(alex).get("/partner/").content.decode()

    assert "/safety/check/" in page and 'action="/partner/invite/"' not in page


def test_making_an_invite_shows_the_code_and_the_link_once(
    client_for: ClientFor, alex: Persona
) -> None:
    checked(alex)
    client = client_for(alex)

    code = made_invite(client)

    page = client.get("/partner/").content.decode()
    assert code not in page
    assert "Revoke the invite" in page


def test_a_locked_pair_cannot_make_an_invite(client_for: ClientFor, alex: Persona) -> None:
    checked(alex)
    make_red(alex)

    response = csrf_post(client_for(alex), "/partner/invite/")

    assert (response.status_code, response["Location"]) == (302, "/safety/path/")


def test_revoking_stops_the_code(client_for: ClientFor, alex: Persona, sam: Persona) -> None:
    checked(alex, sam)
    client = client_for(alex)
    code = made_invite(client)
    invite = selectors.open_invite_of(alex.user)
    assert invite is not None
    invite_id = invite.id

    assert csrf_post(client, f"/partner/invite/{invite_id}/revoke/").status_code == 302

    refused = csrf_post(client_for(sam), "/partner/accept/", {"code": code})
    assert refused.status_code == 400
    assert "cannot be used" in refused.content.decode()


def test_accepting_a_typed_code_pairs_and_shows_the_partner(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    code = made_invite(client_for(alex))
    client = client_for(sam)

    response = csrf_post(client, "/partner/accept/", {"code": code})

    assert (response.status_code, response["Location"]) == (302, "/partner/")
    assert alex.email in client.get("/partner/").content.decode()


# -- the join link ---------------------------------------------------------------------------


def test_the_join_link_asks_a_visitor_to_log_in_and_comes_back(
    visitor: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    _, code = services.create_invite(user=alex.user)
    url = f"/partner/join/{code}/"

    page = visitor.get(url).content.decode()
    assert f"/accounts/login/?next={url.replace('/', '%2F')}" in page
    assert not Couple.objects.exists()

    logged_in = log_in(visitor, sam.email, sam.password, next_url=url)
    assert logged_in["Location"] == url
    # Opening the link never pairs by itself: it takes a deliberate click.
    assert visitor.get(url).status_code == 200 and not Couple.objects.exists()
    assert csrf_post(visitor, url)["Location"] == "/partner/"
    assert Couple.objects.get().user_b == sam.user


def test_a_join_link_that_cannot_be_used_says_only_that(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    _, code = services.create_invite(user=alex.user)
    make_red(alex)

    response = csrf_post(client_for(sam), f"/partner/join/{code}/")

    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be used" in page and "safety" not in page.split("<main")[1].lower()


def test_an_acceptor_with_a_red_level_sees_their_own_safety_path(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    _, code = services.create_invite(user=alex.user)
    make_red(sam)

    page = csrf_post(client_for(sam), f"/partner/join/{code}/").content.decode()

    assert 'data-block="safety_lock"' in page and "/safety/path/" in page


# -- unpairing -------------------------------------------------------------------------------


def test_unpairing_asks_for_the_password_first(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    client = client_for(alex)
    client.session.flush()
    client = client_for(alex)

    response = client.get("/partner/unpair/")

    assert response["Location"].startswith("/accounts/confirm/?next=")


def test_unpairing_after_the_password_ends_it_for_both(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    client = client_for(alex)
    grant_sudo(client)

    assert sam.email in client.get("/partner/unpair/").content.decode()
    assert csrf_post(client, "/partner/unpair/")["Location"] == "/partner/"

    assert client_for(sam).get("/partner/shared/")["Location"] == "/partner/"
    assert client_for(sam).get("/partner/shared/trust_again/").status_code == 404


# -- shared exercises ------------------------------------------------------------------------


def test_answers_show_side_by_side_only_after_both_answered(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    alex_page, sam_page = client_for(alex), client_for(sam)
    url = "/partner/shared/stress_team/"

    saved = csrf_post(alex_page, url, {"signs": "I go quiet and clean the kitchen."})
    assert saved["Location"] == url
    waiting = sam_page.get(url).content.decode()
    assert "kitchen" not in waiting and "Your partner has answered" in waiting

    csrf_post(sam_page, url, {"helps": "A walk before we talk."})

    for client in (alex_page, sam_page):
        page = client.get(url).content.decode()
        assert "kitchen" in page and "A walk before we talk." in page
        assert 'data-revealed="yes"' in page


def test_the_list_says_who_has_answered(client_for: ClientFor, alex: Persona, sam: Persona) -> None:
    couple = pair(alex, sam)
    services.answer_exercise(
        user=alex.user, couple=couple, exercise_id="looking_back", answers={"felt": "Lonely."}
    )

    page = client_for(sam).get("/partner/shared/").content.decode()

    assert "Your partner has answered." in page and "Lonely." not in page


def test_an_empty_answer_is_shown_again_with_the_reason(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)

    response = csrf_post(client_for(alex), "/partner/shared/trust_again/", {"need": "  "})

    assert response.status_code == 400
    assert "Write at least one answer." in response.content.decode()


def test_a_red_level_shows_the_pause_instead_of_the_exercises(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    make_red(alex)

    for url in ("/partner/shared/", "/partner/shared/trust_again/", "/partner/ledger/"):
        page = client_for(alex).get(url).content.decode()
        assert 'data-block="safety_lock"' in page, url
    assert "data-block" not in client_for(sam).get("/partner/shared/").content.decode()


# -- the ledger ------------------------------------------------------------------------------


def test_the_partner_confirms_a_deposit_and_the_owner_sees_it(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    entry = add_entry(
        user=alex.user, direction="deposit", kind="stayed_calm", note="The note stays mine."
    )
    sam_page = client_for(sam)

    listed = sam_page.get("/partner/ledger/").content.decode()
    assert f'data-entry="{entry.id}"' in listed and "The note stays mine." not in listed

    sent = csrf_post(sam_page, f"/partner/ledger/{entry.id}/", {"verdict": "question"})
    assert sent["Location"] == "/partner/ledger/"

    owner = client_for(alex).get("/partner/ledger/").content.decode()
    assert "Your partner saw it differently." in owner


# -- nobody else -----------------------------------------------------------------------------


def test_someone_outside_the_couple_gets_404_on_every_shared_item(
    client_for: ClientFor, alex: Persona, sam: Persona, robin: Persona
) -> None:
    pair(alex, sam)
    entry = add_entry(user=alex.user, direction="deposit", kind="stayed_calm")
    client = client_for(robin)

    assert client.get("/partner/shared/trust_again/").status_code == 404
    assert (
        csrf_post(client, f"/partner/ledger/{entry.id}/", {"verdict": "confirm"}).status_code == 404
    )
    assert client.get("/partner/shared/")["Location"] == "/partner/"


def test_the_partner_cannot_open_a_private_journal_entry(
    client_for: ClientFor, alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    entry = write_entry(alex, "Private thoughts.")
    client = client_for(sam)

    for url in (
        f"/journal/{entry.id}/",
        f"/journal/{entry.id}/edit/",
        f"/journal/{entry.id}/delete/",
    ):
        assert client.get(url).status_code == 404, url
    assert "Private thoughts." not in client.get("/journal/").content.decode()


# -- no N+1 queries --------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/partner/", "/partner/shared/", "/partner/shared/trust_again/", "/partner/ledger/"]
)
def test_shared_pages_run_no_more_queries_with_thirty_items_than_with_one(
    client_for: ClientFor, alex: Persona, sam: Persona, url: str
) -> None:
    couple = pair(alex, sam)

    def grow(n: int) -> None:
        for _ in range(n):
            entry = add_entry(user=alex.user, direction="deposit", kind="stayed_calm")
            add_entry(user=sam.user, direction="deposit", kind="was_present")
            services.confirm_deposit(user=sam.user, couple=couple, entry=entry, verdict="confirm")
            for person in (alex, sam):
                services.answer_exercise(
                    user=person.user,
                    couple=couple,
                    exercise_id="trust_again",
                    answers={"need": "x"},
                )

    grow(1)
    client = client_for(sam)
    client.get(url)  # warm caches (content, sessions) so both counts compare like for like
    few = _queries(client, url)
    grow(29)

    assert _queries(client, url) <= few
