"""The reminder page's forms. Times are local wall times, in the person's own time zone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TimeForm(forms.Form):
    """A daily time; left empty, the reminder is turned off."""

    at = forms.TimeField(label=_("Time"), required=False, widget=_TIME)


class RitualTimeForm(TimeForm):
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=[("", "—"), *WEEKDAYS], coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, cadence: str = "weekly", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if cadence != "weekly":  # a daily ritual has no day to choose
            del self.fields["weekday"]


class PreferencesForm(forms.Form):
    quiet_start = forms.TimeField(label=_("Quiet from"), widget=_TIME)
    quiet_end = forms.TimeField(label=_("Quiet until"), widget=_TIME)
    email = forms.BooleanField(label=_("Also send me an email"), required=False)

    def __init__(self, *args: Any, email_available: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not email_available:  # nothing to turn on: this server sends no email
            del self.fields["email"]
