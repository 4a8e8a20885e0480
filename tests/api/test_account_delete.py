"""DELETE /api/v1/account: the account, every row it owns and its data key, after the password.

Also the promise behind it: once the key row is gone, a value encrypted for the person
cannot be decrypted with anything the instance still has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

from heartwork.accounts.models import ApiToken, User
from heartwork.core import crypto
from heartwork.core.keys import keyring, unwrapped
from heartwork.core.models import DataKey
from heartwork.journal.models import Entry
from tests.api.conftest import JSON, ME_URL, assert_error
from tests.conftest import Persona, stored_text
from tests.privacy_fill import SECRET, fill

URL = "/api/v1/account"


def _delete(api: Client, persona: Persona, password: str) -> Response:
    return api.delete(URL, {"password": password}, content_type=JSON, headers=persona.auth)


def _rows_pointing_at(user_id: object) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is user_model
                and model._default_manager.filter(**{field.attname: user_id}).exists()
            ):
                found.append(f"{model._meta.label_lower}.{field.name}")
    return found


def test_the_right_password_deletes_every_row_and_the_data_key(
    api: Client, alex: Persona, sam: Persona
) -> None:
    fill(alex.user)
    user_id, key_id = alex.user.pk, alex.user.data_key_id
    assert _rows_pointing_at(user_id)

    response = _delete(api, alex, alex.password)

    assert response.status_code == 204
    assert not User.objects.filter(pk=user_id).exists()
    assert _rows_pointing_at(user_id) == []
    assert not DataKey.objects.filter(pk=key_id).exists()
    assert SECRET not in stored_text(Entry._meta.db_table)


def test_the_other_person_keeps_everything(api: Client, alex: Persona, sam: Persona) -> None:
    fill(sam.user)
    before = len(_rows_pointing_at(sam.user.pk))
    _delete(api, alex, alex.password)
    assert len(_rows_pointing_at(sam.user.pk)) == before
    assert DataKey.objects.filter(pk=sam.user.data_key_id).exists()


def test_a_value_from_before_the_deletion_can_no_longer_be_decrypted(
    api: Client, alex: Persona
) -> None:
    fill(alex.user)
    entry = Entry.objects.get(user=alex.user)
    # What a copy of the entries table taken before the deletion holds.
    blob = bytes(Entry.objects.filter(pk=entry.pk).values_list("body", flat=True).get())
    key_id = alex.user.data_key_id
    aad = crypto.associated_data(
        model="journal.entry", field="body", row_id=str(entry.pk), owner_id=str(alex.user.pk)
    )
    assert SECRET in crypto.decrypt(unwrapped(alex.user.data_key), blob, aad=aad)

    _delete(api, alex, alex.password)

    # The instance has the master keys still, but no wrapped data key left to open.
    assert not DataKey.objects.filter(pk=key_id).exists()
    for other in DataKey.objects.all():
        keys = {
            other.version: crypto.unwrap_data_key(
                keyring(), other.kek_id, bytes(other.wrapped), owner=str(other.id)
            )
        }
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(keys, blob, aad=aad)


def test_the_token_stops_working(api: Client, alex: Persona) -> None:
    _delete(api, alex, alex.password)
    assert not ApiToken.objects.exists()
    assert_error(api.get(ME_URL, headers=alex.auth), 401)


def test_a_wrong_password_deletes_nothing(api: Client, alex: Persona) -> None:
    fill(alex.user)
    assert_error(_delete(api, alex, "nope"), 403, "wrong_password", "password")
    assert User.objects.filter(pk=alex.user.pk).exists()
    assert Entry.objects.filter(user=alex.user).exists()


def test_the_password_is_required(api: Client, alex: Persona) -> None:
    response = api.delete(URL, {}, content_type=JSON, headers=alex.auth)
    assert_error(response, 422, "invalid", "password")
    assert User.objects.filter(pk=alex.user.pk).exists()


def test_a_couple_goes_with_either_member_with_its_key_and_what_was_shared(
    api: Client, alex: Persona, sam: Persona
) -> None:
    from heartwork.core.keys import create_data_key
    from heartwork.couples.models import Couple, SharedAnswer

    fill(sam.user)
    sams_rows = len(_rows_pointing_at(sam.user.pk))
    couple = Couple.objects.create(user_a=alex.user, user_b=sam.user, data_key=create_data_key())
    SharedAnswer.objects.create(couple=couple, user=sam.user, exercise="x", answers="{}")
    couple_key = couple.data_key_id

    _delete(api, alex, alex.password)

    assert not Couple.objects.filter(pk=couple.pk).exists()
    assert not SharedAnswer.objects.exists()
    assert not DataKey.objects.filter(pk=couple_key).exists()
    # sam's shared answer went with the couple; everything sam kept alone stays.
    assert len(_rows_pointing_at(sam.user.pk)) == sams_rows
    assert Entry.objects.filter(user=sam.user).exists()


def test_the_deletion_is_in_the_audit_log_by_account_id_only(api: Client, alex: Persona) -> None:
    from heartwork.audit.models import AuditEvent

    user_id = alex.user.pk
    _delete(api, alex, alex.password)
    event = AuditEvent.objects.get(kind="delete_account")
    assert (event.user_id, event.channel) == (user_id, "api")
