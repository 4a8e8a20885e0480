from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS


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
