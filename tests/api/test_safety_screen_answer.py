"""POST /api/v1/safety/screens/{id}: answer one screen of the safety check."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.accounts.services import set_discreet_mode
from heartwork.partners.services import add_partner, end_partner
from heartwork.safety.models import ScreenAnswers
from tests.api.conftest import ANALYZE_URL, JSON, assert_error, assert_error_shape, with_csrf
from tests.conftest import Persona, answer_all

URL = "/api/v1/safety/screens/"
STATUS_KEYS = {"level", "coaching", "message", "due", "partner", "country", "resources"}


def answer(api: Client, persona: Persona, screen_id: str, answers: object, **extra: object) -> Any:
    body = {"answers": answers, **extra}
    return api.post(URL + screen_id, json.dumps(body), content_type=JSON, headers=persona.auth)


def answered(
    api: Client, persona: Persona, screen_id: str, answers: object, **extra: object
) -> dict[str, Any]:
    response = answer(api, persona, screen_id, answers, **extra)
    assert response.status_code == 200, response.content
    result: dict[str, Any] = response.json()
    return result


def answer_every_screen(api: Client, persona: Persona, **overrides: str) -> dict[str, Any]:
    """Every screen with "no", some answers changed; the last answer."""
    result: dict[str, Any] = {}
    for screen_id in ("device", "mood", "contact", "harm", "mirror"):
        changed = {key: value for key, value in overrides.items() if key in ids_of(screen_id)}
        result = answered(api, persona, screen_id, answer_all(screen_id, **changed))
    return result


def ids_of(screen_id: str) -> set[str]:
    return set(answer_all(screen_id))


def coach(api: Client, persona: Persona) -> Any:
    return api.post(
        ANALYZE_URL, {"text": "Hi, I hope you are well."}, content_type=JSON, headers=persona.auth
    )


# -- what a completed screen says ------------------------------------------------------


def test_a_completed_screen_says_what_it_found_and_where_things_stand(
    api: Client, alex: Persona
) -> None:
    result = answered(api, alex, "device", answer_all("device"))

    assert set(result) == {"screen", "level", "codes", "discreet_mode", "status"}
    assert (result["screen"], result["level"], result["codes"]) == ("device", "green", [])
    assert result["discreet_mode"] is True  # new accounts start discreet (SAFETY.md, 5)
    assert set(result["status"]) == STATUS_KEYS
    assert "device" not in result["status"]["due"]
    assert result["status"]["coaching"] == "check_required"


def test_a_shared_phone_turns_discreet_mode_on(api: Client, alex: Persona) -> None:
    set_discreet_mode(user=alex.user, on=False)
    result = answered(api, alex, "device", answer_all("device", shared_device="yes"))

    assert result["discreet_mode"] is True
    alex.user.refresh_from_db()
    assert alex.user.discreet_mode


def test_answering_every_screen_with_no_opens_coaching(api: Client, alex: Persona) -> None:
    add_partner(user=alex.user, name="Jo")

    result = answer_every_screen(api, alex)

    assert result["status"]["coaching"] == "open"
    assert result["status"]["due"] == []
    assert coach(api, alex).status_code == 200


def test_a_court_order_locks_coaching_and_the_coach_refuses(api: Client, alex: Persona) -> None:
    add_partner(user=alex.user, name="Jo")

    answer_every_screen(api, alex)
    result = answered(api, alex, "contact", answer_all("contact", order="yes"))

    assert (result["level"], result["codes"]) == ("red", ["legal_boundary"])
    assert result["status"]["coaching"] == "locked"
    assert result["status"]["message"]
    assert_error(coach(api, alex), 403, "safety_lock")


def test_a_crisis_answer_locks_coaching_and_brings_crisis_lines(api: Client, alex: Persona) -> None:
    alex.user.country = "GB"
    alex.user.save(update_fields=["country"])

    result = answered(api, alex, "mood", answer_all("mood", death_thoughts="yes", plan="yes"))

    assert result["level"] == "crisis"
    assert "self_harm" in result["codes"]
    assert result["status"]["coaching"] == "locked"
    assert {line["kind"] for line in result["status"]["resources"]} >= {"emergency", "crisis"}


def test_unsure_is_an_answer_too(api: Client, alex: Persona) -> None:
    add_partner(user=alex.user, name="Jo")

    result = answered(api, alex, "contact", answer_all("contact", blocked="unsure"))

    assert (result["level"], result["codes"]) == ("amber", ["legal_boundary"])


# -- which partner ---------------------------------------------------------------------


def test_a_partner_screen_is_about_the_current_partner_when_none_is_named(
    api: Client, alex: Persona
) -> None:
    jo = add_partner(user=alex.user, name="Jo")

    answered(api, alex, "harm", answer_all("harm"))

    assert ScreenAnswers.objects.get(user=alex.user, screen="harm").partner == jo


def test_a_partner_screen_can_be_about_an_earlier_partner(api: Client, alex: Persona) -> None:
    jo = add_partner(user=alex.user, name="Jo")
    add_partner(user=alex.user, name="Kim")

    answered(api, alex, "harm", answer_all("harm"), partner_id=str(jo.id))

    assert ScreenAnswers.objects.get(user=alex.user, screen="harm").partner == jo


def test_a_partner_screen_without_any_partner_asks_for_one(api: Client, alex: Persona) -> None:
    response = answer(api, alex, "contact", answer_all("contact"))

    assert_error(response, 422, "invalid", field="partner_id")
    assert not ScreenAnswers.objects.exists()


def test_a_partner_screen_with_only_ended_partners_asks_for_one(api: Client, alex: Persona) -> None:
    end_partner(partner=add_partner(user=alex.user, name="Jo"))

    assert_error(answer(api, alex, "mirror", answer_all("mirror")), 422, field="partner_id")


def test_someone_elses_partner_looks_like_no_partner_at_all(
    api: Client, alex: Persona, sam: Persona
) -> None:
    add_partner(user=alex.user, name="Jo")
    sams = add_partner(user=sam.user, name="Robin")

    for screen_id in ("contact", "device"):
        theirs = answer(api, alex, screen_id, answer_all(screen_id), partner_id=str(sams.id))
        unknown = answer(api, alex, screen_id, answer_all(screen_id), partner_id=str(uuid.uuid4()))

        assert_error(theirs, 404, "not_found")
        assert theirs.json() == unknown.json()
    assert not ScreenAnswers.objects.exists()


def test_a_partner_id_that_is_not_a_uuid_is_refused_naming_it(api: Client, alex: Persona) -> None:
    add_partner(user=alex.user, name="Jo")

    response = answer(api, alex, "contact", answer_all("contact"), partner_id="jo")

    assert_error(response, 422, "invalid", field="partner_id")


def test_a_user_screen_is_about_the_user_even_with_a_partner_named(
    api: Client, alex: Persona
) -> None:
    jo = add_partner(user=alex.user, name="Jo")

    answered(api, alex, "mood", answer_all("mood"), partner_id=str(jo.id))

    assert ScreenAnswers.objects.get(user=alex.user, screen="mood").partner is None


# -- bad input -------------------------------------------------------------------------


def test_an_unknown_screen_is_404(api: Client, alex: Persona) -> None:
    assert_error(answer(api, alex, "feelings", {"a": "no"}), 404, "not_found")


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "answers.safe_now"),
        ({"safe_now": "no"}, "answers.shared_device"),
        (answer_all("device", safe_now="maybe"), "answers.safe_now"),
        (answer_all("device", shared_device="YES"), "answers.shared_device"),
        ({**answer_all("device"), "favourite_colour": "no"}, "answers.favourite_colour"),
        (answer_all("device", safe_now=True), "answers.safe_now"),  # type: ignore[arg-type]
        (answer_all("device", safe_now=None), "answers.safe_now"),  # type: ignore[arg-type]
        (["safe_now", "no"], "answers"),
        ("no", "answers"),
    ],
)
def test_answers_that_cannot_be_read_are_refused_naming_the_question(
    api: Client, alex: Persona, answers: object, field: str
) -> None:
    error = assert_error(answer(api, alex, "device", answers), 422, "invalid", field=field)

    assert error["message"].startswith(field)
    assert not ScreenAnswers.objects.exists()


def test_a_follow_up_that_the_answers_call_for_is_required(api: Client, alex: Persona) -> None:
    first_only = {"death_thoughts": "yes", "self_harm_thoughts": "no"}

    response = answer(api, alex, "mood", first_only)

    assert_error(response, 422, "invalid", field="answers.plan")


def test_follow_ups_that_were_not_called_for_are_not_required(api: Client, alex: Persona) -> None:
    result = answered(api, alex, "mood", {"death_thoughts": "no", "self_harm_thoughts": "no"})

    assert result["level"] == "green"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "answers"),
        ({"answers": {"safe_now": "no", "shared_device": "no"}, "level": "green"}, "level"),
        ({"answers": None}, "answers"),
    ],
)
def test_a_missing_or_unknown_field_is_refused_naming_it(
    api: Client, alex: Persona, body: dict[str, Any], field: str
) -> None:
    response = api.post(URL + "device", body, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field=field)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    screen_id=st.sampled_from(["device", "mood", "contact", "harm", "mirror"]),
    answers=st.dictionaries(
        st.sampled_from(["safe_now", "order", "afraid", "plan", "hit"]) | st.text(max_size=8),
        st.sampled_from(["yes", "no", "unsure"]) | st.text(max_size=4) | st.integers(),
        max_size=6,
    )
    | st.none()
    | st.text(max_size=5),
    partner_id=st.none() | st.text(max_size=8) | st.uuids().map(str),
)
def test_any_answers_get_a_result_or_a_clear_error_never_a_server_error(
    api: Client, alex: Persona, screen_id: str, answers: object, partner_id: str | None
) -> None:
    extra = {} if partner_id is None else {"partner_id": partner_id}

    response = answer(api, alex, screen_id, answers, **extra)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)


# -- who may answer --------------------------------------------------------------------


def test_answering_needs_a_token(api: Client, db: None) -> None:
    response = api.post(URL + "device", {"answers": {}}, content_type=JSON)

    assert_error(response, 401, "unauthorized")


def test_the_web_session_answers_with_a_csrf_token_and_not_without(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    browser = client_for(alex)
    body = {"answers": answer_all("device")}

    refused = browser.post(URL + "device", body, content_type=JSON)
    allowed = browser.post(URL + "device", body, content_type=JSON, headers=with_csrf(browser))

    assert_error(refused, 403, "forbidden")
    assert allowed.status_code == 200
    assert ScreenAnswers.objects.filter(user=alex.user).count() == 1


def test_answers_go_on_the_record_of_the_person_who_sent_them(
    api: Client, alex: Persona, sam: Persona
) -> None:
    answered(api, alex, "device", answer_all("device"))

    assert ScreenAnswers.objects.filter(user=alex.user).count() == 1
    assert not ScreenAnswers.objects.filter(user=sam.user).exists()
