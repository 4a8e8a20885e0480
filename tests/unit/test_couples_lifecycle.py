"""A couple's life: its members, its key, the archive and what deleting an account does."""

from __future__ import annotations

import pytest

from heartwork.core.models import DataKey
from heartwork.couples import selectors, services
from heartwork.couples.models import Confirmation, Couple, SharedAnswer
from heartwork.couples.portable import SECTION
from heartwork.privacy.rows import ArchiveError
from heartwork.privacy.services import delete_account
from heartwork.trust.services import add_entry
from tests.api.test_couples_pairing import checked
from tests.conftest import Persona, make_persona


def pair(alex: Persona, sam: Persona) -> Couple:
    checked(alex, sam)
    _, code = services.create_invite(user=alex.user)
    return services.accept_invite(user=sam.user, code=code)


def test_each_member_is_the_other_of_the_other(alex: Persona, sam: Persona) -> None:
    couple = pair(alex, sam)
    robin = make_persona("robin@example.com")

    assert couple.other(alex.user) == sam.user and couple.other(sam.user) == alex.user
    with pytest.raises(ValueError, match="not a member"):
        couple.other(robin.user)
    assert selectors.active_couple_of(robin.user) is None
    assert selectors.active_couple_of(sam.user) == couple


def test_the_couple_has_its_own_data_key(alex: Persona, sam: Persona) -> None:
    couple = pair(alex, sam)

    assert couple.data_key_id not in {alex.user.data_key_id, sam.user.data_key_id}


def test_deleting_either_account_deletes_the_couple_its_key_and_what_was_shared(
    alex: Persona, sam: Persona
) -> None:
    couple = pair(alex, sam)
    services.answer_exercise(
        user=alex.user, couple=couple, exercise_id="trust_again", answers={"need": "Time."}
    )
    entry = add_entry(user=sam.user, direction="deposit", kind="kept_word")
    services.confirm_deposit(user=alex.user, couple=couple, entry=entry, verdict="confirm")
    key_id = couple.data_key_id

    delete_account(user=sam.user)

    assert not Couple.objects.exists()
    assert not SharedAnswer.objects.exists() and not Confirmation.objects.exists()
    assert not DataKey.objects.filter(pk=key_id).exists()
    assert selectors.active_couple_of(alex.user) is None


def test_the_archive_holds_your_own_answers_and_never_the_partners(
    alex: Persona, sam: Persona
) -> None:
    couple = pair(alex, sam)
    services.answer_exercise(
        user=alex.user, couple=couple, exercise_id="trust_again", answers={"need": "Time."}
    )
    services.answer_exercise(
        user=sam.user, couple=couple, exercise_id="trust_again", answers={"need": "Honesty."}
    )

    exported = SECTION.export(alex.user)

    assert [answer["answers"]["need"] for answer in exported["answers"]] == ["Time."]
    assert "Honesty." not in str(exported)
    assert exported["couples"] == [
        {
            "id": str(couple.id),
            "invited_by_me": True,
            "paired_at": couple.paired_at.isoformat(),
            "ended_at": None,
        }
    ]
    assert exported["invites"][0]["used_at"] is not None
    assert "digest" not in str(exported)


def test_importing_the_section_checks_its_shape_and_restores_no_pairing(
    alex: Persona, sam: Persona
) -> None:
    pair(alex, sam)
    exported = SECTION.export(alex.user)
    robin = make_persona("robin@example.com")

    SECTION.restore(robin.user, exported)

    assert selectors.active_couple_of(robin.user) is None
    with pytest.raises(ArchiveError):
        SECTION.restore(robin.user, {"couples": "not a list"})
