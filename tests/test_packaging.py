"""A built wheel carries the program's content, and an installed copy finds it there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_the_content_and_the_package_loads_it(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("heartwork-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    sources = sorted(
        path.relative_to(ROOT).as_posix() for path in (ROOT / "content").rglob("*.yaml")
    )
    assert sources
    assert {f"heartwork/{name}" for name in sources} <= names

    # Run from the unpacked wheel, away from the checkout: the packaged copy is used.
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from heartwork.program.content import CONTENT_DIR, load;"
            "print(CONTENT_DIR); print(len(load().stages))",
        ],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert found[0] == str(tmp_path / "site" / "heartwork" / "content")
    assert int(found[1]) == 14
