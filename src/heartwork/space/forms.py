"""The forms of the space pages. They check types and shape; the services check the rest
(future dates, ranges, lengths) and name the field, which the views put on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heartwork.space.models import (
    HOW_LABELS,
    INSTEAD_MAX_CHARS,
    LEARNED_MAX_CHARS,
    LETTER_MAX_CHARS,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGER_MAX_CHARS,
)

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
NO_END = "none"
# Lengths offered for a cool-down, in days; another saved through the API is offered too.
LENGTHS = {
    14: _("Two weeks"),
    21: _("Three weeks"),
    30: _("One month"),
    42: _("Six weeks"),
    60: _("Two months"),
    90: _("Three months"),
}


def _length(value: str) -> int | None:
    return None if value == NO_END else int(value)


def _moment_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=_("Leave it empty for right now."),
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )


def _text_field(label: Any, limit: int, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=limit,
        # Browsers offer typed text again later, to anyone using the same browser.
        widget=forms.Textarea(attrs={"rows": rows, "autocomplete": "off"}),
    )


def _strength_label(n: int) -> Any:
    """The two ends carry their words ("1 · A small pull"), the middle just the number."""
    if n == STRENGTH_MIN:
        return format_lazy("{} · {}", n, _("A small pull"))
    if n == STRENGTH_MAX:
        return format_lazy("{} · {}", n, _("Very hard to resist"))
    return str(n)


class PlanForm(forms.Form):
    started_on = forms.DateField(
        label=_("When does your cool-down start?"),
        help_text=_("Today, or a day that has passed."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    planned_days = forms.TypedChoiceField(
        label=_("How long will it last?"),
        coerce=_length,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pick a length, or no end date.")},
    )
    last_contact_on = forms.DateField(
        label=_("When were you last in touch with them?"),
        help_text=_("A rough date is fine. Your days of space count from here."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, current: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lengths: dict[int, Any] = dict(LENGTHS)
        if current is not None and current not in lengths:
            lengths[current] = _("%(days)d days") % {"days": current}
        field = self.fields["planned_days"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            *((str(days), label) for days, label in sorted(lengths.items())),
            (NO_END, _("No end date (for example, when they asked for no contact)")),
        ]


class UrgeForm(forms.Form):
    at = _moment_field(_("When was it?"))
    strength = forms.TypedChoiceField(
        label=_("How strong was the urge?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(n, _strength_label(n)) for n in range(STRENGTH_MIN, STRENGTH_MAX + 1)],
        error_messages={
            "required": _("Pick a number from 1 to 10."),
            "invalid_choice": _("Pick a number from 1 to 10."),
        },
    )
    trigger = _text_field(
        _("What set it off? (optional)"),
        TRIGGER_MAX_CHARS,
        _("A song, a photo, a quiet evening, a drink, some news."),
    )
    instead = _text_field(
        _("What did you do instead? (optional)"),
        INSTEAD_MAX_CHARS,
        _("Called a friend, went for a walk, waited for it to pass."),
    )


class SlipForm(forms.Form):
    at = _moment_field(_("When was it?"))
    how = forms.ChoiceField(
        label=_("How were you in touch?"),
        choices=list(HOW_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pick one of the choices."),
            "invalid_choice": _("Pick one of the choices."),
        },
    )
    learned = _text_field(
        _("What happened, and what might help next time? (optional)"),
        LEARNED_MAX_CHARS,
        _("A slip does not wipe out the days you kept. Your total keeps every one of them."),
        rows=5,
    )


class LetterForm(forms.Form):
    body = forms.CharField(
        label=_("Write to them here. Say it all. It stays with you."),
        help_text=_("Heartwork never sends this letter. Only you can read it."),
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "autocomplete": "off"}),
        error_messages={"required": _("Write something first.")},
    )
