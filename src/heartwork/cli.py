"""The `heartwork` command. Every verb is documented in docs/cli.md (a test checks).

Exit statuses: 0 done, 2 bad input, 3 refused for safety (the safety lock, or a safety
check still to answer). Both failures print one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from heartwork import __version__

EXIT_USAGE = 2
EXIT_REFUSED = 3


class UsageError(Exception):
    """Bad input from the person at the keyboard: reported in one line, exit 2."""


class SafetyRefusal(Exception):
    """The safety net says no (heartwork.safety.gate): reported in one line, exit 3."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block; one line is kinder in scripts and CI logs.
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, not {port}")
    return port


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heartwork.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise UsageError(str(exc)) from exc


# -- serve -------------------------------------------------------------------------


def _data_dir() -> Path:
    return Path(os.environ.get("HEARTWORK_DATA_DIR", "var")).expanduser().resolve()


def _from_env(name: str) -> bool:
    return name in os.environ or f"{name}_FILE" in os.environ


def _first_start() -> None:
    """Create the data dir and its keys when missing (saying so), then set Django up."""
    from heartwork.bootstrap import ensure_data_dir

    for note in ensure_data_dir(
        _data_dir(),
        master_key_from_env=_from_env("HEARTWORK_MASTER_KEY"),
        secret_from_env=_from_env("HEARTWORK_SECRET_KEY"),
    ):
        print(note, file=sys.stderr)
    _setup_django()


def cmd_serve(args: argparse.Namespace) -> int:
    _first_start()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()  # workers fork from this process; each opens its own
    from heartwork.reminders.worker import alongside
    from heartwork.web.server import run_gunicorn
    from heartwork.wsgi import application

    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Heartwork is running at http://{host}:{args.port}/ (Ctrl+C stops it)", file=sys.stderr)
    with alongside():  # the background worker, unless HEARTWORK_RUN_WORKER=false
        run_gunicorn(application, bind=f"{host}:{args.port}", workers=args.workers)
    return 0


# -- manage --------------------------------------------------------------------------


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["heartwork manage", *args.rest])
    return 0


# -- journal -------------------------------------------------------------------------


def _user(email: str) -> Any:
    from heartwork.accounts.models import User
    from heartwork.accounts.services import normalize_email

    user = User.objects.select_related("data_key").filter(email=normalize_email(email)).first()
    if user is None:
        raise UsageError(f"no account with the email {email!r}")
    return user


def cmd_journal_add(args: argparse.Namespace) -> int:
    _setup_django()  # before any model import: journal.models needs the app registry
    from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS

    body = args.body if args.body is not None else sys.stdin.read()
    if not body.strip():
        raise UsageError("the entry needs some text (--body, or pipe it in)")
    if len(body) > BODY_MAX_CHARS:
        raise UsageError(f"the entry is longer than {BODY_MAX_CHARS} characters")
    if len(args.title) > TITLE_MAX_CHARS:
        raise UsageError(f"the title is longer than {TITLE_MAX_CHARS} characters")
    from heartwork.journal.services import create_entry

    entry = create_entry(user=_user(args.email), title=args.title, body=body)
    print(entry.id)
    return 0


def cmd_journal_list(args: argparse.Namespace) -> int:
    _setup_django()
    from heartwork.journal.selectors import entries_of

    for entry in entries_of(_user(args.email))[: args.limit]:
        title = entry.title or entry.body.splitlines()[0][:60]
        print(f"{entry.id}  {entry.created_at:%Y-%m-%d %H:%M}  {title}")
    return 0


# -- coach ---------------------------------------------------------------------------
# Pure Python: no Django, no database, so `heartwork coach` starts fast anywhere.
# Only --email (run as an account, behind its safety lock) sets Django up.

_VERDICT_WORDS = {
    "ready": "Ready to send",
    "revise": "Worth another look",
    "hold": "Hold it for now",
}
_STYLES = {"ready": "32", "revise": "33", "hold": "31", "low": "36", "medium": "33", "high": "31"}


