"""`heartwork content check`: the content files validated, each error at its file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from heartwork.cli import main
from heartwork.program.content import default_dir, load


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """The content with one edit in one file: that file, and the line the edit landed on."""
    copy = tmp_path / "content"
    shutil.copytree(default_dir(), copy)
    path = copy / "stages" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return copy, line


def summary() -> list[str]:
    """What a passing check prints for the shipped content, counted independently."""
    program = load()
    lines = [f"ok: {len(program.stages)} stages, {sum(1 for _ in program.exercises())} exercises"]
    if program.missing:
        lines.append(f"not written yet: {', '.join(program.missing)}")
    return lines


def test_the_shipped_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["content", "check"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == summary()


def test_the_first_stages_are_counted(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["content", "check"], capsys)
    stages, exercises = (int(n) for n in re.findall(r"\d+", out.splitlines()[0]))
    assert stages >= 3 and exercises >= 5


def test_a_good_copy_elsewhere_passes_with_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(default_dir(), tmp_path / "content")
    code, out, _ = run(["content", "check", "--dir", str(tmp_path / "content")], capsys)
    assert code == 0
    assert out.splitlines() == summary()


@pytest.mark.parametrize(
    ("name", "old", "new", "reason"),
    [
        (
            "want_them_back.yaml",
            "id: want_them_back\n",
            "id: want_them_bak\n",
            "unknown stage id 'want_them_bak'",
        ),
        (
            "what_went_wrong.yaml",
            "unlocks: [space, work_on_myself]",
            "unlocks: [space, nowhere]",
            "unlocks an unknown stage 'nowhere'",
        ),
        (
            "want_them_back.yaml",
            "    then: can_it_be_saved\n",
            "    then: what_went_wrong.no_such_exercise\n",
            "has no exercise 'no_such_exercise'",
        ),
        (
            "what_went_wrong.yaml",
            "    feeds_from: [what_went_wrong.three_columns,",
            "    feeds_from: [want_them_back.three_columns,",
            "has no exercise 'three_columns'",
        ),
        (
            "want_them_back.yaml",
            "  - if: want_them_back.motive_check.result == unsure\n",
            "  - if: want_them_back.motive_check.result == maybe\n",
            "'maybe' is not a possible value",
        ),
        (
            "want_them_back.yaml",
            "        weights: {growth: -1}",
            "        weights: {grow: -1}",
            "no scale is called 'grow'",
        ),
        (
            "safety_check.yaml",
            "title: Safety check\n",
            "",
            "title: this field is required",
        ),
        (
            "what_went_wrong.yaml",
            "    type: columns\n",
            "    type: columns: more\n",
            "not valid YAML",
        ),
    ],
    ids=[
        "bad id",
        "dangling unlock",
        "dangling recommendation",
        "dangling feed",
        "unknown result",
        "unknown scale",
        "missing field",
        "bad yaml",
    ],
)
def test_a_broken_copy_exits_2_naming_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    reason: str,
) -> None:
    copy, line = broken_copy(tmp_path, name, old, new)
    code, out, err = run(["content", "check", "--dir", str(copy)], capsys)
    assert (code, out) == (2, "")
    path = copy / "stages" / name
    if reason.endswith("required"):
        line = 1 + path.read_text(encoding="utf-8").split("\n").index("schema_version: 1")
    assert f"{path}:{line}: " in err
    assert reason in err
    assert all(entry.startswith(f"{copy}/stages/") for entry in err.splitlines())


def test_a_folder_without_stages_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["content", "check", "--dir", str(tmp_path)], capsys)
    assert code == 2
    assert err.strip() == f"heartwork: no stages folder in {tmp_path.resolve()}"


def test_paths_under_the_working_folder_are_shown_relative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, line = broken_copy(tmp_path, "what_went_wrong.yaml", "[space, work_on_myself]", "[x]")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["content", "check", "--dir", "content"], capsys)
    assert code == 2
    assert err.startswith(f"content/stages/what_went_wrong.yaml:{line}: ")
