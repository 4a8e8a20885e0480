from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heartwork.coach import KINDS, MAX_CHARS
from heartwork.drafts.models import KIND_LABELS

KIND_FORM_CHOICES = [
    ("auto", _("Not sure: let the coach tell")),
    *((kind, KIND_LABELS[kind]) for kind in KINDS),
]
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class CoachForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        # Kept exactly as written: the coach's spans are offsets into this text.
        strip=False,
        # Browsers offer typed text again later, to anyone using the same browser.
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        error_messages={"required": _("Write your message first.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of message is it?"), choices=KIND_FORM_CHOICES, initial="auto"
    )
    sent_at = forms.DateTimeField(
        label=_("When will you send it? (optional)"),
        help_text=_("Late at night, messages often come out harsher than we mean."),
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    # Set when a saved draft was re-opened: "Save draft" then updates that draft.
    draft = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self) -> str:
        # Browsers send new lines as CR LF; the coach and the highlights count one character.
        text: str = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError(_("Write your message first."), code="required")
        if len(text) > MAX_CHARS:
            raise forms.ValidationError(
                _(
                    "The coach reads messages of up to %(limit)s characters; "
                    "this one has %(count)s."
                ),
                code="max_length",
                params={"limit": f"{MAX_CHARS:,}", "count": f"{len(text):,}"},
            )
        return text

    def clean_sent_at(self) -> datetime | None:
        value: datetime | None = self.cleaned_data["sent_at"]
        # The time on the writer's own clock, as typed: no time zone is implied.
        return value.replace(tzinfo=None) if value is not None else None

    def first_error(self) -> str:
        """The first problem, in field order, for the analysis panel."""
        for name in ("text", "kind", "sent_at", "draft"):
            errors: Any = self.errors.get(name)
            if errors:
                return str(errors[0])
        return ""
