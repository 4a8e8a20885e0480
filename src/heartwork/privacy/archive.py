"""The export archive: a zip with versioned JSON, one Markdown file per section, a README.

Pure apart from Django's translation functions: no database. ``heartwork.privacy.services``
collects the sections' data and calls ``build``; ``read`` checks an archive and returns
its document for an import.

The JSON is the source of truth (``FORMAT``, ``VERSION``; house rule 7). The Markdown is
for people: the same data, with headings and dates, readable without any program.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

FORMAT = "heartwork-export"
VERSION = 1
JSON_NAME = "heartwork-export.json"
README_NAME = "README.txt"
# A zip bomb should not take the machine down: no real archive comes near this.
MAX_JSON_BYTES = 512 * 1024 * 1024


class MalformedArchive(ValueError):
    """Not an archive this instance can read; the text is one line."""


def document(sections: Mapping[str, Any], exported_at: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(),
        "sections": dict(sections),
    }


def readme(exported_at: datetime) -> str:
    lines = [
        _("Your data, exported on %(when)s (UTC).") % {"when": f"{exported_at:%Y-%m-%d %H:%M}"},
        "",
        _("This file is NOT encrypted. Anyone who opens it can read everything in it:"),
        _("keep it somewhere only you can reach, and delete it when you no longer need it."),
        "",
        _("%(name)s holds everything, for importing into another instance.") % {"name": JSON_NAME},
        _("Each .md file holds one part of it, for reading in any text editor."),
        "",
    ]
    return "\n".join(lines)


def build(sections: Mapping[str, Any], titles: Mapping[str, str], exported_at: datetime) -> bytes:
    """The zip, as bytes. Entries carry the export time, so one export is one exact file."""
    stamp = exported_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))

        add(README_NAME, readme(exported_at))
        body = json.dumps(document(sections, exported_at), ensure_ascii=False, indent=1)
        add(JSON_NAME, body + "\n")
        for name, data in sections.items():
            add(f"{name}.md", markdown(titles.get(name, name), data))
    return buffer.getvalue()


def read(blob: bytes) -> dict[str, Any]:
    """The archive's document, or MalformedArchive saying what is wrong in one line."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            try:
                info = archive.getinfo(JSON_NAME)
            except KeyError:
                raise MalformedArchive(f"the archive has no {JSON_NAME}") from None
            if info.file_size > MAX_JSON_BYTES:
                raise MalformedArchive(f"{JSON_NAME} is too large")
            raw = archive.read(info)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
        raise MalformedArchive("not a zip archive made by an export") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MalformedArchive(f"{JSON_NAME} is not valid JSON") from None
    return check(doc)


def check(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise MalformedArchive(f"{JSON_NAME} is not a {FORMAT} document")
    version = doc.get("version")
    if version != VERSION:
        raise MalformedArchive(
            f"archive version {version!r} is not one this instance reads (it reads {VERSION})"
        )
    if not isinstance(doc.get("sections"), dict):
        raise MalformedArchive(f"{JSON_NAME} has no sections")
    return doc


# -- Markdown -------------------------------------------------------------------------


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _when(row: Mapping[str, Any]) -> str:
    for key in ("day", "at", "created_at", "started_on", "started_at", "updated_at"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value.replace("T", " ")[:16]
    return ""


def _value_lines(key: str, value: Any, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(value, dict):
        lines = [f"{pad}- **{_label(key)}**:"]
        for sub_key, sub_value in value.items():
            lines += _value_lines(str(sub_key), sub_value, depth + 1)
        return lines
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            shown = ", ".join(_scalar(item) for item in value) or "—"
            return [f"{pad}- **{_label(key)}**: {shown}"]
        lines = [f"{pad}- **{_label(key)}**:"]
        for index, item in enumerate(value, 1):
            lines += _value_lines(str(index), item, depth + 1)
        return lines
    text = _scalar(value)
    if "\n" in text:
        quoted = "\n".join(f"{pad}  > {line}" for line in text.splitlines())
        return [f"{pad}- **{_label(key)}**:", quoted]
    return [f"{pad}- **{_label(key)}**: {text}"]


def _scalar(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _rows(key: str, rows: list[Any]) -> list[str]:
    lines = [f"## {_label(key)} ({len(rows)})", ""]
    if not rows:
        return [*lines, _("Nothing here."), ""]
    for row in rows:
        if not isinstance(row, dict):
            lines += [f"- {_scalar(row)}"]
            continue
        lines += [f"### {_when(row) or row.get('id', '')}", ""]
        for field, value in row.items():
            lines += _value_lines(field, value, 0)
        lines.append("")
    return lines


def markdown(title: str, data: Any) -> str:
    """One section as Markdown: a heading per table, a sub-heading (its date) per row."""
    lines = [f"# {title}", ""]
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        for key, rows in data.items():
            lines += _rows(key, rows)
    elif isinstance(data, dict):
        for key, value in data.items():
            lines += _value_lines(key, value, 0)
        lines.append("")
    elif isinstance(data, list):
        lines += _rows(title, data)
    else:
        lines += [_scalar(data), ""]
    return "\n".join(lines)
