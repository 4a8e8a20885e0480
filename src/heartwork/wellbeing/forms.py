"""The form for one check: each question a group of radio buttons from 1 to 5."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heartwork.wellbeing.questions import Check, Item


def _choices(item: Item, scale: range) -> list[tuple[int, str]]:
    """The two ends carry their words ("1 · Very unhappy"), the middle just the number."""
    ends = {scale[0]: gettext(item.low), scale[-1]: gettext(item.high)}
    return [(n, f"{n} · {ends[n]}" if n in ends else str(n)) for n in scale]


@dataclass(frozen=True)
class Question:
    item: Item
    field: forms.BoundField


class TakeForm(forms.Form):
    def __init__(self, check: Check, scale: range, data: QueryDict | None = None) -> None:
        super().__init__(data)
        self.check = check
        message = _("Choose a number from %(low)d to %(high)d.") % {
            "low": scale[0],
            "high": scale[-1],
        }
        for item in check.items:
            self.fields[item.id] = forms.TypedChoiceField(
                # The question texts live in checks.toml; translated where catalogs have them.
                label=gettext(item.text),
                choices=_choices(item, scale),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )

    @property
    def questions(self) -> list[Question]:
        return [Question(item, self[item.id]) for item in self.check.items]

    def answers(self) -> dict[str, int]:
        return {item.id: int(self.cleaned_data[item.id]) for item in self.check.items}
