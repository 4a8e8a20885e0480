"""Reads for export and import. Like every selector, each takes the acting user."""

from __future__ import annotations

from typing import Any

from heartwork.accounts.models import User
from heartwork.privacy.sections import registry


def sections_of(user: User) -> dict[str, Any]:
    """Everything ``user`` owns, section by section, text decrypted."""
    return {section.name: section.export(user) for section in registry()}


def owns_rows(user: User) -> bool:
    """Whether any section holds a row of ``user``'s (the account row itself aside)."""
    for section in registry():
        for model in section.models:
            if model is User:
                continue
            for field in model._meta.concrete_fields:
                if (
                    field.is_relation
                    and field.related_model is User
                    and model._default_manager.filter(**{field.name: user}).exists()
                ):
                    return True
    return False
