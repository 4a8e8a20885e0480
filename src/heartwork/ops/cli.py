"""The operator's verbs: backup, restore, rotate-key and audit prune (docs/cli.md).

heartwork.cli registers them with :func:`register`; the code lives here to keep that
module small. Every failure is one line and exit 2, through heartwork.cli.UsageError.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from heartwork.audit import RETENTION_DAYS
from heartwork.cli import UsageError, _positive, _setup_django
from heartwork.ops import OpsError

KEY_NOT_IN_BACKUP = (
    "The master key is NOT in this backup. It is in {where}: keep a copy of it apart from "
    "the backup. Without it nobody can read the backup; with both, anyone can."
)


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        _setup_django()
        from django.core.exceptions import ImproperlyConfigured

        try:
            return func(args)
        except (OpsError, ImproperlyConfigured) as exc:
            raise UsageError(str(exc)) from None

    return run


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} kB"


@_guarded
def cmd_backup(args: argparse.Namespace) -> int:
    from heartwork.ops.backup import backup, key_location

    done = backup(args.out, force=args.force)
    print(f"Backed up the database to {done.path} ({_size(done.size)}).")
    if done.key_ids:
        print(f"Reading it needs master key {', '.join(done.key_ids)}.")
    print(KEY_NOT_IN_BACKUP.format(where=key_location()))
    return 0


@_guarded
def cmd_restore(args: argparse.Namespace) -> int:
    from heartwork.ops.backup import restore

    done = restore(args.file)
    print(f"Restored the database from {done.path}.")
    if done.safety_copy is not None:
        print(f"The database as it was just before is kept in {done.safety_copy}.")
    if done.behind:
        print(
            f"{done.behind} data keys in it are wrapped with an older master key: run "
            "`heartwork rotate-key --rewrap-only` to move them to the current one."
        )
    print("Start Heartwork again (or restart it) so every worker opens the restored data.")
    return 0


@_guarded
def cmd_rotate_key(args: argparse.Namespace) -> int:
    from heartwork.ops import rotate

    if args.retire is not None:
        return _retire(args.retire)
    if args.print_only:
        print(rotate.print_only())
        return 0
    if args.rewrap_only:
        print(f"Re-wrapped {rotate.rewrap_only()} data keys with the first master key.")
        return 0
    done = rotate.rotate()
    print(f"Added master key {done.new_id} and re-wrapped {done.rewrapped} data keys with it.")
    print(
        "The old keys stay in the key file for reading. Back the key file up again now; "
        "retire an old key with `heartwork rotate-key --retire ID` once you no longer "
        "need it for old backups."
    )
    return 0


def _retire(key_id: str) -> int:
    from heartwork.ops import rotate

    ring_text = rotate.retire(key_id)
    if ring_text is None:
        print(f"Retired master key {key_id}: no data key uses it any more.")
    else:
        print(ring_text)
        print(
            f"No data key uses {key_id} any more: set HEARTWORK_MASTER_KEY to the line "
            "above and restart Heartwork.",
        )
    print(f"Backups made while {key_id} was in use can only be read with a copy of it.")
    return 0


@_guarded
def cmd_audit_prune(args: argparse.Namespace) -> int:
    from heartwork.audit.services import prune

    print(f"Removed {prune(older_than_days=args.days)} audit events older than {args.days} days.")
    return 0


def register(verbs: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add the verbs to ``heartwork``'s subparsers (``verbs`` is argparse's action)."""
    backup = verbs.add_parser("backup", help="copy the SQLite database while the app runs")
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="the copy")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(func=cmd_backup)

    restore = verbs.add_parser("restore", help="put a backup in place (stop the app first)")
    restore.add_argument("file", type=Path, metavar="FILE", help="a file from `heartwork backup`")
    restore.set_defaults(func=cmd_restore)

    rotate = verbs.add_parser("rotate-key", help="add a master key and re-wrap data keys")
    mode = rotate.add_mutually_exclusive_group()
    mode.add_argument("--retire", metavar="ID", help="remove an old key no data key uses")
    mode.add_argument(
        "--print-only", action="store_true", help="print a new keyring; change nothing"
    )
    mode.add_argument(
        "--rewrap-only", action="store_true", help="re-wrap data keys with the first key"
    )
    rotate.set_defaults(func=cmd_rotate_key)

    audit = verbs.add_parser("audit", help="the audit log")
    audit_verbs = audit.add_subparsers(dest="audit_verb", required=True, parser_class=parser_class)
    prune = audit_verbs.add_parser("prune", help="remove events older than the retention")
    prune.add_argument("--days", type=_positive, default=RETENTION_DAYS, help="keep this many days")
    prune.set_defaults(func=cmd_audit_prune)
