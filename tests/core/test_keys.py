"""Where the master keys come from, and what happens when they are missing or wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings

from heartwork.bootstrap import ensure_data_dir
from heartwork.core import crypto
from heartwork.core.checks import master_key_check
from heartwork.core.keys import create_data_key, keyring, unwrapped


def test_the_environment_key_is_used_when_set() -> None:
    assert keyring().primary.id == "test1"


def test_the_data_dir_key_file_is_used_when_no_key_is_set(
    settings: Settings, tmp_path: Path
) -> None:
    ensure_data_dir(tmp_path, master_key_from_env=False, secret_from_env=True)
    settings.HEARTWORK_MASTER_KEY = None
    settings.HEARTWORK_MASTER_KEY_PATH = tmp_path / "master.key"
    assert keyring().primary.id == "k1"
    assert not (tmp_path / "secret.key").exists()


def test_a_rotated_key_file_is_picked_up_without_a_restart(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "master.key"
    first = crypto.KeyRing((crypto.new_master_key("k1"),))
    path.write_text(crypto.format_keyring(first))
    settings.HEARTWORK_MASTER_KEY = None
    settings.HEARTWORK_MASTER_KEY_PATH = path
    assert keyring() == first
    rotated = crypto.KeyRing((crypto.new_master_key("k2"), first.keys[0]))
    path.write_text(crypto.format_keyring(rotated))
    os.utime(path, ns=(1, path.stat().st_mtime_ns + 1_000_000))
    assert keyring() == rotated


def test_a_missing_key_is_a_clear_configuration_error_and_fails_the_system_check(
    settings: Settings, tmp_path: Path
) -> None:
    settings.HEARTWORK_MASTER_KEY = None
    settings.HEARTWORK_MASTER_KEY_PATH = tmp_path / "nothing-here"
    with pytest.raises(ImproperlyConfigured, match="no master key"):
        keyring()
    assert [error.id for error in master_key_check()] == ["heartwork.E001"]


def test_a_malformed_key_names_its_source(settings: Settings) -> None:
    settings.HEARTWORK_MASTER_KEY = "k1:tooshort"
    with pytest.raises(ImproperlyConfigured, match="HEARTWORK_MASTER_KEY: master key 'k1'"):
        keyring()


@pytest.mark.django_db
def test_each_data_key_is_random_and_stored_only_wrapped() -> None:
    one, two = create_data_key(), create_data_key()
    plain_one, plain_two = unwrapped(one)[1], unwrapped(two)[1]
    assert plain_one != plain_two
    assert plain_one not in bytes(one.wrapped)
    assert one.kek_id == "test1"
