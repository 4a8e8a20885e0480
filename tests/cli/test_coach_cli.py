"""`heartwork coach`: the coach in a terminal. No database, nothing stored."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from heartwork.cli import build_parser, main
from heartwork.coach import KIND_CHOICES, MAX_CHARS, analyze
from tests.coach_fakes import SORRY_BUT, analysis, fake_coach, finding, safety_of
from tests.conftest import Persona

GENTLE = (
    "Hi. I hope your week is going well. I'd be glad to talk one day if you ever want to; "
    "no need to answer."
)
ANSI = "\033["


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# -- with the coach's rules -------------------------------------------------------------------


def test_the_issues_apology_example_names_but_and_blame_with_their_spans(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["coach", "--kind", "apology", "--json", SORRY_BUT], capsys)

    assert code == 0
    result = json.loads(out)
    assert {"but_undo", "blame_shifting"} <= set(result["labels"])
    for item in result["findings"]:
        start, end = item["span"]
        assert SORRY_BUT[start:end] == item["text"]


def test_a_gentle_first_message_is_ready(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["coach", "--json", GENTLE], capsys)

    assert code == 0
    result = json.loads(out)
    assert (result["verdict"], result["labels"]) == ("ready", ["gentle"])


def test_json_output_is_exactly_the_coachs_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["coach", "--kind", "reach_out", "--sent-at", "2025-03-01T02:30", "--json", GENTLE], capsys
    )

    assert code == 0
    expected = analyze(GENTLE, kind="reach_out", sent_at=datetime(2025, 3, 1, 2, 30)).to_dict()
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_json_output_is_the_same_as_the_apis(
    api: Client, alex_checked: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    alex = alex_checked
    args = {"text": SORRY_BUT, "kind": "apology", "sent_at": "2025-03-01T23:45:00+01:00"}

    code, out, _ = run(
        ["coach", "--kind", "apology", "--sent-at", args["sent_at"], "--json", SORRY_BUT], capsys
    )
    response = api.post(
        "/api/v1/coach/analyze", args, content_type="application/json", headers=alex.auth
    )

    assert (code, response.status_code) == (0, 200)
    assert json.loads(out) == response.json()


def test_the_coach_runs_without_django_or_a_database() -> None:
    code = (
        "import sys; from heartwork.cli import main; rc = main(['coach', '--json', sys.argv[1]]); "
        "assert 'django' not in sys.modules, 'django was imported'; sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "HEARTWORK"))}

    done = subprocess.run(
        [sys.executable, "-c", code, GENTLE], env=env, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "ready"


# -- input and output (a stand-in coach, so the rules do not matter here) ------------------


def test_a_dash_reads_the_message_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_coach(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO(SORRY_BUT + "\n"))

    code, _, _ = run(["coach", "--kind", "apology", "-"], capsys)

    assert code == 0
    assert fake.calls == [{"text": SORRY_BUT + "\n", "kind": "apology", "sent_at": None}]


def test_json_output_is_valid_json_of_the_whole_analysis(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    code, out, err = run(["coach", "--json", SORRY_BUT], capsys)

    assert (code, err) == (0, "")
    assert len(out.strip().splitlines()) == 1
    result = json.loads(out)
    assert set(result) >= {"kind", "verdict", "labels", "findings", "strengths", "safety"}
    assert [f["label"] for f in result["findings"]] == ["but_undo", "blame_shifting"]
    assert result["findings"][0]["span"] == [0, 10]


def test_the_sending_time_reaches_the_coach(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_coach(monkeypatch)

    run(["coach", "--sent-at", "2025-03-01T23:45:00+02:00", SORRY_BUT], capsys)

    assert fake.calls[0]["sent_at"].isoformat() == "2025-03-01T23:45:00+02:00"


def _full(text: str) -> Any:
    from heartwork import coach

    return analysis(
        text,
        verdict="hold",
        findings=[
            finding(text, "Sorry, but", "but_undo", "high", "It cancels the apology.", "I'm sorry.")
        ],
        strengths=[coach.Strength("regret", 0, 5, "Sorry", "You say you regret it.")],
        suggestions=[coach.Suggestion("repair", "Say what you will do differently.")],
        safety=safety_of(text, "you pushed me"),
        summary="Hold this one.",
    )


def test_human_output_gives_the_verdict_then_each_note_with_why_and_a_rewrite(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch, _full)

    code, out, _ = run(["coach", SORRY_BUT], capsys)

    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Hold it for now"
    assert 'but undo  "Sorry, but"' in lines
    after = lines[lines.index('but undo  "Sorry, but"') + 1 :]
    assert after[:2] == ["  It cancels the apology.", "  Try: I'm sorry."]
    assert '  "Sorry"  You say you regret it.' in lines
    assert "  Say what you will do differently." in lines
    assert "These words can frighten the person who reads them." in lines
    assert ANSI not in out


def test_colour_only_in_a_terminal_and_never_with_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch, _full)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    main(["coach", SORRY_BUT])
    coloured = terminal.getvalue()

    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    monkeypatch.setattr("sys.stdout", plain)
    main(["coach", SORRY_BUT])

    assert ANSI in coloured
    assert ANSI not in plain.getvalue()
    assert "Try: I'm sorry." in plain.getvalue()


# -- bad input: exit 2, one line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["coach"], "", "TEXT"),
        (["coach", ""], "", "empty"),
        (["coach", "   \n"], "", "empty"),
        (["coach", "-"], "", "empty"),
        (["coach", "-"], " \n\n", "empty"),
        (["coach", "a" * (MAX_CHARS + 1)], "", "20,000"),
        (["coach", "-"], "a" * (MAX_CHARS + 1), "20,000"),
        (["coach", "--kind", "diary", "Sorry."], "", "invalid choice"),
        (["coach", "--kind", "", "Sorry."], "", "invalid choice"),
        (["coach", "--sent-at", "tonight", "Sorry."], "", "ISO 8601"),
        (["coach", "--sent-at", "2025-13-01T10:00", "Sorry."], "", "ISO 8601"),
        (["coach", "--colour", "Sorry."], "", "unrecognized"),
        (["coach", "one", "two"], "", "unrecognized"),
    ],
    ids=[
        "no-text",
        "empty",
        "blank",
        "empty-stdin",
        "blank-stdin",
        "too-long",
        "too-long-stdin",
        "unknown-kind",
        "empty-kind",
        "words-sent-at",
        "bad-month-sent-at",
        "unknown-option",
        "two-texts",
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    stdin: str,
    message: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))

    code, out, err = run(argv, capsys)

    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_the_kinds_on_offer_are_the_coachs() -> None:
    verbs = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    coach_parser = verbs.choices["coach"]
    kind = next(a for a in coach_parser._actions if a.dest == "kind")

    assert tuple(kind.choices or ()) == KIND_CHOICES
    assert kind.default == "auto"


# -- as an account: behind the safety lock (--email) -----------------------------------------
# Imports stay inside the helpers: this part was appended to a file others also add to.

THREAT = "If you leave me I will kill you."


def _lock_with_an_order(persona: Persona) -> None:
    from heartwork.safety.services import record_screen
    from tests.conftest import answer_all, pass_safety_check

    partner = pass_safety_check(persona)
    record_screen(
        user=persona.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )


def test_a_locked_account_gets_no_coaching_one_line_and_exit_3(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    _lock_with_an_order(alex)

    code, out, err = run(["coach", "--email", alex.email, "--json", GENTLE], capsys)

    assert (code, out) == (3, "")
    assert err.startswith("heartwork: safety_lock: ")
    assert "will not switch back on with a tap" in err
    assert len(err.strip().splitlines()) == 1


def test_an_account_that_has_not_answered_the_safety_check_is_sent_to_it_with_exit_3(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["coach", "--email", alex.email, GENTLE], capsys)

    assert (code, out) == (3, "")
    assert err.startswith("heartwork: safety_check_required: ")
    assert "safety check" in err
    assert len(err.strip().splitlines()) == 1


def test_a_locked_account_does_not_even_have_its_message_read(
    alex: Persona, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _lock_with_an_order(alex)
    fake = fake_coach(monkeypatch)
    stdin = io.StringIO(GENTLE)
    monkeypatch.setattr("sys.stdin", stdin)

    code, _, _ = run(["coach", "--email", alex.email, "-"], capsys)

    assert code == 3
    assert fake.calls == []
    assert stdin.tell() == 0


def test_an_account_with_coaching_open_gets_the_same_analysis_as_without_email(
    alex_checked: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["coach", "--email", alex_checked.email, "--json", GENTLE], capsys)

    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(json.dumps(analyze(GENTLE).to_dict()))


def test_the_email_is_matched_as_the_web_log_in_matches_it(
    alex_checked: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(["coach", "--email", "ALEX@example.org", GENTLE], capsys)

    assert code == 0


def test_an_unknown_email_exits_2_with_one_line(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["coach", "--email", "nobody@example.org", GENTLE], capsys)

    assert (code, out) == (2, "")
    assert "no account" in err
    assert len(err.strip().splitlines()) == 1


# -- a message that is itself about danger ------------------------------------------------------


def test_a_threatening_message_is_analysed_but_the_coach_says_it_will_not_shape_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["coach", THREAT], capsys)

    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Hold it for now"
    last = out.strip().splitlines()[-1]
    assert "will not help shape this message" in last
    assert "heartwork safety scan" in last


def test_with_json_the_refusal_goes_to_stderr_and_stdout_stays_the_analysis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["coach", "--json", THREAT], capsys)

    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(analyze(THREAT).to_dict()))
    assert json.loads(out)["verdict"] == "hold"
    assert err.startswith("heartwork: ")
    assert "will not help shape this message" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text", [GENTLE, SORRY_BUT, "I could kill him for forgetting the milk."])
def test_an_ordinary_or_merely_heated_message_gets_no_refusal(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    code, out, err = run(["coach", text], capsys)

    assert (code, err) == (0, "")
    assert "will not help shape" not in out