def _sent_at(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date and time: {text!r} (try 2025-03-01T23:30)"
        ) from None


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\033[{style}m{text}\033[0m" if colour else text


def render_analysis(result: dict[str, Any], *, colour: bool = False) -> str:
    """The analysis as plain lines for a terminal (``result`` is ``Analysis.to_dict()``)."""
    verdict = result["verdict"]
    bold = "1;" + _STYLES.get(verdict, "0")
    lines = [_paint(_VERDICT_WORDS.get(verdict, verdict), bold, colour)]
    if result.get("summary"):
        lines.append(result["summary"])
    source = " (guessed)" if result.get("kind_source") == "guessed" else ""
    lines.append(f"Read as: {result['kind'].replace('_', ' ')}{source}")
    safety = result.get("safety")
    if safety:
        lines += ["", _paint("Before you send anything", "1", colour), safety["message"]]
    if result["findings"]:
        lines += ["", _paint("What may work against you", "1", colour)]
        for finding in result["findings"]:
            label = _paint(
                finding["label"].replace("_", " "), _STYLES.get(finding["severity"], "0"), colour
            )
            lines.append(f'{label}  "{finding["text"]}"')
            lines.append(f"  {finding['why']}")
            if finding.get("rewrite"):
                lines.append(f"  Try: {finding['rewrite']}")
    if result["strengths"]:
        lines += ["", _paint("What already works", "1", colour)]
        lines += [f'  "{s["text"]}"  {s["why"]}' for s in result["strengths"]]
    if result["suggestions"]:
        lines += ["", _paint("You could add", "1", colour)]
        lines += [f"  {s['message']}" for s in result["suggestions"]]
    return "\n".join(lines)


def _text_argument(value: str | None, *, what: str) -> str:
    """TEXT from the command line, or standard input when it is ``-``."""
    if value is None:
        raise UsageError(f"give the {what} as TEXT, or - to read it from stdin")
    try:
        return sys.stdin.read() if value == "-" else value
    except UnicodeDecodeError:
        raise UsageError("standard input is not text in the terminal's encoding") from None


# The scanner levels at which the CLI says it will not help shape a message at all.
_REFUSE_TO_SHAPE = ("red", "high_danger", "crisis")
_NOT_SHAPING = (
    "Heartwork will not help shape this message: some of its words are about someone's "
    "safety. `heartwork safety scan --country CC -` shows what it found and help lines "
    "you can call or text."
)


def _check_reconnection(email: str) -> None:
    """Run as ``email``'s account: refuse when the safety lock or check stands in the way."""
    _setup_django()
    from heartwork.safety.gate import reconnection_block

    block = reconnection_block(_user(email))
    if block is not None:
        raise SafetyRefusal(block.code, block.message)


def cmd_coach(args: argparse.Namespace) -> int:
    from heartwork import coach
    from heartwork.safety.scanner import scan

    if args.email is not None:
        # Before the text is even read: a locked pair gets no coaching at all.
        _check_reconnection(args.email)
    text = _text_argument(args.text, what="message")
    try:
        analysis = coach.analyze(text, kind=args.kind, sent_at=args.sent_at)
    except coach.CoachInputError as exc:
        raise UsageError(str(exc)) from None
    result = analysis.to_dict()
    # The coach already holds such a draft; the CLI also says it will not polish it.
    not_shaping = scan(text).level in _REFUSE_TO_SHAPE
    if args.json:
        print(json.dumps(result))
        if not_shaping:
            print(f"heartwork: {_NOT_SHAPING}", file=sys.stderr)  # stdout stays pure JSON
    else:
        print(render_analysis(result, colour=_use_colour()))
        if not_shaping:
            print(f"\n{_NOT_SHAPING}")
    return 0


def _country(text: str) -> str:
    if len(text) != 2 or not text.isalpha():
        raise argparse.ArgumentTypeError(f"a country is two letters (ISO 3166), not {text!r}")
    return text.upper()


def cmd_safety_scan(args: argparse.Namespace) -> int:
    from heartwork.safety.report import scan_report
    from heartwork.safety.scanner import MAX_CHARS

    text = _text_argument(args.text, what="text")
    if not text.strip():
        raise UsageError("the text is empty")
    if len(text) > MAX_CHARS:
        raise UsageError(f"the text is longer than {MAX_CHARS:,} characters")
    report = scan_report(text, args.country)
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"Level: {report['level']}")
    for signal in report["signals"]:
        print(f'  {signal["code"]}: "{signal["text"]}"')
    if report["question"]:
        print(report["question"])
    for line in report["resources"]:
        ways = ", ".join(f"{c['type']} {c['value']}" for c in line["channels"])
        print(f"  {line['name']}: {ways} ({line['hours']})")
    return 0


def cmd_safety_status(args: argparse.Namespace) -> int:
    _setup_django()
    from heartwork.safety.gate import reconnection_block

    block = reconnection_block(_user(args.email))
    screens: tuple[str, ...] = ()
    if block is None:
        coaching, message = "open", None
    else:
        coaching = "locked" if block.code == "safety_lock" else "check_required"
        screens, message = block.screens, block.message
    if args.json:
        print(json.dumps({"coaching": coaching, "screens": list(screens), "message": message}))
        return 0
    print(f"Coaching: {coaching.replace('_', ' ')}")
    if screens:
        print(f"Screens to answer: {', '.join(screens)}")
    if message:
        print(message)
    return 0


# -- content -------------------------------------------------------------------------
# Pure Python like the coach: checks the program's content files with no Django.


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def cmd_content_check(args: argparse.Namespace) -> int:
    from heartwork.languages import TRANSLATED
    from heartwork.program.content import check_dir, default_dir

    directory = (args.dir or default_dir()).expanduser().resolve()
    try:
        # Every language Heartwork speaks must have its translation, each file a mirror.
        program, errors = check_dir(directory, TRANSLATED)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        raise UsageError(f"no stages folder in {directory}") from None
    if program is None:
        for error in errors:
            print(f"{_shown(error.path)}:{error.line}: {error.reason}", file=sys.stderr)
        return EXIT_USAGE
    if _prompt_translation_errors(directory, TRANSLATED):
        return EXIT_USAGE
    exercises = sum(1 for _ in program.exercises())
    print(f"ok: {len(program.stages)} stages, {exercises} exercises")
    if program.missing:
        print(f"not written yet: {', '.join(program.missing)}")
    return 0


def _prompt_translation_errors(directory: Path, codes: tuple[str, ...]) -> bool:
    """The journal prompts' translations, when the folder has prompts: each reported as
    ``path:1: reason`` (the prompts loader names the place inside the file)."""
    from heartwork.journal.prompts import PROMPTS_FILE, check_translation

    if not (directory / PROMPTS_FILE).is_file():
        return False
    found = False
    for code in codes:
        for error in check_translation(code, directory):
            reason = error.split(": ", 1)[1] if ": " in error else error
            path = _shown(directory / code / PROMPTS_FILE)
            print(f"{path}:1: {reason}", file=sys.stderr)
            found = True
    return found


# -- parser --------------------------------------------------------------------------


# -- demo ----------------------------------------------------------------------------


def _weeks(text: str) -> int:
    from heartwork.demo import MAX_WEEKS, MIN_WEEKS

    weeks = _positive(text)
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"must be {MIN_WEEKS}-{MAX_WEEKS} weeks, not {weeks}")
    return weeks


