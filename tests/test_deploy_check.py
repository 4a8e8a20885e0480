"""Django's deployment check passes on a production configuration, and the security settings
(HSTS, rate limits) are parsed strictly.

Each case runs in a clean process, because the settings module reads the environment once.
"""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest


def _environment(data_dir: Path, **env: str) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    production = {
        "HEARTWORK_DATA_DIR": str(data_dir),
        "HEARTWORK_SECRET_KEY": secrets.token_urlsafe(48),
        "HEARTWORK_MASTER_KEY": f"k1:{key}",
        "HEARTWORK_ALLOWED_HOSTS": "heartwork.example.org",
        "HEARTWORK_HTTPS": "true",
    }
    return {**clean, **production, **env}


def deploy_check(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = ["-m", "heartwork", "manage", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(
        [sys.executable, *command],
        env=_environment(data_dir, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def read_settings(data_dir: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    program = f"import heartwork.settings as s; print({code})"
    return subprocess.run(
        [sys.executable, "-c", program],
        env=_environment(data_dir, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_deployment_check_is_clean_on_a_production_configuration(tmp_path: Path) -> None:
    result = deploy_check(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_is_clean_with_every_hsts_option_on(tmp_path: Path) -> None:
    result = deploy_check(
        tmp_path,
        HEARTWORK_HSTS_SECONDS="63072000",
        HEARTWORK_HSTS_INCLUDE_SUBDOMAINS="true",
        HEARTWORK_HSTS_PRELOAD="true",
    )

    assert result.returncode == 0, result.stderr
    # Nothing needed silencing: every choice the check asks about was made.
    assert "no issues (0 silenced)" in result.stdout


def test_the_deployment_check_still_objects_to_plain_http(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, HEARTWORK_HTTPS="false")

    assert result.returncode != 0
    for check in ("security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_the_deployment_check_objects_to_debug_mode(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, HEARTWORK_DEBUG="true")

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_hsts_is_off_unless_asked_for(tmp_path: Path) -> None:
    result = read_settings(tmp_path, "s.SECURE_HSTS_SECONDS")

    assert result.stdout.strip() == "0", result.stderr


def test_hsts_settings_reach_django(tmp_path: Path) -> None:
    result = read_settings(
        tmp_path,
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD",
        HEARTWORK_HSTS_SECONDS="3600",
        HEARTWORK_HSTS_INCLUDE_SUBDOMAINS="yes",
    )

    assert result.stdout.strip() == "3600 True False", result.stderr


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"HEARTWORK_HSTS_SECONDS": "a year"}, "HEARTWORK_HSTS_SECONDS must be a whole number"),
        ({"HEARTWORK_HSTS_SECONDS": "-1"}, "HEARTWORK_HSTS_SECONDS must be a whole number"),
        (
            {"HEARTWORK_HSTS_SECONDS": "3600", "HEARTWORK_HTTPS": "false"},
            "HEARTWORK_HSTS_SECONDS needs HEARTWORK_HTTPS=true",
        ),
        ({"HEARTWORK_HSTS_PRELOAD": "maybe"}, "HEARTWORK_HSTS_PRELOAD must be true or false"),
        ({"HEARTWORK_RATE_LIMITS": "sometimes"}, "HEARTWORK_RATE_LIMITS must be true or false"),
        ({"HEARTWORK_TRUSTED_PROXIES": "yes"}, "HEARTWORK_TRUSTED_PROXIES must be a whole number"),
        ({"HEARTWORK_RATE_LIMIT_LOGIN": "lots"}, "HEARTWORK_RATE_LIMIT_LOGIN must look like"),
        ({"HEARTWORK_RATE_LIMIT_COACH": "0/m"}, "HEARTWORK_RATE_LIMIT_COACH needs a count"),
        ({"HEARTWORK_RATE_LIMIT_SIGNUP": "5/0h"}, "HEARTWORK_RATE_LIMIT_SIGNUP needs a count"),
    ],
)
def test_an_unclear_security_setting_stops_start_up_with_its_name(
    tmp_path: Path, env: dict[str, str], reason: str
) -> None:
    result = read_settings(tmp_path, "s.DEBUG", **env)

    assert result.returncode != 0
    assert reason in result.stderr


def test_rate_limits_can_be_tuned_one_by_one_or_turned_off(tmp_path: Path) -> None:
    tuned = read_settings(
        tmp_path,
        "sorted(s.RATE_LIMITS.items())",
        HEARTWORK_RATE_LIMIT_LOGIN="5/15m",
        HEARTWORK_RATE_LIMIT_COACH="off",
    )
    off = read_settings(tmp_path, "set(s.RATE_LIMITS.values())", HEARTWORK_RATE_LIMITS="false")

    assert tuned.stdout.strip() == (
        "[('coach', None), ('login', Rate(limit=5, seconds=900)), "
        "('signup', Rate(limit=10, seconds=3600)), ('token', Rate(limit=20, seconds=3600))]"
    ), tuned.stderr
    assert off.stdout.strip() == "{None}", off.stderr
