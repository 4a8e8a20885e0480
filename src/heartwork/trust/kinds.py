"""The words for each kind of ledger entry and each follow-through, in one place.

The ids are the API's contract (heartwork.trust.models); these are what people read.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heartwork.trust.models import DEPOSIT, KEPT, NOT_KEPT, OPEN, WITHDRAWAL

KIND_WORDS: dict[str, dict[str, Promise]] = {
    DEPOSIT: {
        "kept_word": _("I kept my word"),
        "took_responsibility": _("I owned something without being asked"),
        "stayed_calm": _("I stayed calm when it was hard"),
        "was_present": _("I was really there, with my full attention"),
        "own_words": _("Something else (in my own words)"),
    },
    WITHDRAWAL: {
        "broke_promise": _("I broke a promise"),
        "old_behaviour": _("An old habit came back"),
        "made_excuses": _("I made excuses or blamed them"),
        "own_words": _("Something else (in my own words)"),
    },
}

DIRECTION_WORDS: dict[str, Promise] = {
    DEPOSIT: _("Deposit: something that adds to trust"),
    WITHDRAWAL: _("Withdrawal: something that takes from it"),
}

STATUS_WORDS: dict[str, Promise] = {
    OPEN: _("Still open"),
    KEPT: _("Kept"),
    NOT_KEPT: _("Not kept"),
}


def kind_words(direction: str, kind: str) -> str:
    """The words for a kind; its id if it is no longer offered (old rows stay readable)."""
    return str(KIND_WORDS.get(direction, {}).get(kind, kind))
