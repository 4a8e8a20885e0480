"""Documentation lands with the code: every setting and CLI verb is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import heartwork.settings  # noqa: F401  (reading the settings fills envparse.KNOWN)
from heartwork.cli import build_parser
from heartwork.envparse import KNOWN

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _headings(name: str) -> set[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return {match.strip() for match in re.findall(r"^#+ `([^`]+)`", text, flags=re.MULTILINE)}


def _verbs(parser: argparse.ArgumentParser, prefix: str = "heartwork") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(_verbs(sub, f"{prefix} {name}"))
    return found


def test_every_setting_read_from_the_environment_is_documented() -> None:
    documented = _headings("settings.md")
    base_names = {name.removesuffix("_FILE") for name in KNOWN}
    assert base_names, "no settings were recorded"
    assert sorted(base_names - documented) == []


def test_the_settings_page_documents_nothing_that_does_not_exist() -> None:
    base_names = {name.removesuffix("_FILE") for name in KNOWN}
    assert sorted(_headings("settings.md") - base_names) == []


@pytest.mark.parametrize("verb", _verbs(build_parser()))
def test_every_cli_verb_is_documented(verb: str) -> None:
    assert verb in _headings("cli.md")


def test_the_docs_index_links_to_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert f"({page.name})" in index, f"{page.name} is not linked from docs/index.md"


def test_the_readme_quick_start_is_exactly_the_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    assert quick_start.split("\n", 1)[1].strip().splitlines() == ["make run", "make test"]
