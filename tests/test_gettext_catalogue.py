"""The Spanish interface is complete, compiled and in step with the code.

The catalogue is src/heartwork/locale/es/LC_MESSAGES/django.po, with its compiled
django.mo committed beside it (so an install needs no gettext tools). These tests fail
when a string is left untranslated, a placeholder is lost, the .mo is older than the
.po, or the code has a string that the catalogue does not have yet
(docs/program.md, "Updating the interface catalogue").
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "heartwork"
CATALOGUE = PACKAGE / "locale" / "es" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]+\}")


@dataclass
class Entry:
    msgid: str = ""
    plural: str = ""
    context: str | None = None
    strings: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[0]), text)


def parse(path: Path) -> list[Entry]:
    """A small PO reader: enough for what makemessages writes (no obsolete entries)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def close() -> None:
        nonlocal entry
        if target is not None:
            entries.append(entry)
        entry = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
            target = None
        elif line.startswith("#,") and "fuzzy" in line:
            entry.fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt"):
            entry.context, target = _unquote(line), ("context", 0)
        elif line.startswith("msgid_plural"):
            entry.plural, target = _unquote(line), ("plural", 0)
        elif line.startswith("msgid"):
            entry.msgid, target = _unquote(line), ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            entry.strings[index], target = _unquote(line), ("msgstr", index)
        elif line.startswith("msgstr"):
            entry.strings[0], target = _unquote(line), ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            kind, index = target
            more = _unquote(line)
            if kind == "msgid":
                entry.msgid += more
            elif kind == "plural":
                entry.plural += more
            elif kind == "context":
                entry.context = (entry.context or "") + more
            else:
                entry.strings[index] += more
    close()
    return [e for e in entries if e.msgid]  # the header has an empty msgid


def _label(entry: Entry) -> str:
    return f"{entry.msgid[:70]!r}"


def test_every_string_is_translated_and_none_is_fuzzy() -> None:
    entries = parse(CATALOGUE)

    assert len(entries) > 1000
    untranslated = [_label(e) for e in entries if not all(e.strings.values()) or not e.strings]
    fuzzy = [_label(e) for e in entries if e.fuzzy]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy[:10]}"


def test_plural_strings_have_every_spanish_form() -> None:
    plurals = [e for e in parse(CATALOGUE) if e.plural]

    assert plurals
    for entry in plurals:
        assert sorted(entry.strings) == [0, 1, 2], _label(entry)


def test_translations_keep_every_placeholder() -> None:
    for entry in parse(CATALOGUE):
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.plural))
        for index, text in entry.strings.items():
            got = set(PLACEHOLDER.findall(text))
            assert got <= wanted, f"{_label(entry)} adds {sorted(got - wanted)}"
            # Only a plural's singular form may leave the number out ("un día").
            if not (entry.plural and index == 0):
                assert got == wanted, f"{_label(entry)} loses {sorted(wanted - got)}"


def test_the_compiled_catalogue_matches_the_text_one() -> None:
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    for entry in parse(CATALOGUE):
        key = entry.msgid if entry.context is None else f"{entry.context}\x04{entry.msgid}"
        if entry.plural:
            assert compiled.ngettext(key, entry.plural, 1) == entry.strings[0], _label(entry)
        else:
            assert compiled.gettext(key) == entry.strings[0], (
                f"{_label(entry)}: django.mo is out of date; run msgfmt (docs/program.md)"
            )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    # makemessages on a copy, so the working tree is never written by a test.
    copy = tmp_path / "heartwork"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {**os.environ, "HEARTWORK_DEBUG": "true", "HEARTWORK_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "heartwork", "manage", "makemessages", "-l", "es"]
    subprocess.run(
        [*command, "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )

    fresh = {e.msgid: e for e in parse(copy / "locale" / "es" / "LC_MESSAGES" / "django.po")}
    committed = {e.msgid for e in parse(CATALOGUE)}
    missing = sorted(set(fresh) - committed)
    assert not missing, f"strings in the code but not in django.po: {missing[:10]}"
