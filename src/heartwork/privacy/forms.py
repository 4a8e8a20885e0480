from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def confirmation_phrase() -> str:
    # Typed by hand, in the person's language: a slip of the thumb cannot delete anything.
    return _("delete everything")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type the words shown above"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if " ".join(value.split()).casefold() != confirmation_phrase().casefold():
            raise forms.ValidationError(
                _("Type “%(phrase)s” to delete your account.") % {"phrase": confirmation_phrase()}
            )
        return value

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].help_text = _("The words: %(phrase)s") % {
            "phrase": confirmation_phrase()
        }
