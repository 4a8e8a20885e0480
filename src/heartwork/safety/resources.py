"""The offline table of emergency numbers and helplines. Pure Python: no Django import.

The table lives in data/resources.toml and is checked strictly when it loads: an unknown
kind, channel or audience, a missing field, a bad date or a source that is not https stops
the load with an error that names the entry, so a broken table never reaches a person in
a crisis. Every country in it has an emergency number, a crisis line for everyone and an
abuse line for everyone.

`for_country` never returns an empty list: an unknown country, or one whose entries are
all overdue for re-checking, gets the international directory and a short note. Entries
not re-checked within `MAX_AGE_DAYS` are never shown (SAFETY.md, "Never" item 9), and
`lines_for` always puts a line for every gender first, so nobody is offered only a
women-only line (the same item).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources as package_files
from typing import Any, Final, Literal, Protocol, TypeVar, cast, get_args
from urllib.parse import urlsplit

Kind = Literal["emergency", "crisis", "abuse", "perpetrator"]
Audience = Literal["all", "women", "men", "lgbtq"]
ChannelType = Literal["call", "text", "chat"]
Situation = Literal["emergency", "crisis", "abuse", "perpetrator"]

KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
AUDIENCES: Final[tuple[Audience, ...]] = get_args(Audience)
CHANNEL_TYPES: Final[tuple[ChannelType, ...]] = get_args(ChannelType)
SITUATIONS: Final[tuple[Situation, ...]] = get_args(Situation)
SCHEMA_VERSION: Final = 1
MAX_AGE_DAYS: Final = 120
# "UK" is not the ISO code, but people type it; it is reserved for the United Kingdom.
ALIASES: Final[Mapping[str, str]] = {"UK": "GB"}


def gettext_noop(text: str) -> str:
    """Marks ``text`` for the interface catalogue (makemessages looks for this name) while
    this module stays free of Django; the pages translate it when they show it."""
    return text


FALLBACK_NOTE: Final = gettext_noop(
    "We have no checked local numbers for this country yet. If you are in danger now, "
    "call your local emergency number. The directory lists free helplines by country."
)
STALE_NOTE: Final = gettext_noop(
    "Some local numbers are due to be checked again and are hidden until they are. "
    "The directory lists free helplines by country."
)
OTHER_COUNTRIES: Final = gettext_noop("Other countries")

_ENTRY_REQUIRED: Final = frozenset(
    {
        "name",
        "kind",
        "description",
        "channels",
        "hours",
        "languages",
        "audience",
        "verified_on",
        "source_url",
    }
)
_ENTRY_OPTIONAL: Final = frozenset({"region"})
_CHANNEL_REQUIRED: Final = frozenset({"type", "value"})
_CHANNEL_OPTIONAL: Final = frozenset({"note", "message"})
_DIRECTORY_KEYS: Final = frozenset({"name", "description", "url", "verified_on", "source_url"})
_COUNTRY_REQUIRED: Final = frozenset({"name", "entries"})
_COUNTRY_OPTIONAL: Final = frozenset({"note"})
_TOP_KEYS: Final = frozenset({"schema_version", "directory", "countries"})

_CODE: Final = re.compile(r"[A-Z]{2}")
_LANGUAGE: Final = re.compile(r"[a-z]{2,3}")
# A number as dialled: digits, spaces, dashes, dots, brackets, a leading +, and * or #
# for short codes such as *120*7867#.
_NUMBER: Final = re.compile(r"\+?[0-9*#][0-9*#\s().-]*")


class ResourceDataError(ValueError):
    """The resources table is malformed: raised at load, naming the entry at fault."""


@dataclass(frozen=True)
class Channel:
    """One way to reach a service: call or text a number, or chat at an https URL."""

    type: ChannelType
    value: str
    note: str | None = None
    message: str | None = None  # the word to send, for text lines that expect one


@dataclass(frozen=True)
class Resource:
    country: str | None  # None for the international directory entry
    name: str
    kind: Kind
    description: str
    channels: tuple[Channel, ...]
    hours: str
    languages: tuple[str, ...]
    audience: Audience
    verified_on: date
    source_url: str
    region: str | None = None


@dataclass(frozen=True)
class Directory:
    name: str
    description: str
    url: str
    verified_on: date
    source_url: str

    def as_resource(self) -> Resource:
        """The directory as a line to show: for everyone, in every situation."""
        return Resource(
            country=None,
            name=self.name,
            kind="crisis",
            description=self.description,
            channels=(Channel(type="chat", value=self.url),),
            hours="Online any time; each listed helpline keeps its own hours",
            languages=("en",),
            audience="all",
            verified_on=self.verified_on,
            source_url=self.source_url,
        )


@dataclass(frozen=True)
class CountryResources:
    """What to show for one country. `entries` is never empty."""

    code: str | None  # None when this is the fallback for an unknown country
    name: str
    entries: tuple[Resource, ...]
    directory: Directory
    note: str | None = None

    @property
    def is_fallback(self) -> bool:
        return self.code is None


@dataclass(frozen=True)
class ResourceTable:
    schema_version: int
    directory: Directory
    countries: Mapping[str, CountryResources]


class _Dated(Protocol):
    @property
    def verified_on(self) -> date: ...


_D = TypeVar("_D", bound=_Dated)


# --------------------------------------------------------------------------------- loading


def _keys(
    table: Mapping[str, Any], required: frozenset[str], optional: frozenset[str], where: str
) -> None:
    missing = sorted(required - table.keys())
    if missing:
        raise ResourceDataError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(table.keys() - required - optional)
    if unknown:
        raise ResourceDataError(f"{where}: unknown field {', '.join(unknown)}")


def _text(value: Any, field: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ResourceDataError(f"{where}: {field} must be non-empty text")
    return value.strip()


def _optional_text(value: Any, field: str, where: str) -> str | None:
    return None if value is None else _text(value, field, where)


def _table(value: Any, what: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ResourceDataError(f"{where}: {what} must be a table")
    return cast(Mapping[str, Any], value)


def _date(value: Any, where: str) -> date:
    # tomllib gives a date for `2026-11-23` and a datetime for `2026-11-23T10:00:00`.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ResourceDataError(
        f"{where}: verified_on must be a TOML date such as 2026-11-23, not {value!r}"
    )


def _https(value: Any, field: str, where: str) -> str:
    url = _text(value, field, where)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or " " in url:
        raise ResourceDataError(f"{where}: {field} must be an https URL, not {url!r}")
    return url


def _choice(value: Any, allowed: tuple[str, ...], field: str, where: str) -> str:
    if value not in allowed:
        raise ResourceDataError(
            f"{where}: unknown {field} {value!r} (expected one of {', '.join(allowed)})"
        )
    return cast(str, value)


def _channel(raw: Any, where: str) -> Channel:
    table = _table(raw, "a channel", where)
    _keys(table, _CHANNEL_REQUIRED, _CHANNEL_OPTIONAL, where)
    kind = cast(ChannelType, _choice(table["type"], CHANNEL_TYPES, "channel type", where))
    if kind == "chat":
        value = _https(table["value"], "a chat channel's value", where)
    else:
        value = _text(table["value"], "value", where)
        if not _NUMBER.fullmatch(value):
            raise ResourceDataError(f"{where}: {value!r} is not a number to {kind}")
    message = _optional_text(table.get("message"), "message", where)
    if message is not None and kind != "text":
        raise ResourceDataError(f"{where}: only a text channel can have a message")
    return Channel(
        type=kind,
        value=value,
        note=_optional_text(table.get("note"), "note", where),
        message=message,
    )


def _entry(raw: Any, country: str, index: int) -> Resource:
    where = f"countries.{country}.entries[{index}]"
    table = _table(raw, "an entry", where)
    if isinstance(table.get("name"), str) and table["name"].strip():
        where = f"{where} ({table['name'].strip()})"
    _keys(table, _ENTRY_REQUIRED, _ENTRY_OPTIONAL, where)
    channels = table["channels"]
    if not isinstance(channels, list) or not channels:
        raise ResourceDataError(f"{where}: channels must be a non-empty list")
    languages = table["languages"]
    if not isinstance(languages, list) or not languages:
        raise ResourceDataError(f"{where}: languages must be a non-empty list")
    for language in languages:
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            raise ResourceDataError(f"{where}: {language!r} is not an ISO 639-1 language code")
    return Resource(
        country=country,
        name=_text(table["name"], "name", where),
        kind=cast(Kind, _choice(table["kind"], KINDS, "kind", where)),
        description=_text(table["description"], "description", where),
        channels=tuple(
            _channel(channel, f"{where} channel {number}")
            for number, channel in enumerate(channels, start=1)
        ),
        hours=_text(table["hours"], "hours", where),
        languages=tuple(languages),
        audience=cast(Audience, _choice(table["audience"], AUDIENCES, "audience", where)),
        verified_on=_date(table["verified_on"], where),
        source_url=_https(table["source_url"], "source_url", where),
        region=_optional_text(table.get("region"), "region", where),
    )


def _missing_basics(entries: Iterable[Resource]) -> list[str]:
    """What a country must always offer; an empty list when it has all of it."""
    entries = list(entries)
    needs = []
    if not any(entry.kind == "emergency" for entry in entries):
        needs.append("an emergency number")
    for kind, article in (("crisis", "a"), ("abuse", "an")):
        if not any(entry.kind == kind and entry.audience == "all" for entry in entries):
            needs.append(f"{article} {kind} line for all audiences")
    return needs


def _country(code: Any, raw: Any, directory: Directory) -> CountryResources:
    where = f"countries.{code}"
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ResourceDataError(f"{where}: the key must be an upper-case ISO 3166-1 alpha-2 code")
    table = _table(raw, "a country", where)
    _keys(table, _COUNTRY_REQUIRED, _COUNTRY_OPTIONAL, where)
    raw_entries = table["entries"]
    if not isinstance(raw_entries, list) or not raw_entries:
        raise ResourceDataError(f"{where}: entries must be a non-empty list")
    entries = tuple(_entry(entry, code, index) for index, entry in enumerate(raw_entries))
    names = [(entry.name, entry.kind) for entry in entries]
    if len(set(names)) != len(names):
        raise ResourceDataError(f"{where}: the same name and kind appear twice")
    needs = _missing_basics(entries)
    if needs:
        raise ResourceDataError(f"{where}: needs {' and '.join(needs)}")
    return CountryResources(
        code=code,
        name=_text(table["name"], "name", where),
        entries=entries,
        directory=directory,
        note=_optional_text(table.get("note"), "note", where),
    )


def parse_table(data: Mapping[str, Any]) -> ResourceTable:
    """Check a parsed resources document and build the table, or raise ResourceDataError."""
    _keys(data, _TOP_KEYS, frozenset(), "resources")
    if data["schema_version"] != SCHEMA_VERSION:
        raise ResourceDataError(
            f"resources: schema_version {data['schema_version']!r} is not {SCHEMA_VERSION}"
        )
    raw_directory = _table(data["directory"], "directory", "directory")
    _keys(raw_directory, _DIRECTORY_KEYS, frozenset(), "directory")
    directory = Directory(
        name=_text(raw_directory["name"], "name", "directory"),
        description=_text(raw_directory["description"], "description", "directory"),
        url=_https(raw_directory["url"], "url", "directory"),
        verified_on=_date(raw_directory["verified_on"], "directory"),
        source_url=_https(raw_directory["source_url"], "source_url", "directory"),
    )
    countries = _table(data["countries"], "countries", "countries")
    if not countries:
        raise ResourceDataError("countries: the table lists no country")
    return ResourceTable(
        schema_version=SCHEMA_VERSION,
        directory=directory,
        countries={code: _country(code, raw, directory) for code, raw in countries.items()},
    )


def parse_toml(text: str) -> ResourceTable:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # a bad date such as 2026-13-01 fails here
        raise ResourceDataError(f"resources.toml is not valid TOML: {error}") from error
    return parse_table(data)


@cache
def load_table() -> ResourceTable:
    """The bundled table, checked once per process."""
    raw = package_files.files("heartwork.safety").joinpath("data/resources.toml")
    return parse_toml(raw.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------- choosing


def stale(entries: Iterable[_D], today: date, max_age_days: int = MAX_AGE_DAYS) -> list[_D]:
    """The entries last checked more than `max_age_days` days before `today`."""
    oldest = today - timedelta(days=max_age_days)
    return [entry for entry in entries if entry.verified_on < oldest]


def _normalise(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    return ALIASES.get(code, code)


def for_country(
    code: str | None, *, today: date | None = None, max_age_days: int = MAX_AGE_DAYS
) -> CountryResources:
    """The lines for a country (ISO 3166-1 alpha-2, any case), never an empty list.

    Entries overdue for re-checking are left out. An unknown country, or one left without
    its basics once overdue entries are gone, gets the international directory and a note.
    """
    table = load_table()
    today = date.today() if today is None else today
    country = table.countries.get(_normalise(code) or "")
    directory_line = table.directory.as_resource()
    if country is None:
        return CountryResources(
            code=None,
            name=OTHER_COUNTRIES,
            entries=(directory_line,),
            directory=table.directory,
            note=FALLBACK_NOTE,
        )
    overdue = set(stale(country.entries, today, max_age_days))
    if not overdue:
        return country
    fresh = tuple(entry for entry in country.entries if entry not in overdue)
    if _missing_basics(fresh):
        fresh = (*fresh, directory_line)
    note = STALE_NOTE if country.note is None else f"{country.note} {STALE_NOTE}"
    return CountryResources(
        code=country.code, name=country.name, entries=fresh, directory=table.directory, note=note
    )


_WANTED: Final[Mapping[str, tuple[str, ...]]] = {
    # The kinds to show for a situation, most important first.
    "emergency": ("emergency",),
    "crisis": ("emergency", "crisis"),
    "abuse": ("abuse", "emergency"),
    "perpetrator": ("perpetrator", "crisis"),
}


def lines_for(
    resources: CountryResources,
    situation: Situation,
    *,
    audience: Audience | None = None,
    limit: int | None = 4,
) -> tuple[Resource, ...]:
    """The lines to show first for a situation, always including one for every gender.

    Lines for everyone come before lines for one group. `audience` says who the person is
    ("women", "men", "lgbtq"); with it, lines for other groups are left out; without it,
    they all follow. A limit never drops the first line for everyone, nor the emergency
    number where the situation calls for one.
    """
    if situation not in SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}")
    wanted = _WANTED[situation]
    chosen: list[Resource] = []
    for kind in wanted:
        of_kind = [entry for entry in resources.entries if entry.kind == kind]
        chosen += [entry for entry in of_kind if entry.audience == "all"]
        chosen += [
            entry
            for entry in of_kind
            if entry.audience != "all" and (audience is None or entry.audience == audience)
        ]
    if not any(entry.audience == "all" for entry in chosen):
        chosen.insert(0, resources.directory.as_resource())
    if limit is None or len(chosen) <= limit:
        return tuple(chosen)
    keep = {next(index for index, entry in enumerate(chosen) if entry.audience == "all")}
    if "emergency" in wanted:
        emergency = [index for index, entry in enumerate(chosen) if entry.kind == "emergency"]
        keep |= set(emergency[:1])
    for index in range(len(chosen)):
        if len(keep) >= max(limit, 1):
            break
        keep.add(index)
    return tuple(chosen[index] for index in sorted(keep))
