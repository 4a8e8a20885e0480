"""The words shown with each step of the mood scale and with the streak rule.

Kept apart from the pure rules (heartwork.checkin.rules) because these are translated.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MOOD_WORDS: dict[int, Promise] = {
    1: _("Very low"),
    2: _("Low"),
    3: _("Okay"),
    4: _("Good"),
    5: _("Very good"),
}

STREAK_RULE = _(
    "One missed day in any seven does not break your run. Two missed days in a row, or two "
    "within a week, start a new one."
)


def mood_word(mood: int) -> str:
    word = MOOD_WORDS.get(mood)
    return str(word) if word is not None else str(mood)
