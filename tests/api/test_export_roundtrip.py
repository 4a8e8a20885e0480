"""Export, then import into a fresh instance, then export again: the same data, exactly.

"A fresh instance" is this test database after the account was deleted (its rows, its data
key): the import then recreates the account with its old id, and every row with its id.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

import pytest

from heartwork.accounts.models import User
from heartwork.journal.models import Entry
from heartwork.privacy.archive import JSON_NAME, MalformedArchive
from heartwork.privacy.services import (
    ImportRefused,
    delete_account,
    export_archive,
    import_archive,
)
from heartwork.safety.models import SafetyStanding
from tests.conftest import Persona, make_persona
from tests.privacy_fill import SECRET, fill


def _doc(blob: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(zipfile.ZipFile(io.BytesIO(blob)).read(JSON_NAME))
    doc.pop("exported_at")
    return doc


def _rezip(doc: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(JSON_NAME, json.dumps({**doc, "exported_at": "x"}))
    return buffer.getvalue()


def _fresh_user(email: str) -> User:
    return User.objects.select_related("data_key").get(email=email)


def test_an_import_into_a_fresh_instance_restores_everything_exactly(alex: Persona) -> None:
    fill(alex.user)
    before = export_archive(user=alex.user).content
    old_id = alex.user.pk
    delete_account(user=alex.user)

    imported = import_archive(email=alex.email, blob=before)

    assert imported.created and imported.user.pk == old_id
    after = export_archive(user=_fresh_user(alex.email)).content
    assert _doc(after) == _doc(before)
    assert SECRET in json.dumps(_doc(after), ensure_ascii=False)


def test_an_import_into_a_new_empty_account_restores_every_section_but_the_account(
    alex: Persona, sam: Persona
) -> None:
    fill(alex.user)
    before = _doc(export_archive(user=alex.user).content)
    delete_account(user=alex.user)
    newcomer = make_persona("robin@example.org")

    imported = import_archive(email=newcomer.email, blob=_rezip(before))

    assert not imported.created
    after = _doc(export_archive(user=_fresh_user(newcomer.email)).content)
    account = after["sections"].pop("account")
    old_account = before["sections"].pop("account")
    assert after == before
    assert (account["country"], account["time_zone"]) == (old_account["country"], "Europe/Dublin")
    assert account["email"] == newcomer.email


def test_restored_text_is_encrypted_with_the_new_owners_key(alex: Persona) -> None:
    fill(alex.user)
    blob = export_archive(user=alex.user).content
    delete_account(user=alex.user)
    import_archive(email="robin@example.org", blob=blob)
    robin = _fresh_user("robin@example.org")
    entry = Entry.objects.select_related("user__data_key").get(user=robin)
    assert SECRET in entry.body
    assert robin.data_key_id != alex.user.data_key_id


def test_a_safety_lock_moves_with_the_person(alex: Persona) -> None:
    fill(alex.user)
    standing = SafetyStanding.objects.filter(user=alex.user, partner__isnull=False).get()
    state = standing.state
    blob = export_archive(user=alex.user).content
    delete_account(user=alex.user)
    import_archive(email=alex.email, blob=blob)
    restored = SafetyStanding.objects.select_related("user__data_key").get(pk=standing.pk)
    assert restored.partner_id == standing.partner_id
    assert restored.state == state


def test_an_account_that_already_holds_data_is_refused(alex: Persona, sam: Persona) -> None:
    fill(alex.user)
    Entry.objects.create(user=sam.user, title="", body="sam's own")
    blob = export_archive(user=alex.user).content
    with pytest.raises(ImportRefused, match="already holds data"):
        import_archive(email=sam.email, blob=blob)


def test_rows_that_already_exist_on_the_instance_are_refused(alex: Persona) -> None:
    fill(alex.user)
    blob = export_archive(user=alex.user).content
    with pytest.raises(MalformedArchive, match="already exist on this instance"):
        import_archive(email="robin@example.org", blob=blob)


def test_a_bad_row_leaves_nothing_behind_not_even_the_new_account(alex: Persona) -> None:
    fill(alex.user)
    doc = _doc(export_archive(user=alex.user).content)
    delete_account(user=alex.user)
    doc["sections"]["trust"]["entries"][0]["day"] = "the thirty-second of May"

    with pytest.raises(MalformedArchive, match=r"trust\.entries\[0\]: day"):
        import_archive(email=alex.email, blob=_rezip(doc))

    assert not User.objects.filter(email=alex.email).exists()
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: s["journal"]["entries"][0].pop("body"), r"journal\.entries\[0\]: expected"),
        (lambda s: s["journal"].update(entries="all of them"), "expected a list of rows"),
        (lambda s: s["journal"].pop("entries"), "journal: expected the keys"),
        (lambda s: s.update(diary={}), "sections this instance does not know: diary"),
        (lambda s: s["account"].update(time_zone="Mars/Olympus"), "time_zone"),
        (lambda s: s["drafts"]["drafts"][0].update(text=5), "text has a value"),
        (lambda s: s["partners"]["partners"][0].update(id="not-an-id"), "id has a value"),
        (lambda s: s["space"]["slips"][0].update(how="teleport"), "how has a value"),
        (lambda s: s["space"]["urges"][0].update(strength="very"), "strength has a value"),
        (lambda s: s["drafts"]["drafts"][0].update(kind="x" * 40), "kind has a value"),
    ],
)
def test_a_damaged_archive_is_refused_with_a_line_naming_the_place(
    alex: Persona, change: Any, reason: str
) -> None:
    fill(alex.user)
    doc = _doc(export_archive(user=alex.user).content)
    delete_account(user=alex.user)
    change(doc["sections"])
    with pytest.raises(MalformedArchive, match=reason):
        import_archive(email=alex.email, blob=_rezip(doc))
    assert not User.objects.filter(email=alex.email).exists()


def test_a_link_to_someone_elses_row_is_refused(alex: Persona, sam: Persona) -> None:
    from heartwork.partners.services import add_partner

    fill(alex.user)
    doc = _doc(export_archive(user=alex.user).content)
    delete_account(user=alex.user)
    sams_partner = add_partner(user=sam.user, name="Kim")
    doc["sections"]["trust"]["commitments"][0]["partner"] = str(sams_partner.pk)

    with pytest.raises(
        MalformedArchive, match="partner points at rows that are not in the archive"
    ):
        import_archive(email=alex.email, blob=_rezip(doc))


def test_rows_the_database_refuses_stop_the_import_and_leave_nothing(alex: Persona) -> None:
    fill(alex.user)
    doc = _doc(export_archive(user=alex.user).content)
    delete_account(user=alex.user)
    # One cool-down per person: a second one breaks the table's unique rule.
    plan = doc["sections"]["space"]["plan"][0]
    doc["sections"]["space"]["plan"].append({**plan, "id": str(uuid.uuid4())})

    with pytest.raises(ImportRefused, match="the database refused some rows"):
        import_archive(email=alex.email, blob=_rezip(doc))
    assert not User.objects.filter(email=alex.email).exists()
