"""Today's check-in as a form: only the mood is needed, every other answer is optional."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.checkin.rules import (
    MINUTES_MAX,
    MOOD_MAX,
    MOOD_MIN,
    NOTE_MAX_CHARS,
    SLEEP_MAX,
    SLEEP_MIN,
    SLEEP_STEP,
    Answers,
)
from heartwork.checkin.words import MOOD_WORDS

YES, NO = "yes", "no"
YES_NO = ((YES, _("Yes")), (NO, _("No")))

SLEEP_HOURS = _("Give the hours as a number, such as 7 or 7.5.")
# MINUTES_MAX is a day: 1440 minutes.
MINUTES = _("Give whole minutes, from 0 to 1440.")


def _yes_no(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


class CheckinForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How is your mood today?"),
        choices=[(n, f"{n} · {MOOD_WORDS[n]}") for n in range(MOOD_MIN, MOOD_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how your mood is today, from 1 to 5."),
            "invalid_choice": _("Choose how your mood is today, from 1 to 5."),
        },
    )
    sleep_hours = forms.DecimalField(
        label=_("Hours of sleep last night (optional)"),
        help_text=_("Halves are fine: 6.5 means six and a half hours."),
        required=False,
        min_value=Decimal(str(SLEEP_MIN)),
        max_value=Decimal(str(SLEEP_MAX)),
        step_size=Decimal(str(SLEEP_STEP)),
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": SLEEP_HOURS,
            "min_value": _("Give a number of hours from 0 to 24."),
            "max_value": _("Give a number of hours from 0 to 24."),
            "step_size": _("Round to the nearest half hour, such as 7 or 7.5."),
        },
    )
    moved = forms.TypedChoiceField(
        label=_("Did you move your body today? (optional)"),
        help_text=_("A walk, a stretch, dancing in the kitchen: it all counts."),
        choices=YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    movement_minutes = forms.IntegerField(
        label=_("For how many minutes? (optional)"),
        required=False,
        min_value=0,
        max_value=MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": MINUTES, "min_value": MINUTES, "max_value": MINUTES},
    )
    talked_to_support = forms.TypedChoiceField(
        label=_("Did you talk to someone who supports you? (optional)"),
        help_text=_(
            "A friend, family, a therapist, a help line: in person, on the phone or by text."
        ),
        choices=YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("One line about today (optional)"),
        help_text=_("Only you can read it."),
        required=False,
        max_length=NOTE_MAX_CHARS,
        # Browsers offer what was typed into text boxes to the next person at this computer.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        moved, minutes = cleaned.get("moved"), cleaned.get("movement_minutes")
        if moved is False and minutes:
            self.add_error(
                "movement_minutes",
                _("You said you did not move today. Leave the minutes empty, or choose yes."),
            )
        elif moved is True and minutes == 0:
            self.add_error("movement_minutes", _("Give the minutes you moved, or leave it empty."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """The answers as heartwork.checkin.rules.clean takes them."""
        data = self.cleaned_data
        sleep = data.get("sleep_hours")
        return {
            "mood": data["mood"],
            "sleep_hours": float(sleep) if sleep is not None else None,
            "moved": data.get("moved"),
            "movement_minutes": data.get("movement_minutes"),
            "talked_to_support": data.get("talked_to_support"),
            "note": data.get("note") or "",
        }


def initial_of(answers: Answers | None) -> dict[str, Any]:
    """Today's saved answers, to edit them."""
    if answers is None:
        return {}
    names = {True: YES, False: NO, None: ""}
    sleep = answers.sleep_hours
    return {
        "mood": answers.mood,
        "sleep_hours": f"{sleep:g}" if sleep is not None else None,
        "moved": names[answers.moved],
        "movement_minutes": answers.movement_minutes,
        "talked_to_support": names[answers.talked_to_support],
        "note": answers.note,
    }
