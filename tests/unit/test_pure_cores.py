"""Pure cores stay pure: importable and usable without Django (ARCHITECTURE house rule 3)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "heartwork.coach",
        "heartwork.core.crypto",
        "heartwork.envparse",
        "heartwork.safety.scanner",
        "heartwork.safety.screens",
        "heartwork.safety.standing",
    ],
)
def test_a_pure_core_imports_without_loading_django(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'django')\n"
        "print(loaded)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
