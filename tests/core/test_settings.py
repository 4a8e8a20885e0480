"""Settings come from the environment only, are parsed strictly, and refuse unsafe production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartwork.envparse import (
    SettingError,
    env_bool,
    env_list,
    env_secret,
    parse_database_url,
)


@pytest.mark.parametrize("text", ["1", "true", "YES", "on"])
def test_true_values_are_understood(text: str) -> None:
    assert env_bool("X", environ={"X": text}) is True


@pytest.mark.parametrize("text", ["0", "false", "No", "off", ""])
def test_false_values_are_understood(text: str) -> None:
    assert env_bool("X", default=True, environ={"X": text}) is False


def test_a_yes_no_setting_with_an_unclear_value_stops_start_up() -> None:
    with pytest.raises(SettingError, match="X must be true or false"):
        env_bool("X", environ={"X": "maybe"})


def test_lists_are_comma_separated_and_trimmed() -> None:
    assert env_list("H", [], environ={"H": " a.example , b.example,, "}) == [
        "a.example",
        "b.example",
    ]


def test_a_secret_can_come_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("from-a-file\n")
    assert env_secret("S", environ={"S_FILE": str(path)}) == "from-a-file"


def test_a_secret_set_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="not both"):
        env_secret("S", environ={"S": "x", "S_FILE": str(tmp_path / "f")})


def test_a_missing_or_empty_secret_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="cannot read"):
        env_secret("S", environ={"S_FILE": str(tmp_path / "missing")})
    (tmp_path / "empty").write_text("  \n")
    with pytest.raises(SettingError, match="is empty"):
        env_secret("S", environ={"S_FILE": str(tmp_path / "empty")})


def test_an_empty_secret_is_refused() -> None:
    with pytest.raises(SettingError, match="empty"):
        env_secret("S", environ={"S": "  "})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/app.db", {"NAME": "var/app.db"}),
        ("sqlite:////srv/app.db", {"NAME": "/srv/app.db"}),
        (
            "postgresql://me:p%40ss@db.local:6543/heart",
            {"NAME": "heart", "USER": "me", "PASSWORD": "p@ss", "HOST": "db.local", "PORT": "6543"},
        ),
        ("postgres://127.0.0.1/test", {"NAME": "test", "HOST": "127.0.0.1", "PORT": ""}),
    ],
)
def test_database_urls_become_django_settings(url: str, expected: dict[str, str]) -> None:
    parsed = parse_database_url(url)
    assert expected.items() <= parsed.items()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://x/y", "unsupported scheme"),
        ("postgresql://host:port/db", "port is not a number"),
        ("postgresql://host/", "needs a database name"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_database_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(SettingError, match=reason):
        parse_database_url(url)


def _load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings module in a clean process with exactly this environment."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    clean.pop("DATABASE_URL", None)
    clean.update({"HEARTWORK_DATA_DIR": str(tmp_path), **env})
    code = "import heartwork.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    result = _load_settings(tmp_path)
    assert result.returncode != 0
    assert "HEARTWORK_SECRET_KEY is missing" in result.stderr


@pytest.mark.parametrize("secret", ["change-me", "short-secret"])
def test_production_refuses_a_default_or_short_secret(tmp_path: Path, secret: str) -> None:
    result = _load_settings(tmp_path, HEARTWORK_SECRET_KEY=secret)
    assert result.returncode != 0
    assert "refusing to run in production mode" in result.stderr


def test_production_uses_the_secret_file_that_serve_creates(tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_text("x" * 64)
    assert _load_settings(tmp_path).returncode == 0


def test_debug_mode_runs_without_a_secret(tmp_path: Path) -> None:
    result = _load_settings(tmp_path, HEARTWORK_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_an_unclear_debug_value_stops_start_up(tmp_path: Path) -> None:
    result = _load_settings(tmp_path, HEARTWORK_DEBUG="sometimes")
    assert "HEARTWORK_DEBUG must be true or false" in result.stderr


def test_database_url_switches_to_postgresql(tmp_path: Path) -> None:
    result = _load_settings(
        tmp_path, HEARTWORK_DEBUG="1", DATABASE_URL="postgresql://u@127.0.0.1:5432/db"
    )
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path: Path) -> None:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    clean.pop("DATABASE_URL", None)
    clean.update(
        HEARTWORK_DATA_DIR=str(tmp_path),
        HEARTWORK_DEBUG="1",
        DJANGO_SETTINGS_MODULE="heartwork.settings",
    )
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);\n"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["wal", "IMMEDIATE"]
    assert (tmp_path / "heartwork.sqlite3").exists()
