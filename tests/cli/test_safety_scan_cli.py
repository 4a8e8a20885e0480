"""`heartwork safety scan`: the scanner from the command line, with no database."""

from __future__ import annotations

import io
import json

import pytest

from heartwork.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["safety", "scan", "--json", "--country", "au", "she slapped me"], capsys)
    body = json.loads(out)
    assert code == 0
    assert body["level"] == "red"
    assert [signal["code"] for signal in body["signals"]] == ["physical_violence"]
    assert body["resources"]


def test_text_can_come_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("We argued about the bins. I cried a bit."))
    code, out, _ = run(["safety", "scan", "-"], capsys)
    assert (code, out.splitlines()[0]) == (0, "Level: green")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["safety", "scan"], "give the text"),
        (["safety", "scan", "   "], "the text is empty"),
        (["safety", "scan", "--country", "gbr", "hi"], "two letters"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
