"""`heartwork rotate-key`: a new master key, every data key re-wrapped, old keys retired."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from heartwork.accounts.models import User
from heartwork.accounts.services import create_account
from heartwork.audit.models import AuditEvent
from heartwork.cli import main
from heartwork.core import crypto
from heartwork.core.keys import keyring, unwrapped
from heartwork.core.models import DataKey
from heartwork.journal.selectors import entries_of
from heartwork.ops.rotate import next_key_id, rewrap
from tests.conftest import PASSWORD, Persona
from tests.web.steps import write_entry

ALEX_TEXT = "Some days I still set two cups out"
SAM_TEXT = "The garden is finally mine to plan"


@pytest.fixture
def key_file(settings: Settings, tmp_path: Path) -> Path:
    """The test keyring moved into a key file in the data dir, as `heartwork serve` keeps it."""
    path = tmp_path / "master.key"
    path.write_text(settings.HEARTWORK_MASTER_KEY + "\n")
    path.chmod(0o600)
    settings.HEARTWORK_MASTER_KEY = None
    settings.HEARTWORK_MASTER_KEY_PATH = path
    return path


@pytest.fixture
def written(alex: Persona, sam: Persona) -> None:
    write_entry(alex, ALEX_TEXT)
    write_entry(sam, SAM_TEXT)


def body_of(persona: Persona) -> str:
    # A fresh read: the data key is unwrapped again with whatever the keyring is now.
    user = User.objects.select_related("data_key").get(pk=persona.user.pk)
    body: str = entries_of(user).get().body
    return body


def kek_ids() -> set[str]:
    return set(DataKey.objects.values_list("kek_id", flat=True))


def test_rotating_rewraps_every_data_key_and_all_text_still_reads(
    key_file: Path,
    written: None,
    alex: Persona,
    sam: Persona,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert kek_ids() == {"test1"}

    assert main(["rotate-key"]) == 0

    assert kek_ids() == {"k1"}
    assert (body_of(alex), body_of(sam)) == (ALEX_TEXT, SAM_TEXT)
    assert "Added master key k1 and re-wrapped 2 data keys" in capsys.readouterr().out


def test_the_new_key_goes_first_in_the_key_file_and_the_old_one_stays(
    key_file: Path, written: None
) -> None:
    old = keyring()

    main(["rotate-key"])

    ring = crypto.parse_keyring(key_file.read_text())
    assert [key.id for key in ring.keys] == ["k1", "test1"]
    assert ring.keys[1] == old.primary
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in key_file.parent.iterdir() if p.name.startswith("master")) == [
        "master.key"
    ]


def test_accounts_made_after_a_rotation_get_data_keys_wrapped_by_the_new_key(
    key_file: Path, db: None
) -> None:
    main(["rotate-key"])

    user = create_account(email="new@example.org", password=PASSWORD)

    assert user.data_key.kek_id == "k1"


def test_a_second_rotation_adds_the_next_key_and_keeps_both_older_ones(
    key_file: Path, written: None, alex: Persona
) -> None:
    main(["rotate-key"])
    main(["rotate-key"])

    assert [key.id for key in keyring().keys] == ["k2", "k1", "test1"]
    assert kek_ids() == {"k2"}
    assert body_of(alex) == ALEX_TEXT


def test_a_rotation_is_recorded_in_the_audit_log(key_file: Path, db: None) -> None:
    main(["rotate-key"])

    event = AuditEvent.objects.get(kind="key_rotated")
    assert (event.user_id, event.channel) == (None, "")


def test_an_old_key_no_data_key_uses_can_be_retired(
    key_file: Path, written: None, alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["rotate-key"])

    assert main(["rotate-key", "--retire", "test1"]) == 0

    assert [key.id for key in keyring().keys] == ["k1"]
    assert body_of(alex) == ALEX_TEXT
    out = capsys.readouterr().out
    assert "Retired master key test1" in out
    assert "Backups made while test1 was in use" in out


@pytest.mark.parametrize(
    ("key_id", "message"),
    [
        ("test1", "2 data keys are still wrapped with test1"),
        ("k9", "k9 wraps new data keys"),
        ("nope", "no master key 'nope' is configured"),
    ],
)
def test_a_key_still_in_use_the_first_key_or_an_unknown_key_is_not_retired(
    key_file: Path,
    written: None,
    capsys: pytest.CaptureFixture[str],
    key_id: str,
    message: str,
) -> None:
    # k9 is first (wraps new keys) but the data keys were all wrapped by test1 before.
    ring = crypto.KeyRing((crypto.new_master_key("k9"), *keyring().keys))
    key_file.write_text(crypto.format_keyring(ring))
    os.utime(key_file, ns=(1, key_file.stat().st_mtime_ns + 1_000_000))
    before = key_file.read_text()

    assert main(["rotate-key", "--retire", key_id]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert key_file.read_text() == before


def test_keys_from_the_environment_are_not_rotated_in_place(
    db: None, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rotate-key"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--print-only" in err and "--rewrap-only" in err
    assert kek_ids() <= {"test1"}


def test_with_keys_from_the_environment_print_set_and_rewrap_completes_a_rotation(
    written: None, alex: Persona, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rotate-key", "--print-only"]) == 0
    printed = capsys.readouterr().out.strip()
    assert kek_ids() == {"test1"}  # printing changes nothing
    assert printed.endswith("," + settings.HEARTWORK_MASTER_KEY)

    settings.HEARTWORK_MASTER_KEY = printed  # what the operator sets before a restart
    assert main(["rotate-key", "--rewrap-only"]) == 0

    assert kek_ids() == {"k1"}
    assert body_of(alex) == ALEX_TEXT
    assert "Re-wrapped 2 data keys" in capsys.readouterr().out


def test_retiring_a_key_from_the_environment_prints_the_keyring_to_set(
    written: None, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    old = settings.HEARTWORK_MASTER_KEY
    settings.HEARTWORK_MASTER_KEY = crypto.format_keyring(
        crypto.KeyRing((crypto.new_master_key("k1"), *crypto.parse_keyring(old).keys))
    )
    main(["rotate-key", "--rewrap-only"])
    capsys.readouterr()

    assert main(["rotate-key", "--retire", "test1"]) == 0

    printed = capsys.readouterr().out.splitlines()[0]
    assert [key.id for key in crypto.parse_keyring(printed).keys] == ["k1"]


def test_rewrapping_in_small_batches_reaches_every_data_key(
    key_file: Path, written: None, alex: Persona, sam: Persona, settings: Settings
) -> None:
    create_account(email="third@example.org", password=PASSWORD)
    ring = crypto.KeyRing((crypto.new_master_key("k5"), *keyring().keys))
    settings.HEARTWORK_MASTER_KEY = crypto.format_keyring(ring)

    assert rewrap(batch=1) == 3

    assert kek_ids() == {"k5"}
    assert body_of(sam) == SAM_TEXT


def test_a_second_rotation_at_the_same_time_is_refused(
    key_file: Path, db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = key_file.with_name(".master.key.lock")
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert main(["rotate-key"]) == 2
    finally:
        os.close(fd)

    assert "another key rotation is running" in capsys.readouterr().err
    assert [key.id for key in keyring().keys] == ["test1"]


@pytest.mark.parametrize(
    ("ids", "expected"),
    [(["test1"], "k1"), (["k1"], "k2"), (["k3", "k1"], "k4"), (["k2", "x", "k10"], "k11")],
)
def test_new_key_ids_count_up_from_the_highest(ids: list[str], expected: str) -> None:
    ring = crypto.KeyRing(tuple(crypto.new_master_key(key_id) for key_id in ids))

    assert next_key_id(ring) == expected


def test_the_retire_and_print_options_cannot_be_combined(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["rotate-key", "--retire", "k1", "--print-only"])

    assert stopped.value.code == 2


def test_a_data_key_read_before_the_rotation_still_unwraps_after_it(
    key_file: Path, alex: Persona
) -> None:
    # A request in flight holds the row as it was: wrapped by the old key, which stays.
    before = DataKey.objects.get(pk=alex.user.data_key.pk)

    main(["rotate-key"])

    after = DataKey.objects.get(pk=before.pk)
    assert (before.kek_id, after.kek_id) == ("test1", "k1")
    assert bytes(before.wrapped) != bytes(after.wrapped)
    assert unwrapped(before) == unwrapped(after)
