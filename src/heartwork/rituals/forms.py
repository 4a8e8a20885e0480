"""Forms of the rituals pages. They parse what was typed; the rules (no future day,
minutes from 1 to 1440, ...) live in heartwork.rituals.services, whose errors the views
tie to the field at fault, so the pages and the API always say the same thing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.rituals.models import NAME_MAX_CHARS, REFLECTION_MAX_CHARS, WHAT_MAX_CHARS

CADENCE_CHOICES = [("daily", _("Every day")), ("weekly", _("Once a week"))]
DATE_ERRORS = {
    "required": _("Pick the day."),
    "invalid": _("Enter a date like 2025-03-31."),
}


def date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class RitualForm(forms.Form):
    name = forms.CharField(
        label=_("The ritual"),
        help_text=_("Small and easy to keep. For example: tea together after work."),
        max_length=NAME_MAX_CHARS,
        # Browsers offer what was typed before to the next person: not here.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Write a few words here.")},
    )
    cadence = forms.ChoiceField(
        label=_("How often?"),
        choices=CADENCE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose daily or weekly."),
            "invalid_choice": _("Choose daily or weekly."),
        },
    )


class DoneForm(forms.Form):
    ritual = forms.UUIDField()
    # Left out: today. Sent by the "not done after all" button to take a day back out.
    day = forms.DateField(required=False)
    undo = forms.BooleanField(required=False)


class TimeForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("How many minutes?"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Give the minutes as a whole number."),
            "invalid": _("Give the minutes as a whole number."),
        },
    )
    what = forms.CharField(
        label=_("What did you do? (optional)"),
        help_text=_("A walk, a meal, a long talk. Only you can read this."),
        required=False,
        max_length=WHAT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    day = forms.DateField(label=_("Which day?"), widget=date_input(), error_messages=DATE_ERRORS)

    def __init__(self, today: date, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"day": today})
        super().__init__(*args, **kwargs)


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("What drew you together?"),
        help_text=_(
            "What did you first like about them? When did you feel really close, and what were "
            "you doing? Which of those things are still true today?"
        ),
        max_length=REFLECTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write a few words here.")},
    )
