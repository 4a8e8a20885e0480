"""Load and check the program's content: ``content/stages/<stage_id>.yaml``, one per stage,
and ``content/onboarding.yaml``, the situation questions asked at the start. Each other
language (heartwork.languages.TRANSLATED) has the same files under ``content/<code>/``: the
same structure with only the text translated (heartwork.program.mirror).

Pure Python (PyYAML + pydantic, no Django), so ``heartwork content check`` and the tests run
anywhere. Every problem is reported as ``path:line: reason``: YAML is composed into nodes
first, and each value's line is kept beside it, for pydantic's errors and for the checks in
heartwork.program.checks. A file is all right or the whole program is refused: the app never
runs half a stage.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from heartwork import languages
from heartwork.program.checks import (
    ContentError,
    Loc,
    Source,
    check_questionnaire,
    check_references,
    check_stage,
)
from heartwork.program.mirror import check_mirror
from heartwork.program.schema import ONBOARDING, STAGE_IDS, Exercise, Questionnaire, Stage

__all__ = ["ContentError", "ContentInvalid", "Program", "check_dir", "default_dir", "program"]

# Installed from a wheel, the content ships inside the package (pyproject.toml,
# force-include); in a checkout it is the repository root's content/.
PACKAGED_DIR = Path(__file__).resolve().parents[1] / "content"
CHECKOUT_DIR = Path(__file__).resolve().parents[3] / "content"
CONTENT_DIR = PACKAGED_DIR if PACKAGED_DIR.is_dir() else CHECKOUT_DIR
ONBOARDING_FILE = "onboarding.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
logger = logging.getLogger(__name__)
_TAG = "tag:yaml.org,2002:"
# YAML 1.1 reads yes/no/on/off as booleans; content means the words (an option called "no").
_BOOLEAN_WORDS = frozenset({"true", "false"})
M = TypeVar("M", Stage, Questionnaire)


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class Program:
    """The checked content: stages in the program's order (only those with a file), and the
    situation questions asked at the start (None when the folder has no onboarding.yaml)."""

    stages: dict[str, Stage]
    onboarding: Exercise | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """Public stage ids with no content file yet."""
        return tuple(stage_id for stage_id in STAGE_IDS if stage_id not in self.stages)

    def exercises(self) -> Iterator[tuple[Stage, Exercise]]:
        for stage in self.stages.values():
            for exercise in stage.exercises:
                yield stage, exercise

    def exercise(self, stage_id: str, exercise_id: str) -> Exercise | None:
        """A stage's exercise, or the onboarding questions as ``onboarding.situation``."""
        if stage_id == ONBOARDING:
            found = self.onboarding
            return found if found is not None and found.id == exercise_id else None
        stage = self.stages.get(stage_id)
        return stage.exercise(exercise_id) if stage else None


def default_dir() -> Path:
    return CONTENT_DIR


# -- YAML with lines -----------------------------------------------------------------


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag.removeprefix(_TAG)
    if tag == "bool":
        value = str(node.value)
        return value.lower() == "true" if value.lower() in _BOOLEAN_WORDS else value
    if tag in ("str", "timestamp"):
        return str(node.value)  # a date stays as written
    if tag in ("int", "float", "null"):
        return SafeConstructor().construct_object(node)
    raise _Unreadable(_line(node), f"unsupported YAML tag {node.tag!r}")


def _plain(node: Node, loc: Loc, lines: dict[Loc, int]) -> Any:
    """Python values from a node, recording the line each one starts on under its path."""
    lines[loc] = _line(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_plain(item, (*loc, i), lines) for i, item in enumerate(node.value)]
    if not isinstance(node, MappingNode):  # pragma: no cover - compose makes only these three
        raise _Unreadable(_line(node), "unexpected YAML node")
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == f"{_TAG}merge":
            raise _Unreadable(_line(key_node), "YAML merge keys (<<) are not supported")
        if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_TAG}str":
            raise _Unreadable(_line(key_node), "every key is a plain word")
        key = str(key_node.value)
        if key in mapping:
            raise _Unreadable(_line(key_node), f"the key {key!r} appears twice")
        mapping[key] = _plain(value_node, (*loc, key), lines)
    return mapping


