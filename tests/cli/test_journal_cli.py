"""`heartwork journal add/list`: local access to a journal for the person who runs the instance."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from heartwork.cli import main
from heartwork.journal.selectors import entries_of
from tests.conftest import Persona
from tests.serving import Deployment, scratch_database


def test_add_reads_the_body_from_stdin_and_prints_the_new_id(
    alex: Persona, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Walked by the river today.\n"))
    assert main(["journal", "add", "--email", "ALEX@example.org", "--title", "River"]) == 0
    entry = entries_of(alex.user).get()
    assert capsys.readouterr().out.strip() == str(entry.id)
    assert (entry.title, entry.body) == ("River", "Walked by the river today.\n")


def test_list_shows_newest_first_with_a_title_or_the_first_line(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["journal", "add", "--email", alex.email, "--body", "first line\nsecond line"])
    main(["journal", "add", "--email", alex.email, "--title", "Later", "--body", "x"])
    capsys.readouterr()
    assert main(["journal", "list", "--email", alex.email]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("Later") and lines[1].endswith("first line")


def test_list_shows_only_that_persons_entries(
    alex: Persona, sam: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["journal", "add", "--email", sam.email, "--body", "sam only"])
    capsys.readouterr()
    main(["journal", "list", "--email", alex.email])
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["journal", "add", "--email", "nobody@example.org", "--body", "x"], "no account"),
        (["journal", "add", "--email", "alex@example.org", "--body", "   "], "needs some text"),
        (
            ["journal", "add", "--email", "alex@example.org", "--body", "x", "--title", "t" * 201],
            "title is longer",
        ),
        (
            ["journal", "list", "--email", "alex@example.org", "--limit", "none"],
            "not a whole number",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    alex: Persona, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_the_installed_command_writes_and_lists_in_a_fresh_process(tmp_path: Path) -> None:
    # main() in this process finds Django already set up; a real shell does not, and an
    # import before setup once crashed `journal add` with a traceback.
    with scratch_database(tmp_path) as database_url:
        env = Deployment(data_dir=tmp_path, database_url=database_url).env()

        def heartwork(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "heartwork", *args],
                env=env,
                input=stdin,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )

        made = heartwork("demo", "--password", "a long demo passphrase 1", "--weeks", "3")
        assert made.returncode == 0, made.stderr
        added = heartwork(
            "journal", "add", "--email", "demo@example.org", "--title", "From a shell", stdin="hi"
        )
        assert added.returncode == 0, added.stderr
        listed = heartwork("journal", "list", "--email", "demo@example.org", "--limit", "1")
        assert listed.returncode == 0 and listed.stdout.rstrip().endswith("From a shell")
