"""Forms for the safety check pages: naming a partner, and answering one screen.

A screen is asked in up to two rounds. The first shows its first items; when the
answers call for follow-ups (a yes or "not sure" on a trigger), the same page comes
back with the first answers kept and the follow-ups added. The page lists the
follow-ups it showed in hidden ``shown`` inputs, so a follow-up left blank after it
was shown is an error, while one the person has not seen yet is simply asked.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heartwork.partners.models import NAME_MAX_CHARS
from heartwork.safety.screens import ANSWERS, Item, Screen

ANSWER_CHOICES = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unsure", _("Not sure")),
)


class PartnerForm(forms.Form):
    name = forms.CharField(
        label=_("What do you call them?"),
        help_text=_("A first name, a nickname or just an initial. Only you will see it."),
        max_length=NAME_MAX_CHARS,
        # Browsers offer what was typed before to anyone using the same browser.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Write a name, a nickname or an initial."),
            "max_length": _("Keep it to %(limit_value)d characters or fewer."),
        },
    )


def _answer_field(item: Item, *, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        # The question texts live in screens.toml; translated where catalogs have them.
        label=gettext(item.text),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        required=required,
        error_messages={
            "required": _("Please choose an answer to this question."),
            "invalid_choice": _("Please choose yes, no or not sure."),
        },
    )


class ScreenForm(forms.Form):
    """One screen's questions as yes / no / not sure radio groups."""

    def __init__(self, screen: Screen, data: QueryDict | None = None) -> None:
        super().__init__(data)
        self.screen = screen
        posted = data if data is not None else QueryDict()
        given = {item.id: posted.get(item.id) for item in screen.first_items}
        self.follow_ups = screen.follow_ups(
            {key: value for key, value in given.items() if value in ANSWERS}
        )
        shown = set(posted.getlist("shown"))
        # Called for, but neither shown nor answered yet: ask them, without an error.
        self.new_follow_ups = tuple(
            item
            for item in self.follow_ups
            if item.id not in shown and posted.get(item.id) not in ANSWERS
        )
        for item in screen.first_items:
            self.fields[item.id] = _answer_field(item, required=True)
        for item in self.follow_ups:
            self.fields[item.id] = _answer_field(item, required=item not in self.new_follow_ups)

    @property
    def first_fields(self) -> list[forms.BoundField]:
        return [self[item.id] for item in self.screen.first_items]

    @property
    def follow_up_fields(self) -> list[forms.BoundField]:
        return [self[item.id] for item in self.follow_ups]

    @property
    def complete(self) -> bool:
        """Every question answered, follow-ups included: ready to record."""
        return self.is_valid() and not self.new_follow_ups

    def answers(self) -> dict[str, str]:
        """The answers to record: the first items and the follow-ups they called for."""
        return {
            name: str(value)
            for name, value in self.cleaned_data.items()
            if name in self.fields and value in ANSWERS
        }