def _read(path: Path) -> tuple[Any, dict[Loc, int]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unreadable(data[: exc.start].count(b"\n") + 1, "not UTF-8 text") from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise _Unreadable(line, f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise _Unreadable(1, f"not valid YAML: {exc}") from None
    if node is None:
        raise _Unreadable(1, "the file is empty")
    lines: dict[Loc, int] = {}
    return _plain(node, (), lines), lines


# -- shape ---------------------------------------------------------------------------


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if part != "[key]":  # pydantic's marker for a bad dict key: the key is named already
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def _reason(error: Any) -> str:
    where = _where(tuple(error["loc"]))
    kind = error["type"]
    if kind == "missing":
        return f"{where}: this field is required"
    if kind == "extra_forbidden":
        return f"{where}: not a field here (see docs/program.md)"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"].startswith("^"):
        return f"{where}: an id is lowercase letters, digits and _, starting with a letter"
    if kind == "string_pattern_mismatch":
        return f"{where}: write some text here"
    return f"{where}: {error['msg']}"


def _validated(path: Path, model: type[M], what: str) -> tuple[M | None, Source]:
    """One file's shape, checked by pydantic; every error at its line."""
    try:
        raw, lines = _read(path)
    except _Unreadable as exc:
        return None, Source(path, {}, [ContentError(path, exc.line, exc.reason)])
    src = Source(path, lines)
    if not isinstance(raw, dict):
        src.report((), f"{what} is a mapping of fields (see docs/program.md)")
        return None, src
    if raw.get("schema_version") not in (None, 1):
        src.report(("schema_version",), "this Heartwork reads schema_version 1")
        return None, src
    try:
        found = model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            src.report(tuple(error["loc"]), _reason(error))
        return None, src
    return found, src


def _stage(path: Path) -> tuple[Stage | None, Source]:
    stage, src = _validated(path, Stage, "a stage file")
    if stage is not None:
        check_stage(stage, src)
    return stage, src


def _onboarding(directory: Path) -> tuple[Questionnaire | None, Source | None]:
    """content/onboarding.yaml, when the folder has one."""
    path = directory / ONBOARDING_FILE
    if not path.is_file():
        return None, None
    questions, src = _validated(path, Questionnaire, "the onboarding file")
    if questions is not None:
        # Like a stage: once its shape is right it takes part in the reference checks.
        check_questionnaire(questions, src)
    return questions, src


def check_dir(
    directory: Path, translations: Iterable[str] = ()
) -> tuple[Program | None, list[ContentError]]:
    """Every stage file in ``directory/stages`` and ``directory/onboarding.yaml``: the
    program, or the sorted list of errors.

    ``translations``: the languages whose folder (``directory/<code>``) must mirror it, file
    by file (``heartwork content check`` names every one in heartwork.languages.TRANSLATED).
    A translation is checked only once the English is right: it is measured against it.
    """
    english, errors = _check_english(directory)
    if english is None:
        return None, errors
    for code in translations:
        _, problems = check_translation(directory, code, english)
        errors += problems
    if errors:
        return None, sorted(errors)
    return english, []


def _check_english(directory: Path) -> tuple[Program | None, list[ContentError]]:
    stages_dir = directory / "stages"
    if not stages_dir.is_dir():
        raise FileNotFoundError(f"no stages folder in {directory}")
    sources: list[Source] = []
    loaded: dict[str, tuple[Stage, Source]] = {}
    for path in sorted(stages_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".yaml":
            sources.append(Source(path, {}, [ContentError(path, 1, "stage files end in .yaml")]))
            continue
        stage, src = _stage(path)
        sources.append(src)
        if stage is None:
            continue
        # Filed under its file name when that is a stage id, so a typo in `id` is reported
        # once, not again at every reference to the stage.
        key = path.stem if path.stem in STAGE_IDS else stage.id
        if key in loaded:
            src.report(("id",), f"{loaded[key][1].path.name} is stage {key} too")
        else:
            loaded[key] = (stage, src)
    onboarding, onboarding_src = _onboarding(directory)
    if onboarding_src is not None:
        sources.append(onboarding_src)
    # Stages whose shape is right take part, so one slip does not hide every reference to them.
    check_references(loaded, onboarding)
    errors = sorted(error for src in sources for error in src.errors)
    if errors:
        return None, errors
    ordered = {sid: loaded[sid][0] for sid in STAGE_IDS if sid in loaded}
    return Program(stages=ordered, onboarding=onboarding), []


# -- translations --------------------------------------------------------------------


@dataclass
class Translation:
    """A language's content files that are right: each stage (and the onboarding questions)
    that validates and mirrors the English; the errors of the rest."""

    stages: dict[str, Stage]
    onboarding: Exercise | None
    errors: list[ContentError]

    def over(self, english: Program) -> Program:
        """The program in this language, a file in English wherever its translation is not
        right yet (the structure is the same, so answers and progress carry across)."""
        stages = {sid: self.stages.get(sid, stage) for sid, stage in english.stages.items()}
        return Program(stages=stages, onboarding=self.onboarding or english.onboarding)


def check_translation(
    directory: Path, code: str, english: Program
) -> tuple[Translation, list[ContentError]]:
    """``directory/<code>``: the same files as the English, each valid by the same schema and
    checks and a mirror of its English file. Missing, extra and mismatched files are errors."""
    root = directory / code
    found = Translation({}, None, [])
    name = languages.NAMES.get(code, code)
    for stage_id, theirs in english.stages.items():
        path = root / "stages" / f"{stage_id}.yaml"
        if not path.is_file():
            found.errors.append(ContentError(path, 1, f"no {name} translation of this stage yet"))
            continue
        ours, src = _stage(path)
        if ours is not None:
            check_mirror(theirs, ours, src)
        found.errors.extend(src.errors)
        if ours is not None and not src.errors:
            found.stages[stage_id] = ours
    extra = root / "stages"
    for path in sorted(extra.glob("*.yaml")) if extra.is_dir() else []:
        if path.stem not in english.stages:
            found.errors.append(ContentError(path, 1, "no English stage file has this name"))
    _translated_onboarding(root, english, found, name)
    return found, sorted(found.errors)


def _translated_onboarding(root: Path, english: Program, found: Translation, name: str) -> None:
    path = root / ONBOARDING_FILE
    if english.onboarding is None:
        if path.is_file():
            found.errors.append(ContentError(path, 1, "the English has no onboarding.yaml"))
        return
    if not path.is_file():
        found.errors.append(ContentError(path, 1, f"no {name} translation of this file yet"))
        return
    questions, src = _onboarding(root)
    assert src is not None
    if questions is not None:
        check_mirror(english.onboarding, questions, src)
    found.errors.extend(src.errors)
    if questions is not None and not src.errors:
        found.onboarding = questions


def load(directory: Path | None = None) -> Program:
    """The checked English program from ``directory`` (the repository's content/ by
    default). Translations are read by :func:`program`, each file apart."""
    found, errors = _check_english(directory or default_dir())
    if found is None:
        raise ContentInvalid(errors)
    return found


@cache
def _english() -> Program:
    return load()


@cache
def _in(code: str) -> Program:
    english = _english()
    if code not in languages.TRANSLATED:
        return english
    translation, errors = check_translation(default_dir(), code, english)
    for error in errors:  # shown in English meanwhile; `heartwork content check` says why
        logger.warning("content translation not used: %s", error)
    return translation.over(english)


def program(language: str | None = None) -> Program:
    """The installed content, read once per process, in ``language`` (by default the one
    active for this request: the person's own). A translated file that is missing or not
    right shows in English (``heartwork content check`` reports it)."""
    return _in(languages.pick(language or languages.active_language()))
