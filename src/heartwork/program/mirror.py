"""A translation mirrors the English content: same ids, conditions, numbers and order, with
only the text fields in another language.

Pure Python. Which fields are text is read from the schema itself (every field typed
``schema.Text``, alone, optional or in a list), so a new text field is translatable the day
it is added, and a new structural field must match the English at once.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_args, get_type_hints

from pydantic import BaseModel

from heartwork.languages import SAME_WORDS_ALLOWED
from heartwork.program import schema
from heartwork.program.checks import Loc, Source


def _mentions_text(hint: Any) -> bool:
    return bool(hint == schema.Text or any(_mentions_text(arg) for arg in get_args(hint)))


@cache
def text_fields(model: type[BaseModel]) -> frozenset[str]:
    """The attribute names of ``model`` that hold words for people to read."""
    hints = get_type_hints(model, include_extras=True)
    return frozenset(name for name in model.model_fields if _mentions_text(hints.get(name)))


def text_keys() -> frozenset[str]:
    """Every YAML key that holds text, in any model of the content schema (for docs, tests)."""
    found: set[str] = set()
    for model in _models(schema.Stage) | _models(schema.Questionnaire):
        for name in text_fields(model):
            found.add(model.model_fields[name].alias or name)
    return frozenset(found)


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    seen = {model}
    for hint in get_type_hints(model).values():
        for inner in _nested(hint):
            seen |= _models(inner)
    return seen


def _nested(hint: Any) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [found for arg in get_args(hint) for found in _nested(arg)]


def check_mirror(english: BaseModel, translated: BaseModel, src: Source, loc: Loc = ()) -> None:
    """Report at its line in ``src`` (the translation) each place it differs from the English
    other than in text, and each text left empty where the English has one, or left in English."""
    model = type(english)
    texts = text_fields(model)
    for name, info in model.model_fields.items():
        key = info.alias or name
        theirs, ours = getattr(english, name), getattr(translated, name)
        where = (*loc, key)
        if name in texts:
            _check_text(theirs, ours, where, src)
        elif isinstance(theirs, BaseModel) and isinstance(ours, BaseModel):
            check_mirror(theirs, ours, src, where)
        elif _models_list(theirs) and isinstance(ours, list) and len(ours) == len(theirs):
            for i, (a, b) in enumerate(zip(theirs, ours, strict=True)):
                check_mirror(a, b, src, (*where, i))
        elif _models_list(theirs) or (isinstance(ours, list) and ours and _models_list(ours)):
            src.report(where, f"{key}: {_count(theirs)} in English, {_count(ours)} here")
        elif theirs != ours:
            src.report(where, f"{key}: must be the same as in English ({_shown(theirs)})")


def _models_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], BaseModel)


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _shown(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "see the English file"
    return "none" if value is None or value == [] else repr(value)


def _check_text(theirs: Any, ours: Any, where: Loc, src: Source) -> None:
    key = str(where[-1])
    if isinstance(theirs, list):
        if not isinstance(ours, list) or len(ours) != len(theirs):
            src.report(where, f"{key}: {_count(theirs)} in English, {_count(ours)} here")
            return
        for i, (a, b) in enumerate(zip(theirs, ours, strict=True)):
            _check_text(a, b, (*where, i), src)
        return
    if theirs is None and ours is not None:
        src.report(where, f"{key}: the English has no {key} here")
    elif theirs is not None and ours is None:
        src.report(where, f"{key}: translate this text too (the English has one)")
    elif (
        isinstance(theirs, str)
        and theirs.strip() == str(ours).strip()
        and len(theirs.split()) > SAME_WORDS_ALLOWED
    ):
        src.report(where, f"{key}: not translated (the same as the English)")
