"""/api/v1/partner: invites, accepting, the pairing status and unpairing."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.audit.models import AuditEvent
from heartwork.couples import services
from heartwork.couples.models import Couple, Invite
from heartwork.partners.selectors import current_partner
from heartwork.safety.services import record_screen
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, answer_all, make_persona, pass_safety_check

BASE = "/api/v1/partner"
CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$")


@pytest.fixture
def robin(db: None) -> Persona:
    """A third person, paired with nobody in these tests."""
    return make_persona("robin@example.com")


def invite(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.post(f"{BASE}/invites", headers=persona.auth)
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def accept(api: Client, persona: Persona, code: str) -> Any:
    return api.post(f"{BASE}/accept", {"code": code}, content_type=JSON, headers=persona.auth)


def status(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(f"{BASE}/status", headers=persona.auth)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def checked(*personas: Persona) -> None:
    for persona in personas:
        pass_safety_check(persona)


def pair(api: Client, a: Persona, b: Persona) -> None:
    checked(a, b)
    assert accept(api, b, invite(api, a)["code"]).status_code == 201


def make_red(persona: Persona) -> None:
    """The contact screen answered again, now with a court order: a red pair."""
    record_screen(
        user=persona.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=current_partner(persona.user),
    )


# -- making an invite ----------------------------------------------------------------


def test_an_invite_comes_with_a_typeable_code_a_link_and_an_expiry_a_week_away(
    api: Client, alex: Persona
) -> None:
    checked(alex)

    body = invite(api, alex)

    assert set(body) == {"code", "url", "expires_at"}
    assert CODE.match(body["code"]), body["code"]
    assert body["url"].endswith(f"/partner/join/{body['code']}/")
    expires = datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


def test_the_code_is_stored_only_as_a_digest(api: Client, alex: Persona) -> None:
    checked(alex)
    code = invite(api, alex)["code"]

    stored = Invite.objects.get(inviter=alex.user)
    assert code not in stored.digest and code.replace("-", "") not in stored.digest
    assert len(stored.digest) == 64


def test_a_new_invite_revokes_the_one_still_open(api: Client, alex: Persona, sam: Persona) -> None:
    checked(alex, sam)
    first = invite(api, alex)["code"]
    invite(api, alex)

    assert_error(accept(api, sam, first), 404, "invite_unusable", "code")
    assert len(api.get(f"{BASE}/invites", headers=alex.auth).json()) == 1


def test_without_a_partner_named_the_invite_waits_for_the_safety_check(
    api: Client, alex: Persona
) -> None:
    error = assert_error(api.post(f"{BASE}/invites", headers=alex.auth), 403)

    assert error["code"] == "safety_check_required"


def test_a_red_level_for_that_partner_refuses_the_invite(api: Client, alex: Persona) -> None:
    checked(alex)
    make_red(alex)

    assert_error(api.post(f"{BASE}/invites", headers=alex.auth), 403, "safety_lock")
    assert not Invite.objects.exists()


def test_the_service_asks_for_a_partner_name_before_anything_else(alex: Persona) -> None:
    with pytest.raises(services.PartnerError) as caught:
        services.create_invite(user=alex.user)

    assert caught.value.code == "no_partner"


# -- accepting -----------------------------------------------------------------------


def test_accepting_pairs_both_people_and_each_sees_the_other(
    api: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    code = invite(api, alex)["code"]

    response = accept(api, sam, code.lower().replace("-", " "))

    assert response.status_code == 201, response.content
    assert response.json()["partner"] == {"email": alex.email}
    mine = status(api, alex)
    assert mine["paired"] is True and mine["partner"] == {"email": sam.email}
    assert mine["invite"] is None
    couple = Couple.objects.get()
    assert (couple.user_a, couple.user_b) == (alex.user, sam.user)
    assert couple.is_active and couple.other(alex.user) == sam.user


def test_a_code_works_only_once(api: Client, alex: Persona, sam: Persona, robin: Persona) -> None:
    checked(alex, sam, robin)
    code = invite(api, alex)["code"]
    accept(api, sam, code)

    assert_error(accept(api, robin, code), 404, "invite_unusable", "code")


def test_an_expired_code_cannot_be_used(api: Client, alex: Persona, sam: Persona) -> None:
    checked(alex, sam)
    code = invite(api, alex)["code"]
    Invite.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert_error(accept(api, sam, code), 404, "invite_unusable", "code")


def test_a_revoked_code_cannot_be_used(api: Client, alex: Persona, sam: Persona) -> None:
    checked(alex, sam)
    code = invite(api, alex)["code"]
    invite_id = api.get(f"{BASE}/invites", headers=alex.auth).json()[0]["id"]

    assert api.delete(f"{BASE}/invites/{invite_id}", headers=alex.auth).status_code == 204

    assert_error(accept(api, sam, code), 404, "invite_unusable", "code")
    assert api.get(f"{BASE}/invites", headers=alex.auth).json() == []


def test_nobody_else_can_revoke_an_invite(api: Client, alex: Persona, sam: Persona) -> None:
    checked(alex)
    invite(api, alex)
    invite_id = Invite.objects.get().id

    # The same answer as an id that never existed, naming the part of the address.
    assert_error(
        api.delete(f"{BASE}/invites/{invite_id}", headers=sam.auth), 404, "not_found", "invite_id"
    )
    assert Invite.objects.get().revoked_at is None


def test_accepting_your_own_invite_is_refused(api: Client, alex: Persona) -> None:
    checked(alex)

    assert_error(accept(api, alex, invite(api, alex)["code"]), 409, "own_invite", "code")


def test_accepting_while_already_paired_is_refused(
    api: Client, alex: Persona, sam: Persona, robin: Persona
) -> None:
    pair(api, alex, sam)
    checked(robin)

    assert_error(accept(api, sam, invite(api, robin)["code"]), 409, "already_paired")


def test_an_invite_cannot_be_made_while_paired(api: Client, alex: Persona, sam: Persona) -> None:
    pair(api, alex, sam)

    assert_error(api.post(f"{BASE}/invites", headers=alex.auth), 409, "already_paired")


def test_a_level_that_rose_after_the_invite_refuses_it_without_saying_why(
    api: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    code = invite(api, alex)["code"]
    make_red(alex)

    refused = assert_error(accept(api, sam, code), 404, "invite_unusable", "code")
    unknown = assert_error(accept(api, sam, "ABCD-EFGH-JKMN-PQRS"), 404, "invite_unusable")

    # Word for word what an unknown code gets: nothing hints at the inviter's disclosure.
    assert refused["message"] == unknown["message"]
    assert "safety" not in refused["message"].lower()
    assert not Couple.objects.exists()


def test_an_acceptor_with_a_red_level_is_sent_to_their_own_safety_path(
    api: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    code = invite(api, alex)["code"]
    make_red(sam)

    assert_error(accept(api, sam, code), 403, "safety_lock")
    assert not Couple.objects.exists()
    # The invite stays open: alex is not told anything happened.
    assert len(api.get(f"{BASE}/invites", headers=alex.auth).json()) == 1


def test_an_acceptor_who_skipped_the_safety_check_is_asked_to_answer_it(
    api: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex)

    assert_error(accept(api, sam, invite(api, alex)["code"]), 403, "safety_check_required")


def test_a_blank_code_names_the_field(api: Client, alex: Persona) -> None:
    assert_error(accept(api, alex, " - "), 422, "invalid", "code")
    assert_error(
        api.post(f"{BASE}/accept", {}, content_type=JSON, headers=alex.auth), 422, "invalid", "code"
    )


# -- unpairing -----------------------------------------------------------------------


def test_unpairing_needs_the_current_password(api: Client, alex: Persona, sam: Persona) -> None:
    pair(api, alex, sam)

    wrong = api.post(f"{BASE}/unpair", {"password": "not it"}, content_type=JSON, headers=alex.auth)

    assert_error(wrong, 403, "wrong_password", "password")
    assert status(api, alex)["paired"] is True


def test_either_person_can_unpair_and_then_neither_is_paired(
    api: Client, alex: Persona, sam: Persona
) -> None:
    pair(api, alex, sam)

    response = api.post(
        f"{BASE}/unpair", {"password": sam.password}, content_type=JSON, headers=sam.auth
    )

    assert response.status_code == 200
    assert response.json()["paired"] is False
    assert status(api, alex)["paired"] is False
    assert Couple.objects.get().ended_at is not None


def test_unpairing_when_not_paired_is_a_404(api: Client, alex: Persona) -> None:
    response = api.post(
        f"{BASE}/unpair", {"password": alex.password}, content_type=JSON, headers=alex.auth
    )

    assert_error(response, 404, "not_paired")


def test_a_red_level_never_stops_unpairing(api: Client, alex: Persona, sam: Persona) -> None:
    pair(api, alex, sam)
    make_red(sam)

    response = api.post(
        f"{BASE}/unpair", {"password": sam.password}, content_type=JSON, headers=sam.auth
    )

    assert response.status_code == 200


def test_pairing_again_makes_a_new_couple_with_a_new_key(
    api: Client, alex: Persona, sam: Persona
) -> None:
    pair(api, alex, sam)
    services.unpair(user=alex.user)
    accept(api, sam, invite(api, alex)["code"])

    old, new = Couple.objects.order_by("paired_at")
    assert old.ended_at is not None and new.is_active
    assert old.data_key_id != new.data_key_id


def test_pairing_and_invites_leave_content_free_audit_events(
    api: Client, alex: Persona, sam: Persona
) -> None:
    checked(alex, sam)
    invite(api, alex)
    services.revoke_invite(invite=Invite.objects.get())
    accept(api, sam, invite(api, alex)["code"])
    services.unpair(user=sam.user)

    kinds = list(AuditEvent.objects.order_by("at", "id").values_list("kind", "user_id"))
    assert kinds == [
        ("invite_created", alex.user.id),
        ("invite_revoked", alex.user.id),
        ("invite_created", alex.user.id),
        ("pair", sam.user.id),
        ("unpair", sam.user.id),
    ]


def test_someone_logged_out_gets_401_everywhere(api: Client) -> None:
    for method, path in (("get", "/status"), ("post", "/invites"), ("post", "/accept")):
        assert_error(getattr(api, method)(BASE + path), 401, "unauthorized")
