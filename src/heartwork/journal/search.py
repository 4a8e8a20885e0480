"""Matching journal entries against search words. Pure Python: no Django import.

Entries are encrypted, so the database cannot search them: the selector decrypts the
person's own entries one batch at a time, in memory, and asks ``matches`` about each
(heartwork.journal.selectors.search_entries). Nothing here keeps what it is given.

A search is a few words; an entry matches when every word appears in its title or body,
ignoring capitals and accents ("cafe" finds "Café"), anywhere in a word ("walk" finds
"walked").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

QUERY_MAX_CHARS = 200
MAX_TERMS = 10


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Text as search compares it: no accents, no capitals (casefold: "ß" is "ss")."""
    # Again after casefold: folding can bring back letters with accents to take off.
    return _bare(_bare(text).casefold())


def terms_of(query: str) -> tuple[str, ...]:
    """The distinct words of a search, folded, in the order typed (at most MAX_TERMS)."""
    seen: list[str] = []
    for word in fold(query[:QUERY_MAX_CHARS]).split():
        if word not in seen:
            seen.append(word)
    return tuple(seen[:MAX_TERMS])


def matches(terms: Sequence[str], *texts: str) -> bool:
    """Whether every term appears in at least one of the texts. No terms match nothing."""
    if not terms:
        return False
    folded = [fold(text) for text in texts]
    return all(any(term in text for text in folded) for term in terms)
