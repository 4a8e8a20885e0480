"""Forms of the trust ledger pages. They only parse what was typed: the rules (no future
day, a note for "own words", ...) live in heartwork.trust.services, whose errors the views
tie to the field at fault, so the page and the API always say the same thing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.trust.kinds import KIND_WORDS
from heartwork.trust.models import COMMITMENT_MAX_CHARS, KEPT, NOT_KEPT, NOTE_MAX_CHARS, OPEN

DATE_INPUT = {"type": "date"}
# Browsers remember what was typed into text inputs and offer it to the next person on the
# same browser: nothing typed here may be offered.
PRIVATE = {"autocomplete": "off"}


def date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs=DATE_INPUT)


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what kind of moment it was."),
            "invalid_choice": _("Choose one of the kinds offered for this entry."),
        },
    )
    day = forms.DateField(
        label=_("Which day?"),
        widget=date_input(),
        error_messages={
            "required": _("Pick the day it happened."),
            "invalid": _("Enter a date like 2025-03-31."),
        },
    )
    note = forms.CharField(
        label=_("A few words"),
        help_text=_(
            "What happened, in your own words. Optional, unless you chose “Something else”. "
            "Only you can read this."
        ),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, direction: str, today: date, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"day": today})
        super().__init__(*args, **kwargs)
        self.direction = direction
        choices = [(kind, words) for kind, words in KIND_WORDS[direction].items()]
        self.fields["kind"].choices = choices  # type: ignore[attr-defined]


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("What will you do, again and again?"),
        help_text=_(
            "Small and clear, so you can keep it every time. For example: I text if I will be late."
        ),
        max_length=COMMITMENT_MAX_CHARS,
        widget=forms.TextInput(attrs=PRIVATE),
        error_messages={"required": _("Write the promise you want to keep.")},
    )
    due = forms.DateField(
        label=_("When will you look back on it?"),
        help_text=_("On this day, ask yourself honestly: did I keep it?"),
        widget=date_input(),
        error_messages={
            "required": _("Pick a day to look back on it."),
            "invalid": _("Enter a date like 2025-03-31."),
        },
    )


class ResolveForm(forms.Form):
    status = forms.ChoiceField(choices=[(KEPT, KEPT), (NOT_KEPT, NOT_KEPT), (OPEN, OPEN)])