def cmd_demo(args: argparse.Namespace) -> int:
    _first_start()  # like serve: the demo may be the first thing run in a fresh clone
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.management import call_command

    from heartwork.demo import DemoExists, create_demo

    if args.password is not None:
        try:
            validate_password(args.password)
        except ValidationError as exc:
            raise UsageError(f"--password: {' '.join(exc.messages)}") from exc
    call_command("migrate", interactive=False, verbosity=0)
    try:
        demo = create_demo(email=args.email, password=args.password, weeks=args.weeks)
    except DemoExists:
        raise UsageError(
            f"an account with the email {args.email!r} exists; pick another with --email"
        ) from None
    print(f"Demo account ready: {demo.days} days of sample data.")
    print("Start the app with `make run`, open http://127.0.0.1:8000/accounts/login/ and log in")
    print(f"  email:    {demo.email}")
    print(f"  password: {demo.password}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="heartwork", description="Heartwork: run and manage your instance.")
    parser.add_argument("--version", action="version", version=f"heartwork {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, parser_class=_Parser)

    serve = verbs.add_parser("serve", help="migrate, create keys on first start, and serve")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=_positive, default=2, help="worker processes")
    serve.set_defaults(func=cmd_serve)

    from heartwork.reminders.worker import register as register_worker

    register_worker(verbs)  # `heartwork worker`: no Django import until it runs

    manage = verbs.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER, help="the command and its options")
    manage.set_defaults(func=cmd_manage)

    journal = verbs.add_parser("journal", help="write or list journal entries locally")
    journal_verbs = journal.add_subparsers(dest="journal_verb", required=True, parser_class=_Parser)
    add = journal_verbs.add_parser("add", help="add an entry (body from --body or stdin)")
    add.add_argument("--email", required=True, help="whose journal")
    add.add_argument("--title", default="", help="optional title")
    add.add_argument("--body", help="the text; read from stdin when left out")
    add.set_defaults(func=cmd_journal_add)
    listing = journal_verbs.add_parser("list", help="list entries, newest first")
    listing.add_argument("--email", required=True, help="whose journal")
    listing.add_argument("--limit", type=_positive, default=20, help="how many to show")
    listing.set_defaults(func=cmd_journal_list)

    from heartwork.coach import KIND_CHOICES  # pure Python: no Django, no database

    coach = verbs.add_parser(
        "coach",
        help="analyse a message before you send it (nothing is stored)",
        description="Analyse a draft message. Needs no database; nothing is stored.",
    )
    coach.add_argument("--kind", choices=KIND_CHOICES, default="auto", help="what the message is")
    coach.add_argument(
        "--sent-at", type=_sent_at, metavar="ISO-8601", help="when you would send it"
    )
    coach.add_argument("--json", action="store_true", help="print the analysis as JSON")
    coach.add_argument(
        "--email", help="run as this account: refused (exit 3) while its safety lock holds"
    )
    coach.add_argument("text", nargs="?", metavar="TEXT", help="the message, or - for stdin")
    coach.set_defaults(func=cmd_coach)
    safety = verbs.add_parser("safety", help="the safety net's tools")
    safety_verbs = safety.add_subparsers(dest="safety_verb", required=True, parser_class=_Parser)
    safety_scan = safety_verbs.add_parser("scan", help="scan a text for danger signals")
    safety_scan.add_argument("--country", type=_country, help="two-letter country for help lines")
    safety_scan.add_argument("--json", action="store_true", help="print the result as JSON")
    safety_scan.add_argument("text", nargs="?", metavar="TEXT", help="the text, or - for stdin")
    safety_scan.set_defaults(func=cmd_safety_scan)
    safety_status = safety_verbs.add_parser(
        "status", help="whether the coach may help an account, and what to answer first"
    )
    safety_status.add_argument("--email", required=True, help="whose standing")
    safety_status.add_argument("--json", action="store_true", help="print the result as JSON")
    safety_status.set_defaults(func=cmd_safety_status)

    content = verbs.add_parser("content", help="the program's content files")
    content_verbs = content.add_subparsers(dest="content_verb", required=True, parser_class=_Parser)
    content_check = content_verbs.add_parser(
        "check", help="validate every stage file; exit 2 with file:line: reason on errors"
    )
    content_check.add_argument(
        "--dir",
        type=Path,
        metavar="DIR",
        help="the content folder (default: the checkout's content/)",
    )
    content_check.set_defaults(func=cmd_content_check)

    demo = verbs.add_parser(
        "demo", help="create a demo account with weeks of sample data and print its log-in"
    )
    demo.add_argument("--email", default="demo@example.org", help="default: demo@example.org")
    demo.add_argument(
        "--password", help="default: a new random one, printed at the end (validated like sign-up)"
    )
    demo.add_argument(
        "--weeks", type=_weeks, default=6, metavar="N", help="weeks of history, 3-52 (default 6)"
    )
    demo.set_defaults(func=cmd_demo)

    from heartwork.ops.cli import register as register_ops  # backup, restore, rotate-key, audit

    register_ops(verbs, _Parser)

    from heartwork.privacy.cli import add_verbs as add_privacy_verbs  # export, import, delete

    add_privacy_verbs(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UsageError as exc:
        print(f"heartwork: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SafetyRefusal as exc:
        print(f"heartwork: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
