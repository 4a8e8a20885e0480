"""`heartwork safety status`: may the coach help this account now, and what stands in the way."""

from __future__ import annotations

import json
from typing import Any

import pytest

from heartwork.cli import main
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, pass_safety_check


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def status_of(persona: Persona, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(["safety", "status", "--email", persona.email, "--json"], capsys)
    assert (code, err) == (0, "")
    result: dict[str, Any] = json.loads(out)
    return result


def test_a_new_account_must_answer_every_screen_first(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["safety", "status", "--email", alex.email], capsys)

    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Coaching: check required"
    assert lines[1] == "Screens to answer: device, mood, contact, harm, mirror"
    assert "safety check" in lines[2]


def test_json_names_the_screens_due_and_the_message(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    result = status_of(alex, capsys)

    assert set(result) == {"coaching", "screens", "message"}
    assert result["coaching"] == "check_required"
    assert result["screens"] == ["device", "mood", "contact", "harm", "mirror"]
    assert "safety check" in result["message"]


def test_a_named_partner_not_yet_asked_about_needs_the_partner_screens(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    from heartwork.partners.services import add_partner

    for screen_id in ("device", "mood"):
        record_screen(user=alex.user, screen_id=screen_id, answers=answer_all(screen_id))
    add_partner(user=alex.user, name="Jo")

    assert status_of(alex, capsys)["screens"] == ["contact", "harm", "mirror"]


def test_after_the_check_coaching_is_open(
    alex_checked: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["safety", "status", "--email", alex_checked.email], capsys)

    assert (code, out) == (0, "Coaching: open\n")
    assert status_of(alex_checked, capsys) == {"coaching": "open", "screens": [], "message": None}


def test_a_court_order_shows_as_locked_without_printing_the_level_or_the_answers(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )

    code, out, _ = run(["safety", "status", "--email", alex.email], capsys)
    result = status_of(alex, capsys)

    assert code == 0
    assert out.splitlines()[0] == "Coaching: locked"
    assert "will not switch back on with a tap" in out
    assert (result["coaching"], result["screens"]) == ("locked", [])
    for private in ("red", "order", "legal_boundary"):
        assert private not in out.lower()


def test_it_reads_only_that_accounts_standing(
    alex_checked: Persona, sam: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status_of(sam, capsys)["coaching"] == "check_required"
    assert status_of(alex_checked, capsys)["coaching"] == "open"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["safety", "status"], "--email"),
        (["safety", "status", "--email", "nobody@example.org"], "no account"),
        (["safety", "status", "--email", "alex@example.org", "--colour"], "unrecognized"),
    ],
    ids=["no-email", "unknown-email", "unknown-option"],
)
def test_bad_input_exits_2_with_one_line(
    alex: Persona, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(argv, capsys)

    assert (code, out) == (2, "")
    assert message in err
    assert len(err.strip().splitlines()) == 1
