"""First-start files in the data directory. No Django import: runs before settings load."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from heartwork.core.crypto import KeyRing, format_keyring, new_master_key

SECRET_KEY_FILE = "secret.key"  # noqa: S105 (a file name)
MASTER_KEY_FILE = "master.key"


def _write_private(path: Path, text: str) -> bool:
    """Create ``path`` readable by its owner only. Returns False if it already existed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return True


def ensure_data_dir(
    data_dir: Path, *, master_key_from_env: bool, secret_from_env: bool
) -> list[str]:
    """Create the data dir and any missing key files; return what to tell the operator."""
    # Owner-only: the folder holds the database and the keys that open it.
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    notes = []
    if not secret_from_env and _write_private(
        data_dir / SECRET_KEY_FILE, secrets.token_urlsafe(48)
    ):
        notes.append(f"Created a session secret in {data_dir / SECRET_KEY_FILE}.")
    if not master_key_from_env and _write_private(
        data_dir / MASTER_KEY_FILE, format_keyring(KeyRing((new_master_key("k1"),)))
    ):
        notes.append(
            f"Created the master encryption key in {data_dir / MASTER_KEY_FILE}.\n"
            "  BACK IT UP NOW, and keep the copy apart from your database backups:\n"
            "  without it nobody, including you, can read any journal ever again."
        )
    return notes
