"""The registry of what "export everything" and "delete everything" cover.

A *section* is one app's share of a person's data. It has:

- ``name``: a short key ("journal"), used in the archive's JSON and as its Markdown
  file name; never renamed once released, or old archives stop importing;
- ``title``: a translatable heading for the Markdown file;
- ``models``: every model whose rows the section covers. A test walks every installed
  model with a foreign key to the user (or to a model that has one) and fails when a
  model is in no section and not in ``NOT_EXPORTED``: a new app cannot forget this;
- ``export(user)``: everything the person owns in this section, as JSON-able data
  (plain text decrypted: the archive is theirs to read);
- ``restore(user, data)``: writes ``export``'s output back for ``user``, keeping every id,
  so that export -> import -> export gives the same JSON. It raises
  ``heartwork.privacy.rows.ArchiveError`` with a one-line reason on data it cannot take;
- ``delete(user)`` (optional): anything that is *not* removed by the database's
  ``on_delete=CASCADE`` when the user row goes, run first by
  ``heartwork.privacy.services.delete_account``. Rows with a CASCADE foreign key to the
  user need nothing here.

How an app registers a section: write a module that defines ``SECTION = Section(...)``
(``heartwork.privacy.rows.model_section`` builds one from a list of models) and add its
dotted path to ``BUILTIN`` below, in restore order (a section comes after the sections
its rows point at: partners before safety). An app outside this repository can instead
call ``register(section)`` from its ``AppConfig.ready()``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.functional import Promise

if TYPE_CHECKING:
    from heartwork.accounts.models import User


@dataclass(frozen=True)
class Section:
    name: str
    title: str | Promise
    models: tuple[type[models.Model], ...]
    export: Callable[[User], Any]
    restore: Callable[[User, Any], None]
    delete: Callable[[User], None] | None = None


# In restore order. Each module defines SECTION.
BUILTIN = (
    "heartwork.privacy.portable.account",
    "heartwork.privacy.portable.partners",
    "heartwork.privacy.portable.safety",
    "heartwork.privacy.portable.journal",
    "heartwork.privacy.portable.drafts",
    "heartwork.privacy.portable.program",
    "heartwork.privacy.portable.wellbeing",
    "heartwork.privacy.portable.checkin",
    "heartwork.privacy.portable.space",
    "heartwork.privacy.portable.trust",
    "heartwork.privacy.portable.rituals",
    "heartwork.privacy.portable.reminders",
    "heartwork.couples.portable",
    "heartwork.agreements.portable",
)

# Models with a foreign key to the user that are deliberately left out of the archive.
# They are still deleted with the account (CASCADE). Each needs a reason.
NOT_EXPORTED: dict[str, str] = {
    "accounts.apitoken": "credentials, not content: a restored token would be a leaked one",
    "admin.logentry": "the operator's admin history, not the person's data",
}

_extra: list[Section] = []


def register(section: Section) -> None:
    """Add a section from outside BUILTIN (call it from an AppConfig.ready())."""
    if any(known.name == section.name for known in registry()):
        raise ValueError(f"a section called {section.name!r} is already registered")
    _extra.append(section)


def registry() -> list[Section]:
    """Every section, in restore order."""
    builtin = [importlib.import_module(path).SECTION for path in BUILTIN]
    return [*builtin, *_extra]


def by_name() -> dict[str, Section]:
    return {section.name: section for section in registry()}
