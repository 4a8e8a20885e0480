from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS
from heartwork.journal.search import QUERY_MAX_CHARS
from heartwork.journal.selectors import stage_titles


def _stage_choices(blank: str) -> list[tuple[str, str]]:
    # Stage titles live in the content files; translated where catalogs have them.
    return [("", blank), *((sid, gettext(title)) for sid, title in stage_titles().items())]


class EntryForm(forms.Form):
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=TITLE_MAX_CHARS,
        required=False,
        # Browsers remember what was typed into text inputs and offer it later, to
        # anyone using the same browser; a journal title must not be offered.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("What is on your mind?"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write something before saving.")},
    )
    stage = forms.ChoiceField(
        label=_("Part of the program (optional)"),
        help_text=_("Tag the entry with the stage it is about, to find it again later."),
        required=False,
        error_messages={"invalid_choice": _("Choose a stage from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _stage_choices(gettext("None"))


class SearchForm(forms.Form):
    """Words to find in one's own entries, and a stage to look in; both optional."""

    q = forms.CharField(
        label=_("Find entries with these words"),
        max_length=QUERY_MAX_CHARS,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        # QUERY_MAX_CHARS is 200.
        error_messages={"max_length": _("Use at most 200 characters.")},
    )
    stage = forms.ChoiceField(
        label=_("In this part of the program"),
        required=False,
        error_messages={"invalid_choice": _("Choose a stage from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _stage_choices(gettext("Any"))

    @property
    def searching(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in ("q", "stage"))
