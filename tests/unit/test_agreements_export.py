"""The agreements section of "export everything": the person's own side only, and the
drafts come back on import."""

from __future__ import annotations

import json

import pytest

from heartwork.accounts.services import create_account
from heartwork.agreements import services
from heartwork.agreements.models import SoloDraft
from heartwork.agreements.portable import SECTION
from heartwork.core.keys import create_data_key
from heartwork.couples.models import Couple
from heartwork.privacy.rows import ArchiveError
from heartwork.privacy.sections import by_name
from tests.conftest import PASSWORD, Persona

MINE = "We talk about money on the first Sunday of the month."
THEIRS = "Money talks happen after dinner, never before bed."


def test_the_section_is_registered_under_a_stable_name() -> None:
    assert by_name()["agreements"] is SECTION


def test_the_export_holds_my_drafts_and_my_words_but_never_my_partners(
    alex: Persona, sam: Persona
) -> None:
    couple = Couple.objects.create(user_a=alex.user, user_b=sam.user, data_key=create_data_key())
    services.save_draft(user=alex.user, section_id="stress_as_a_team", text="My own idea.")
    mine = services.propose(
        user=alex.user, couple=couple, section_id="stress_as_a_team", text=MINE, based_on=None
    )
    theirs = services.propose(
        user=sam.user, couple=couple, section_id="stress_as_a_team", text=THEIRS, based_on=mine.id
    )
    services.accept(user=alex.user, couple=couple, version_id=theirs.id)

    exported = SECTION.export(alex.user)
    text = json.dumps(exported)
    assert "My own idea." in text and MINE in text and THEIRS not in text
    assert [row["number"] for row in exported["proposed"]] == [1]
    assert [row["id"] for row in exported["accepted"]] == [str(theirs.id)]
    assert "My own idea." not in json.dumps(SECTION.export(sam.user))


def test_drafts_come_back_on_import_into_a_new_account(alex: Persona) -> None:
    services.save_draft(user=alex.user, section_id="arguments", text="No names.")
    exported = json.loads(json.dumps(SECTION.export(alex.user)))
    SoloDraft.objects.all().delete()
    newcomer = create_account(email="new@example.org", password=PASSWORD)
    SECTION.restore(newcomer, exported)
    assert SoloDraft.objects.get(user=newcomer).text == "No names."


@pytest.mark.parametrize(
    "data", [[], {"drafts": []}, {k: {} for k in ("drafts", "proposed", "accepted", "reviews")}]
)
def test_a_damaged_section_is_refused_with_a_reason(alex: Persona, data: object) -> None:
    with pytest.raises(ArchiveError):
        SECTION.restore(alex.user, data)
