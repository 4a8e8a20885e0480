"""Forms of the agreements pages. They parse what was typed; the rules live in
heartwork.agreements.services, whose errors the views tie to the field at fault, so the
pages and the API always say the same thing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.agreements.models import TEXT_MAX_CHARS

TEXT_ERRORS = {
    "required": _("Write a few words here."),
    "max_length": _("Keep it under %(limit_value)d characters."),
}


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("My side"),
        help_text=_("Only you can read this. Bring it to the talk with your partner."),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=TEXT_ERRORS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Two forms with a "text" field share the section page: keep their ids apart.
        kwargs.setdefault("auto_id", "draft_%s")
        super().__init__(*args, **kwargs)


class ProposalForm(forms.Form):
    text = forms.CharField(
        label=_("What we agree"),
        help_text=_("Your partner reads this and can accept it, or propose other words."),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=TEXT_ERRORS,
    )
    # The newest version the text was written on; empty for a section with none yet.
    based_on = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "proposal_%s")
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    version = forms.UUIDField()
    action = forms.ChoiceField(choices=[("accept", "accept"), ("withdraw", "withdraw")])


class ReviewForm(forms.Form):
    review_on = forms.DateField(
        label=_("Review day"),
        help_text=_("A day to read the agreement again together. You both get a reminder."),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2025-03-31.")},
    )
    clear = forms.BooleanField(required=False)
