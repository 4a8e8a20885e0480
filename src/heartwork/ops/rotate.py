"""`heartwork rotate-key`: a new master key, every data key re-wrapped, old keys retired.

Only the small wrapped data keys change; no text is decrypted or re-encrypted, so a
rotation of thousands of accounts takes seconds. It is safe while the app runs: the new
key file holds the new key first and the old ones after it, every process re-reads the
file when it changes (heartwork.core.keys), and a data key can be unwrapped with the old
key or the new one at every moment of the change.

Keys set in HEARTWORK_MASTER_KEY(_FILE) cannot be changed from here: the operator sets
the printed value, restarts, and runs the re-wrap (docs/operations.md).
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from heartwork.audit.services import record
from heartwork.core import crypto
from heartwork.core.keys import keyring
from heartwork.core.models import DataKey
from heartwork.ops import OpsError

BATCH = 200
_NUMBERED = re.compile(r"^k(\d+)$")
FROM_ENVIRONMENT = (
    "the master keys come from HEARTWORK_MASTER_KEY, which heartwork cannot change: run "
    "`heartwork rotate-key --print-only`, set the value it prints, restart Heartwork, then "
    "run `heartwork rotate-key --rewrap-only` (see docs/operations.md)"
)


@dataclass(frozen=True)
class Rotation:
    new_id: str
    rewrapped: int


def keys_from_file() -> bool:
    return settings.HEARTWORK_MASTER_KEY is None


def next_key_id(ring: crypto.KeyRing) -> str:
    """``k`` and the next number after the highest ``kN`` id: k1, k2, k3..."""
    taken = {key.id for key in ring.keys}
    numbers = [int(m.group(1)) for key in ring.keys if (m := _NUMBERED.match(key.id))]
    number = max(numbers, default=0) + 1
    while f"k{number}" in taken:
        number += 1
    return f"k{number}"


def rotated(ring: crypto.KeyRing) -> crypto.KeyRing:
    """The ring with a fresh key in front, which wraps from now on; the old ones stay."""
    return crypto.KeyRing((crypto.new_master_key(next_key_id(ring)), *ring.keys))


def _key_path() -> Path:
    return Path(settings.HEARTWORK_MASTER_KEY_PATH)


@contextmanager
def _locked() -> Iterator[None]:
    # Two rotations at once could each write a key file and lose the other's new key,
    # together with every data key it had wrapped: one at a time.
    lock = _key_path().with_name(f".{_key_path().name}.lock")
    try:
        lock.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as exc:
        raise OpsError(f"cannot take the lock {lock}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OpsError("another key rotation is running: wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def write_key_file(path: Path, ring: crypto.KeyRing) -> None:
    """Replace the key file in one step (owner-only), so no reader sees half a file."""
    tmp = path.with_name(f".{path.name}.new")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(crypto.format_keyring(ring) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    # Processes re-read the file when its mtime changes; the file system's clock ticks
    # coarsely, so make sure the new file's mtime differs from the one it replaces.
    previous = path.stat().st_mtime_ns if path.exists() else 0
    stamp = max(time.time_ns(), previous + 1)
    os.utime(tmp, ns=(stamp, stamp))
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def _write_or_explain(ring: crypto.KeyRing) -> None:
    try:
        write_key_file(_key_path(), ring)
    except OSError as exc:
        raise OpsError(f"cannot write {_key_path()}: {exc.strerror}") from None


def _rewrap_one(ring: crypto.KeyRing, data_key: DataKey) -> int:
    owner = str(data_key.id)
    try:
        secret = crypto.unwrap_data_key(ring, data_key.kek_id, bytes(data_key.wrapped), owner=owner)
    except crypto.DecryptionError as exc:
        raise OpsError(f"data key {data_key.id} cannot be unwrapped: {exc}") from None
    kek_id, wrapped = crypto.wrap_data_key(ring, secret, owner=owner)
    # Only if nobody re-wrapped it meanwhile (a second process is locked out, but cheap).
    return DataKey.objects.filter(pk=data_key.pk, kek_id=data_key.kek_id).update(
        kek_id=kek_id, wrapped=wrapped
    )


def rewrap(*, batch: int = BATCH) -> int:
    """Re-wrap every data key not wrapped by the first master key; returns how many."""
    ring = keyring()
    done = 0
    while True:
        pending = DataKey.objects.exclude(kek_id=ring.primary.id).order_by("id")[:batch]
        # Short transactions: the app's own writes wait at most one batch.
        with transaction.atomic():
            rows = list(pending)
            for data_key in rows:
                done += _rewrap_one(ring, data_key)
        if len(rows) < batch:
            return done


def rotate() -> Rotation:
    """Add a new master key in front of the key file and re-wrap every data key with it."""
    if not keys_from_file():
        raise OpsError(FROM_ENVIRONMENT)
    with _locked():
        ring = rotated(keyring())
        _write_or_explain(ring)
        if keyring().primary.id != ring.primary.id:
            raise OpsError(f"{_key_path()} did not take the new key: see docs/operations.md")
        count = rewrap()
    record(kind="key_rotated", user_id=None)
    return Rotation(new_id=ring.primary.id, rewrapped=count)


def rewrap_only() -> int:
    """Finish a rotation: after the keyring changed in the environment, or an interruption."""
    with _locked():
        count = rewrap()
    record(kind="key_rotated", user_id=None)
    return count


def print_only() -> str:
    """The keyring text with a new key in front, for HEARTWORK_MASTER_KEY. Changes nothing."""
    return crypto.format_keyring(rotated(keyring()))


def retire(key_id: str) -> str | None:
    """Remove ``key_id`` once no data key needs it.

    Returns None when the key file was changed, or the new keyring text to set when the
    keys come from the environment.
    """
    with _locked():
        ring = keyring()
        if key_id not in {key.id for key in ring.keys}:
            raise OpsError(f"no master key {key_id!r} is configured")
        if key_id == ring.primary.id:
            raise OpsError(f"{key_id} wraps new data keys: run `heartwork rotate-key` first")
        in_use = DataKey.objects.filter(kek_id=key_id).count()
        if in_use:
            raise OpsError(
                f"{in_use} data keys are still wrapped with {key_id}: "
                "run `heartwork rotate-key --rewrap-only` first"
            )
        kept = crypto.KeyRing(tuple(key for key in ring.keys if key.id != key_id))
        if not keys_from_file():
            return crypto.format_keyring(kept)
        _write_or_explain(kept)
    record(kind="key_rotated", user_id=None)
    return None
