"""Runs the quick exit script's behaviour tests (tests/js/quick_exit.test.mjs) with Node.

They load the shipped quick-exit.js into a fake window and document: three Shift
presses leave, ordinary typing does not, and the Exit link replaces the history entry.
Skipped only where Node is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS_TESTS = ROOT / "tests" / "js" / "quick_exit.test.mjs"


def test_the_quick_exit_script_behaves_as_described() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--test", str(JS_TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
