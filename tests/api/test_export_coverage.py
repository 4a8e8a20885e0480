"""Every model that holds someone's rows is in an export section (heartwork.privacy.sections),
or listed as deliberately left out with a reason. A new app with a foreign key to the user
fails here until it registers a section: that is how export and delete stay complete."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models

from heartwork.privacy.rows import covered_models
from heartwork.privacy.sections import NOT_EXPORTED, registry


def _owned_models() -> set[str]:
    """Models with a foreign key to the user, or to a model that has one, and so on."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    owned: set[type[models.Model]] = set()
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in owned or model is user_model:
                continue
            targets = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and (field.many_to_one or field.one_to_one)
            }
            if user_model in targets or targets & owned:
                owned.add(model)
                changed = True
    return {model._meta.label_lower for model in owned}


def test_every_model_holding_a_persons_rows_is_exported_or_left_out_with_a_reason() -> None:
    missing = _owned_models() - covered_models(registry()) - set(NOT_EXPORTED)
    assert sorted(missing) == [], "add these to a section in heartwork.privacy.sections"


def test_the_left_out_list_names_only_models_that_exist() -> None:
    known = {model._meta.label_lower for model in apps.get_models()}
    assert sorted(set(NOT_EXPORTED) - known) == []


def test_nothing_is_both_exported_and_left_out() -> None:
    assert covered_models(registry()) & set(NOT_EXPORTED) == set()


def test_section_names_are_unique_and_safe_as_file_names() -> None:
    names = [section.name for section in registry()]
    assert len(names) == len(set(names))
    assert all(name.replace("_", "").isalnum() and name.islower() for name in names)


def test_the_account_section_comes_first_and_partners_before_what_points_at_them() -> None:
    names = [section.name for section in registry()]
    assert names[0] == "account"
    for later in ("safety", "program", "trust", "rituals"):
        assert names.index("partners") < names.index(later)
