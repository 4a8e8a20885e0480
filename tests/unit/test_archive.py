"""heartwork.privacy.archive: the zip's layout, its versioned JSON, the Markdown, and
refusing archives this instance cannot read."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest

from heartwork.privacy import archive
from heartwork.privacy.archive import MalformedArchive

WHEN = datetime(2026, 3, 1, 21, 30, tzinfo=UTC)
SECTIONS: dict[str, Any] = {
    "journal": {
        "entries": [
            {
                "id": "0b5e4f52-2b7e-4bd4-9a39-35a0e6f6b0e1",
                "title": "Sunday",
                "body": "First line.\nSecond line.",
                "created_at": "2026-02-28T09:15:00+00:00",
            }
        ]
    },
    "account": {"country": "IE", "discreet_mode": True},
}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return buffer.getvalue()


def _doc(**changes: Any) -> bytes:
    doc = {**archive.document(SECTIONS, WHEN), **changes}
    return _zip({archive.JSON_NAME: json.dumps(doc).encode()})


def test_the_zip_holds_the_json_a_readme_and_one_markdown_file_per_section() -> None:
    blob = archive.build(SECTIONS, {"journal": "Journal"}, WHEN)
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert names == ["README.txt", "heartwork-export.json", "journal.md", "account.md"]


def test_the_json_is_versioned_and_reads_back_exactly() -> None:
    doc = archive.read(archive.build(SECTIONS, {}, WHEN))
    assert doc == {
        "format": "heartwork-export",
        "version": 1,
        "exported_at": "2026-03-01T21:30:00+00:00",
        "sections": SECTIONS,
    }


def test_the_same_data_at_the_same_moment_makes_the_same_bytes() -> None:
    assert archive.build(SECTIONS, {}, WHEN) == archive.build(SECTIONS, {}, WHEN)


def test_the_readme_says_the_file_is_not_encrypted() -> None:
    readme = zipfile.ZipFile(io.BytesIO(archive.build({}, {}, WHEN))).read("README.txt")
    assert "NOT encrypted" in readme.decode()


def test_markdown_has_a_heading_per_table_and_a_dated_heading_per_row() -> None:
    text = archive.markdown("Journal", SECTIONS["journal"])
    assert text.startswith("# Journal\n")
    assert "## Entries (1)" in text
    assert "### 2026-02-28 09:15" in text
    assert "- **Title**: Sunday" in text


def test_markdown_quotes_text_of_several_lines_line_by_line() -> None:
    text = archive.markdown("Journal", SECTIONS["journal"])
    assert "  > First line.\n  > Second line." in text


def test_markdown_writes_settings_as_a_list_with_yes_and_no() -> None:
    text = archive.markdown("Account settings", SECTIONS["account"])
    assert "- **Country**: IE" in text
    assert "- **Discreet mode**: yes" in text


def test_markdown_says_when_a_table_is_empty() -> None:
    assert "Nothing here." in archive.markdown("Drafts", {"drafts": []})


def test_markdown_nests_answers_under_their_row() -> None:
    text = archive.markdown("Checks", {"takes": [{"data": {"answers": {"respect": 4}}}]})
    assert "- **Data**:\n  - **Answers**:\n    - **Respect**: 4" in text


@pytest.mark.parametrize(
    ("blob", "reason"),
    [
        (b"not a zip at all", "not a zip archive"),
        (_zip({"other.txt": b"x"}), "has no heartwork-export.json"),
        (_zip({archive.JSON_NAME: b"{nope"}), "not valid JSON"),
        (_zip({archive.JSON_NAME: b"\xff\xfe"}), "not valid JSON"),
        (_zip({archive.JSON_NAME: b"[1, 2]"}), "not a heartwork-export document"),
        (_doc(format="something-else"), "not a heartwork-export document"),
        (_doc(version=2), "archive version 2 is not one this instance reads"),
        (_doc(version="1"), "archive version '1' is not one"),
        (_doc(sections=[]), "has no sections"),
    ],
)
def test_an_archive_it_cannot_read_is_refused_with_one_line(blob: bytes, reason: str) -> None:
    with pytest.raises(MalformedArchive) as caught:
        archive.read(blob)
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_json_member_claiming_to_be_huge_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "MAX_JSON_BYTES", 10)
    with pytest.raises(MalformedArchive, match="too large"):
        archive.read(_doc())


def test_a_section_of_a_model_without_an_owner_is_refused_when_it_is_defined() -> None:
    from heartwork.core.models import DataKey
    from heartwork.privacy.rows import Table, model_section

    with pytest.raises(TypeError, match="DataKey has no foreign key to the user"):
        model_section("keys", "Keys", [Table("keys", DataKey)])
