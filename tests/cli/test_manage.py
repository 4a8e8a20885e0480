"""`heartwork manage`: Django's management commands, with the same settings as the app."""

from __future__ import annotations

import pytest

from heartwork.cli import main


def test_manage_runs_django_system_checks(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manage", "check"]) == 0
    assert "no issues" in capsys.readouterr().out


def test_a_missing_verb_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
