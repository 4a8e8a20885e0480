"""Forms of the partner pages. They parse what was typed; the rules live in
heartwork.couples.services, whose errors the views tie to the field at fault."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.couples.exercises import SharedExercise
from heartwork.couples.models import ANSWER_MAX_CHARS, CONFIRM, NOTE_MAX_CHARS, QUESTION


class AcceptForm(forms.Form):
    code = forms.CharField(
        label=_("Invite code"),
        help_text=_("The code your partner gave you, like ABCD-EFGH-JKMN-PQRS."),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Type the invite code.")},
    )


class AnswerForm(forms.Form):
    """One text box per question of the exercise."""

    def __init__(self, exercise: SharedExercise, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in exercise.questions:
            self.fields[question.id] = forms.CharField(
                label=str(question.text),
                required=False,
                max_length=ANSWER_MAX_CHARS,
                widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
            )


class ConfirmForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("What you saw"),
        choices=[
            (CONFIRM, _("Yes, I noticed this")),
            (QUESTION, _("I saw it differently")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the two."),
            "invalid_choice": _("Choose one of the two."),
        },
    )
    note = forms.CharField(
        label=_("A short note (optional)"),
        help_text=_("Kind and specific. Your partner will read it."),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
    )
