"""Every content file reads the same with PyYAML's pure-Python parser as with libyaml.

The app loads content with libyaml when PyYAML has it, which accepts a few things the
pure-Python parser refuses (such as an unquoted "?" before "}" in a flow mapping). A
platform without a libyaml wheel would then fail to start: both parsers must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[2] / "content"
FILES = sorted(CONTENT.rglob("*.yaml"))


def test_there_are_content_files() -> None:
    assert len(FILES) >= 16


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_pure_python_yaml_reads_the_file_like_libyaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    if hasattr(yaml, "CSafeLoader"):
        assert pure == yaml.load(text, Loader=yaml.CSafeLoader)
