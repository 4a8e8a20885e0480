"""`heartwork export`, `heartwork import` and `heartwork delete-account`.

For the person who runs the instance: no password is asked, as with every other verb,
because whoever can run this command can already read the database and the key.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def _usage(message: str) -> Exception:
    from heartwork.cli import UsageError

    return UsageError(message)


def _setup_and_user(email: str) -> Any:
    from heartwork.cli import _setup_django, _user

    _setup_django()
    return _user(email)


def _audit(kind: str, user_id: Any) -> None:
    from heartwork.audit.services import record

    record(kind=kind, user_id=user_id)


def cmd_export(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and not args.force:
        raise _usage(f"{out} already exists (add --force to replace it)")
    user = _setup_and_user(args.email)
    from heartwork.privacy.services import export_archive

    export = export_archive(user=user)
    try:
        # 0600: the archive is plain text; only its owner should read it.
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(export.content)
    except OSError as exc:
        raise _usage(f"cannot write {out}: {exc.strerror}") from None
    _audit("export", user.pk)
    print(f"wrote {out} ({len(export.content):,} bytes). It is not encrypted: keep it safe.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        blob = Path(args.file).read_bytes()
    except OSError as exc:
        raise _usage(f"cannot read {args.file}: {exc.strerror}") from None
    from heartwork.cli import _setup_django

    _setup_django()
    from heartwork.privacy.archive import MalformedArchive
    from heartwork.privacy.services import ImportRefused, import_archive

    try:
        imported = import_archive(email=args.email, blob=blob)
    except (MalformedArchive, ImportRefused) as exc:
        raise _usage(f"{args.file}: {exc}") from None
    _audit("import", imported.user.pk)
    print(f"imported into {imported.user.email}")
    if imported.created:
        print(
            "the account was created without a password; set one with: "
            f"heartwork manage changepassword {imported.user.email}"
        )
    return 0


def cmd_delete_account(args: argparse.Namespace) -> int:
    if not args.yes:
        raise _usage("this deletes the account and everything in it for good; add --yes")
    user = _setup_and_user(args.email)
    from heartwork.privacy.services import delete_account

    user_id = user.pk
    delete_account(user=user)
    _audit("delete_account", user_id)
    print(f"deleted {args.email} and everything in it, with its data key")
    return 0


def add_verbs(verbs: Any) -> None:
    """Called by heartwork.cli.build_parser."""
    export = verbs.add_parser("export", help="write everything an account owns to a zip file")
    export.add_argument("--email", required=True, help="whose data")
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="the zip to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(func=cmd_export)

    imp = verbs.add_parser(
        "import", help="restore an export into a new or empty account (made if missing)"
    )
    imp.add_argument("--email", required=True, help="the account to restore into")
    imp.add_argument("file", metavar="FILE", help="a zip written by export")
    imp.set_defaults(func=cmd_import)

    delete = verbs.add_parser(
        "delete-account", help="delete an account, everything in it, and its data key"
    )
    delete.add_argument("--email", required=True, help="whose account")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    delete.set_defaults(func=cmd_delete_account)
