"""The offline helpline table (heartwork.safety.resources and data/resources.toml).

`test_no_entry_is_overdue_for_rechecking` uses the real date on purpose: it starts failing
120 days after an entry was last checked, which is the "re-check every quarter" rule in
SAFETY.md. When it fails, re-check each listed number on its source page and move its
`verified_on` (docs/safety.md says how); never just move the date.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib import resources as package_files
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.safety.resources import (
    AUDIENCES,
    FALLBACK_NOTE,
    MAX_AGE_DAYS,
    SITUATIONS,
    STALE_NOTE,
    Audience,
    Directory,
    Resource,
    ResourceDataError,
    Situation,
    for_country,
    lines_for,
    load_table,
    parse_table,
    parse_toml,
    stale,
)

TABLE = load_table()
ALL_ENTRIES = [entry for country in TABLE.countries.values() for entry in country.entries]
PERSON: list[Audience | None] = [None, "women", "men", "lgbtq"]


def _raw() -> dict[str, Any]:
    text = package_files.files("heartwork.safety").joinpath("data/resources.toml").read_text()
    return tomllib.loads(text)


def _first_entry(data: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = data["countries"]["GB"]["entries"][0]
    return entry


# ------------------------------------------------------------------------------ the table


def test_every_entry_loads() -> None:
    assert len(TABLE.countries) >= 12
    expected = sum(len(country["entries"]) for country in _raw()["countries"].values())
    assert len(ALL_ENTRIES) == expected
    for code, country in TABLE.countries.items():
        assert country.code == code
        assert all(entry.country == code for entry in country.entries)


def test_no_entry_is_overdue_for_rechecking() -> None:
    today = date.today()
    checked: list[Resource | Directory] = [*ALL_ENTRIES, TABLE.directory]
    overdue = stale(checked, today, MAX_AGE_DAYS)
    listed = [
        f"{getattr(item, 'country', None) or 'directory'}: {item.name} (checked {item.verified_on})"
        for item in overdue
    ]
    assert listed == [], (
        f"{len(listed)} resources were last checked more than {MAX_AGE_DAYS} days ago. "
        "Re-check each number on its source page and update verified_on (docs/safety.md)."
    )


def test_no_entry_claims_a_check_in_the_future() -> None:
    tomorrow = date.today() + timedelta(days=1)
    assert [entry.name for entry in ALL_ENTRIES if entry.verified_on >= tomorrow] == []


@pytest.mark.parametrize("code", sorted(TABLE.countries))
def test_every_country_has_emergency_crisis_and_an_all_audience_abuse_line(code: str) -> None:
    entries = TABLE.countries[code].entries
    assert any(entry.kind == "emergency" for entry in entries)
    assert any(entry.kind == "crisis" and entry.audience == "all" for entry in entries)
    assert any(entry.kind == "abuse" and entry.audience == "all" for entry in entries)


def test_every_source_url_is_https() -> None:
    urls = [entry.source_url for entry in ALL_ENTRIES]
    urls += [TABLE.directory.source_url, TABLE.directory.url]
    urls += [
        channel.value
        for entry in ALL_ENTRIES
        for channel in entry.channels
        if channel.type == "chat"
    ]
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc, url


def test_the_table_covers_the_countries_named_in_the_plan() -> None:
    # The ones we could verify from primary sources; see docs/safety.md for the gaps.
    for code in ("US", "GB", "IE", "CA", "AU", "NZ", "ZA", "DE", "FR"):
        assert code in TABLE.countries


# -------------------------------------------------------------------------------- lookups


@pytest.mark.parametrize("code", [None, "", "XX", "zz", "  ", "USA", "1", "éé"])
def test_an_unknown_country_falls_back_to_the_directory(code: str | None) -> None:
    result = for_country(code)
    assert result.is_fallback
    assert result.note == FALLBACK_NOTE
    assert [entry.channels[0].value for entry in result.entries] == [TABLE.directory.url]
    assert result.entries[0].audience == "all"


# Spanish-speaking countries for the Spanish interface. None is in the table yet: each lacks
# a line verified on a primary source (docs/safety.md, "Gaps we know about"). Until then
# they get the directory and the local-emergency note; once added, their own lines.
SPANISH_SPEAKING = ("ES", "MX", "AR", "CO", "CL", "PE")


@pytest.mark.parametrize("code", SPANISH_SPEAKING)
def test_spanish_speaking_countries_always_get_a_line_for_everyone(code: str) -> None:
    result = for_country(code.lower())
    assert result.is_fallback == (code not in TABLE.countries)
    if result.is_fallback:
        assert result.note == FALLBACK_NOTE
    for situation in SITUATIONS:
        lines = lines_for(result, situation)
        assert lines and any(line.audience == "all" for line in lines)


def test_codes_are_case_insensitive_and_uk_means_gb() -> None:
    gb = for_country("GB")
    assert for_country("gb") == gb
    assert for_country(" Gb ") == gb
    assert for_country("uk") == gb
    assert not gb.is_fallback


def test_overdue_entries_are_hidden_and_the_directory_steps_in() -> None:
    much_later = max(entry.verified_on for entry in ALL_ENTRIES) + timedelta(days=400)
    result = for_country("GB", today=much_later)
    assert result.note is not None and STALE_NOTE in result.note
    assert [entry.channels[0].value for entry in result.entries] == [TABLE.directory.url]


def test_stale_counts_days_strictly() -> None:
    entry = ALL_ENTRIES[0]
    assert stale([entry], entry.verified_on + timedelta(days=120)) == []
    assert stale([entry], entry.verified_on + timedelta(days=121)) == [entry]
    assert stale([entry], entry.verified_on + timedelta(days=10), max_age_days=5) == [entry]


# ----------------------------------------------------------------- who gets which lines


def _all_lookups() -> list[tuple[str | None, Situation, Audience | None]]:
    codes: list[str | None] = [*sorted(TABLE.countries), None]
    return [(code, s, person) for code in codes for s in SITUATIONS for person in PERSON]


@pytest.mark.parametrize(("code", "situation", "person"), _all_lookups())
def test_women_only_lines_never_stand_alone(
    code: str | None, situation: Situation, person: Audience | None
) -> None:
    lines = lines_for(for_country(code), situation, audience=person)
    assert lines
    assert any(line.audience == "all" for line in lines)
    if person is not None:
        assert {line.audience for line in lines} <= {"all", person}


@pytest.mark.parametrize("code", sorted(TABLE.countries))
def test_a_man_asking_about_abuse_gets_an_abuse_line_for_everyone_first(code: str) -> None:
    lines = lines_for(for_country(code), "abuse", audience="men")
    assert lines[0].kind == "abuse" and lines[0].audience == "all"
    assert all(line.audience != "women" for line in lines)


@pytest.mark.parametrize("code", sorted(TABLE.countries))
def test_crisis_lines_start_with_the_emergency_number(code: str) -> None:
    lines = lines_for(for_country(code), "crisis")
    assert lines[0].kind == "emergency"
    assert any(line.kind == "crisis" and line.audience == "all" for line in lines)


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_limit_keeps_a_line_for_everyone_and_the_emergency_number(limit: int) -> None:
    lines = lines_for(for_country("GB"), "abuse", limit=limit)
    assert any(line.audience == "all" and line.kind == "abuse" for line in lines)
    assert any(line.kind == "emergency" for line in lines)


def test_an_unknown_situation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown situation"):
        lines_for(for_country("GB"), "chat")  # type: ignore[arg-type]


@given(st.text(min_size=2, max_size=2))
def test_for_country_never_raises_or_returns_nothing(code: str) -> None:
    result = for_country(code)
    assert result.entries
    for situation in SITUATIONS:
        lines = lines_for(result, situation)
        assert lines and any(line.audience == "all" for line in lines)


@given(
    st.text(min_size=2, max_size=2, alphabet=st.characters(min_codepoint=65, max_codepoint=90)),
    st.sampled_from(SITUATIONS),
    st.sampled_from(AUDIENCES),
)
def test_any_letter_pair_and_person_gets_a_line_for_everyone(
    code: str, situation: Situation, person: Audience
) -> None:
    lines = lines_for(for_country(code), situation, audience=person)
    assert any(line.audience == "all" for line in lines)


# ------------------------------------------------------------------- a strict loader


def _set(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(field: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del _first_entry(data)[field]

    return change


def _entry_path(*rest: str | int) -> list[str | int]:
    return ["countries", "GB", "entries", 0, *rest]


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("unknown kind", _set(_entry_path("kind"), "hotline"), "unknown kind 'hotline'"),
    ("unknown audience", _set(_entry_path("audience"), "adults"), "unknown audience 'adults'"),
    (
        "unknown channel",
        _set(_entry_path("channels"), [{"type": "fax", "value": "999"}]),
        "unknown channel type 'fax'",
    ),
    ("empty channels", _set(_entry_path("channels"), []), "channels must be a non-empty list"),
    (
        "number with letters",
        _set(_entry_path("channels"), [{"type": "call", "value": "call us"}]),
        "is not a number",
    ),
    (
        "chat over http",
        _set(_entry_path("channels"), [{"type": "chat", "value": "http://example.org"}]),
        "must be an https URL",
    ),
    ("missing hours", _drop("hours"), "missing hours"),
    ("missing source", _drop("source_url"), "missing source_url"),
    ("unknown field", _set(_entry_path("phone"), "999"), "unknown field phone"),
    ("date as text", _set(_entry_path("verified_on"), "2026-11-23"), "must be a TOML date"),
    (
        "date with a time",
        _set(_entry_path("verified_on"), datetime(2026, 11, 23, 9, 0)),
        "must be a TOML date",
    ),
    ("http source", _set(_entry_path("source_url"), "http://example.org"), "https URL"),
    ("bad language", _set(_entry_path("languages"), ["English"]), "not an ISO 639-1"),
    ("bad schema", _set(["schema_version"], 2), "schema_version 2"),
    ("bad country code", _set(["countries", "gb"], {"name": "x", "entries": []}), "alpha-2"),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [(change, message) for _, change, message in BROKEN],
    ids=[name for name, _, _ in BROKEN],
)
def test_a_broken_table_is_refused_with_a_clear_message(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = copy.deepcopy(_raw())
    change(data)
    with pytest.raises(ResourceDataError, match=message):
        parse_table(data)


def test_the_error_names_the_entry() -> None:
    data = copy.deepcopy(_raw())
    _first_entry(data)["kind"] = "hotline"
    with pytest.raises(ResourceDataError) as raised:
        parse_table(data)
    assert "countries.GB.entries[0] (Emergency services (999))" in str(raised.value)


def test_a_country_without_an_all_audience_abuse_line_is_refused() -> None:
    data = copy.deepcopy(_raw())
    for entry in data["countries"]["GB"]["entries"]:
        if entry["kind"] == "abuse" and entry["audience"] == "all":
            entry["audience"] = "women"
    with pytest.raises(ResourceDataError, match=r"countries\.GB: needs an abuse line"):
        parse_table(data)


def test_an_impossible_date_is_refused() -> None:
    text = package_files.files("heartwork.safety").joinpath("data/resources.toml").read_text()
    broken = text.replace("verified_on = 2026-11-23", "verified_on = 2026-13-01", 1)
    with pytest.raises(ResourceDataError, match="not valid TOML"):
        parse_toml(broken)


def test_the_bundled_table_parses_the_same_way_twice() -> None:
    assert parse_table(_raw()) == TABLE


def test_resources_is_pure_python_without_django() -> None:
    code = (
        "import sys, heartwork.safety.resources as r; r.load_table(); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
