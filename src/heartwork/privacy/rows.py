"""Model rows to JSON and back, for sections made of ordinary user-owned models.

A row becomes a dict of its concrete fields: ids as strings, times in ISO 8601 (UTC),
foreign keys as the id they point at, encrypted text decrypted. The foreign key to the
user is left out: on import the rows belong to whoever imports them, and their text is
encrypted again with that person's data key (the associated data names the new owner).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise

from heartwork.core.fields import EncryptedTextField
from heartwork.privacy.archive import MalformedArchive
from heartwork.privacy.sections import Section

if TYPE_CHECKING:
    from heartwork.accounts.models import User


class ArchiveError(MalformedArchive):
    """Rows inside an archive this instance cannot restore; the text is one line."""


@dataclass(frozen=True)
class Table:
    """One model inside a section, under ``key`` in the section's JSON."""

    key: str
    model: type[models.Model]
    # Encrypted fields that hold JSON: exported as the JSON itself, easier to read.
    json_fields: tuple[str, ...] = ()
    # Fields left out of the archive (secrets such as a feed token's digest): an import
    # leaves them at their defaults.
    omit: tuple[str, ...] = ()


def _is_user_fk(field: models.Field[Any, Any]) -> bool:
    return bool(field.is_relation and field.related_model is _user_model())


def _user_model() -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(settings.AUTH_USER_MODEL)


def _fields(table: Table) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in table.model._meta.concrete_fields
        if not _is_user_fk(f) and f.name not in table.omit
    ]


def _plain(table: Table, field: models.Field[Any, Any], row: models.Model) -> Any:
    if field.is_relation:
        value = getattr(row, field.attname)
        return None if value is None else str(value)
    value = getattr(row, field.attname)
    if isinstance(field, EncryptedTextField) and value is not None:
        return json.loads(value) if field.name in table.json_fields else value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return field.value_to_string(row)  # decimals, durations: text that to_python reads back


def export_rows(table: Table, user: User) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    owner_fields = [f.name for f in table.model._meta.concrete_fields if _is_user_fk(f)]
    manager = table.model._default_manager
    for row in manager.filter(**{owner_fields[0]: user}).order_by("pk"):
        for name in owner_fields:
            setattr(row, name, user)  # the owner (with its data key) decrypts the text
        rows.append({f.name: _plain(table, f, row) for f in _fields(table)})
    return rows


def _value(table: Table, field: models.Field[Any, Any], raw: Any) -> Any:
    if isinstance(field, EncryptedTextField):
        if raw is None and field.null:
            return None
        if field.name in table.json_fields:
            return json.dumps(raw)
        if not isinstance(raw, str):
            raise ValidationError("not text")
        return raw
    if field.is_relation:
        return None if raw is None else uuid.UUID(str(raw))
    if raw is None and not field.null:
        raise ValidationError("missing")
    return field.to_python(raw)


def _build(table: Table, user: User, raw: Any, where: str) -> models.Model:
    fields = _fields(table)
    names = {f.name for f in fields}
    if not isinstance(raw, dict) or set(raw) != names:
        found = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise ArchiveError(f"{where}: expected the fields {sorted(names)}, found {found}")
    row = table.model()
    for field in fields:
        try:
            value = _value(table, field, raw[field.name])
        except (ValidationError, ValueError, TypeError, AttributeError):
            raise ArchiveError(
                f"{where}: {field.name} has a value this instance cannot read"
            ) from None
        setattr(row, field.attname, value)
    for field in table.model._meta.concrete_fields:
        if _is_user_fk(field):
            setattr(row, field.name, user)
    # Choices, lengths and ranges, as a form would check them. Not encrypted text (its
    # to_python expects bytes) nor links (checked for the whole table in _check_links).
    skip = [f.name for f in table.model._meta.concrete_fields if f not in fields or f.is_relation]
    skip += [f.name for f in fields if isinstance(f, EncryptedTextField)]
    try:
        row.clean_fields(exclude=skip)
    except ValidationError as exc:
        faulty = ", ".join(sorted(exc.message_dict))
        raise ArchiveError(f"{where}: {faulty} has a value this instance cannot take") from None
    return row


def _check_links(table: Table, user: User, built: list[models.Model], where: str) -> None:
    """Every link points at a row of the same person (restored just before, in order)."""
    for field in _fields(table):
        target = field.related_model
        if not field.is_relation or not isinstance(target, type):
            continue
        ids = {getattr(row, field.attname) for row in built} - {None}
        owners = [f.name for f in target._meta.concrete_fields if _is_user_fk(f)]
        if not ids or not owners:
            continue
        mine = target._default_manager.filter(pk__in=ids, **{owners[0]: user}).count()
        if mine != len(ids):
            raise ArchiveError(f"{where}: {field.name} points at rows that are not in the archive")


def _auto_now(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def restore_rows(table: Table, user: User, data: Any, section: str) -> None:
    where = f"{section}.{table.key}"
    if not isinstance(data, list):
        raise ArchiveError(f"{where}: expected a list of rows")
    built = [_build(table, user, raw, f"{where}[{i}]") for i, raw in enumerate(data)]
    manager = table.model._default_manager
    _check_links(table, user, built, where)
    taken = manager.filter(pk__in=[row.pk for row in built]).exists()
    if taken or len({row.pk for row in built}) != len(built):
        raise ArchiveError(f"{where}: some of these rows already exist on this instance")
    # Saving stamps auto_now fields with the time of the import; put the exported ones back.
    stamped = _auto_now(table.model)
    originals = [{name: getattr(row, name) for name in stamped} for row in built]
    manager.bulk_create(built)
    if stamped:
        for row, values in zip(built, originals, strict=True):
            manager.filter(pk=row.pk).update(**values)


def model_section(name: str, title: str | Promise, tables: Sequence[Table]) -> Section:
    """A section whose JSON is ``{table.key: [rows]}`` for each table, restored in order.

    Each table's model needs a foreign key to the user: it says whose rows are exported.
    """
    for table in tables:
        if not any(_is_user_fk(f) for f in table.model._meta.concrete_fields):
            raise TypeError(f"{table.model.__name__} has no foreign key to the user")

    def export(user: User) -> dict[str, Any]:
        return {table.key: export_rows(table, user) for table in tables}

    def restore(user: User, data: Any) -> None:
        keys = {table.key for table in tables}
        if not isinstance(data, dict) or set(data) != keys:
            raise ArchiveError(f"{name}: expected the keys {sorted(keys)}")
        for table in tables:
            restore_rows(table, user, data[table.key], name)

    return Section(
        name=name,
        title=title,
        models=tuple(table.model for table in tables),
        export=export,
        restore=restore,
    )


def covered_models(sections: Iterable[Section]) -> set[str]:
    return {model._meta.label_lower for section in sections for model in section.models}
