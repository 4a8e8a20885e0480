"""The languages Heartwork speaks: one list for settings.LANGUAGES, the content loader and the
language preference. Pure Python (no Django), so ``heartwork content check`` can read it.

Adding a language: docs/program.md, "Languages".
"""

from __future__ import annotations

import sys
from collections.abc import Callable

# Each language by its own name: a person looking for their language reads it in that language.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("es", "Español"))
DEFAULT = "en"
CODES: tuple[str, ...] = tuple(code for code, _ in LANGUAGES)
# The languages whose content lives in content/<code>/ (English is content/ itself).
TRANSLATED: tuple[str, ...] = tuple(code for code in CODES if code != DEFAULT)
NAMES: dict[str, str] = dict(LANGUAGES)


def pick(code: str | None) -> str:
    """The language Heartwork offers for ``code`` ("es-MX" is es); English when none fits."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in CODES else DEFAULT


def active_language() -> str:
    """The language Django speaks for this request (the person's own); English outside a
    Django process, or before its settings are read (``heartwork content check``).
    Django is never imported here: the pure loaders stay pure."""
    conf = sys.modules.get("django.conf")
    if conf is None or not conf.settings.configured:
        return DEFAULT
    from django.utils.translation import get_language

    return pick(get_language())


# A text as long as this (in words) that is the same as the English was left untranslated;
# a shorter one ("OK", a name) may well read the same in both languages.
SAME_WORDS_ALLOWED = 3


def mirror_errors(english: object, translated: object, text_keys: frozenset[str]) -> list[str]:
    """How plain data (a parsed TOML or YAML file) in another language differs from the
    English beyond the values of ``text_keys``: every other key, list and value must be the
    same; each text must be there, written, and not left in English. [] when it mirrors."""
    errors: list[str] = []
    _walk(english, translated, text_keys, "", False, errors)
    return errors


def file_errors(
    read: Callable[[str], object], stem: str, code: str, text_keys: frozenset[str], what: str
) -> list[str]:
    """How the data file ``<stem>.<code>.toml`` (read by ``read``) differs from
    ``<stem>.toml`` beyond its words, each error naming the file; [] when it mirrors."""
    name = f"{stem}.{code}.toml"
    try:
        translated = read(name)
    except FileNotFoundError:
        return [f"{name}: no translation of {what} yet"]
    return [
        f"{name}: {error}" for error in mirror_errors(read(f"{stem}.toml"), translated, text_keys)
    ]


def _walk(
    theirs: object, ours: object, keys: frozenset[str], where: str, text: bool, errors: list[str]
) -> None:
    here = where or "the file"
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            errors.append(f"{here}: a table, as in English")
            return
        missing, extra = sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))
        if missing or extra:
            errors.append(f"{here}: keys differ from the English: missing {missing}, extra {extra}")
        for key in theirs:
            if key in ours:
                path = f"{where}.{key}" if where else str(key)
                _walk(theirs[key], ours[key], keys, path, key in keys, errors)
    elif isinstance(theirs, list):
        if not isinstance(ours, list) or len(ours) != len(theirs):
            errors.append(f"{here}: {len(theirs)} items in English")
            return
        for i, (a, b) in enumerate(zip(theirs, ours, strict=True)):
            _walk(a, b, keys, f"{where}[{i}]", text, errors)
    elif text and isinstance(theirs, str):
        if not isinstance(ours, str) or not ours.strip():
            errors.append(f"{here}: write the translation here")
        elif ours.strip() == theirs.strip() and len(theirs.split()) > SAME_WORDS_ALLOWED:
            errors.append(f"{here}: not translated (the same as the English)")
    elif theirs != ours:
        errors.append(f"{here}: must be the same as in English ({theirs!r})")
