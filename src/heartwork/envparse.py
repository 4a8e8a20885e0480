"""Strict parsing of environment variables, with no Django import.

Every setting Heartwork reads goes through one of these functions, which record
the variable's name in ``KNOWN``: a test checks that docs/settings.md documents
each one, so a new setting cannot ship undocumented.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

KNOWN: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingError(ValueError):
    """A setting has a value we refuse to guess about."""


def _raw(name: str, environ: dict[str, str] | None = None) -> str | None:
    if environ is None:  # a real read of the process environment, not a test's dict
        KNOWN.add(name)
        return os.environ.get(name)
    return environ.get(name)


def env_str(name: str, default: str = "", environ: dict[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool = False, environ: dict[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingError(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str], environ: dict[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, environ: dict[str, str] | None = None) -> str | None:
    """Read ``NAME`` or the file named by ``NAME_FILE``; setting both is an error.

    Secrets from files let operators use Docker/systemd credentials without
    putting the value in the process environment.
    """
    direct = _raw(name, environ)
    file_name = _raw(f"{name}_FILE", environ)
    if direct is not None and file_name is not None:
        raise SettingError(f"set {name} or {name}_FILE, not both")
    if file_name is not None:
        path = Path(file_name)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingError(f"{name}_FILE: cannot read {path}: {exc.strerror}") from exc
        if not value:
            raise SettingError(f"{name}_FILE: {path} is empty")
        return value
    if direct is not None:
        if not direct.strip():
            raise SettingError(f"{name} is set but empty")
        return direct.strip()
    return None


def parse_database_url(url: str) -> dict[str, object]:
    """Turn ``sqlite:///path`` or ``postgresql://user:pw@host:port/name`` into Django settings."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        # sqlite:///relative/path and sqlite:////absolute/path, as most tools write them.
        name = path[1:]
        if not name:
            raise SettingError("DATABASE_URL: a sqlite URL needs a file path")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise SettingError("DATABASE_URL: a PostgreSQL URL needs a database name")
        try:
            port = parts.port
        except ValueError as exc:
            raise SettingError("DATABASE_URL: the port is not a number") from exc
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
        }
    raise SettingError(f"DATABASE_URL: unsupported scheme {scheme!r} (use sqlite or postgresql)")
