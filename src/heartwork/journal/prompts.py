"""Journal prompts: optional starting points for an entry, offered by program stage.

They live in ``content/prompts.yaml`` at the root of the repository, beside the program's
stages (docs/trackers.md, "Journal prompts"). Pure Python (PyYAML, no Django): the file
is checked when loaded, every problem reported as ``prompts.yaml: where: reason``, and a
broken file stops the app at start-up (JournalConfig.ready), never at a person's page.

```yaml
schema_version: 1
general:            # offered when no stage fits (before the program starts)
  - id: on_my_mind
    text: What is on my mind right now?
stages:             # a public stage id (heartwork.program.schema.STAGE_IDS) → its prompts
  space:
    - id: urge_now
      text: What do I want to tell them, and what do I need underneath that?
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from heartwork import languages
from heartwork.program.schema import STAGE_IDS

SCHEMA_VERSION = 1
PROMPTS_FILE = "prompts.yaml"
# src/heartwork/journal/prompts.py → the repository root's content/.
CONTENT_DIR = Path(__file__).resolve().parents[3] / "content"
ID = re.compile(r"[a-z][a-z0-9_]{0,47}")
TOP_KEYS = frozenset({"schema_version", "general", "stages"})
PROMPT_KEYS = frozenset({"id", "text"})
# A prompt is a question or a sentence to start from, not a reading.
TEXT_MAX_CHARS = 160
MIN_PER_GROUP, MAX_PER_GROUP = 2, 6
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PromptsInvalid(ValueError):
    """The prompts file is malformed; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    # The stage it belongs to; None for a general prompt.
    stage: str | None


@dataclass(frozen=True)
class Prompts:
    general: tuple[Prompt, ...]
    # In the program's order (STAGE_IDS), only stages with prompts.
    stages: dict[str, tuple[Prompt, ...]]

    def for_stage(self, stage_id: str) -> tuple[Prompt, ...]:
        return self.stages.get(stage_id, ())

    def get(self, prompt_id: str) -> Prompt | None:
        for prompt in (*self.general, *(p for group in self.stages.values() for p in group)):
            if prompt.id == prompt_id:
                return prompt
        return None


class _Check:
    """Collects every problem, so one run of the check shows them all."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.ids: set[str] = set()

    def report(self, where: str, reason: str) -> None:
        self.errors.append(f"{PROMPTS_FILE}: {where}: {reason}")

    def prompt(self, raw: Any, where: str, stage: str | None) -> Prompt | None:
        if not isinstance(raw, Mapping):
            self.report(where, "a prompt is a mapping with an id and a text")
            return None
        unknown = sorted(str(key) for key in raw if key not in PROMPT_KEYS)
        missing = sorted(PROMPT_KEYS - set(raw))
        if unknown or missing:
            parts = [f"unknown {', '.join(unknown)}" if unknown else ""]
            parts.append(f"missing {', '.join(missing)}" if missing else "")
            self.report(where, "; ".join(part for part in parts if part))
            return None
        prompt_id, text = raw["id"], raw["text"]
        ok = True
        if not isinstance(prompt_id, str) or not ID.fullmatch(prompt_id):
            self.report(f"{where}.id", "an id is lowercase letters, digits and _")
            ok = False
        elif prompt_id in self.ids:
            self.report(f"{where}.id", f"{prompt_id!r} is used twice (ids are unique in the file)")
            ok = False
        else:
            self.ids.add(prompt_id)
        if not isinstance(text, str) or not text.strip():
            self.report(f"{where}.text", "write some text here")
            return None
        if "\n" in text.strip() or len(text.strip()) > TEXT_MAX_CHARS:
            self.report(f"{where}.text", f"one line of at most {TEXT_MAX_CHARS} characters")
            ok = False
        return Prompt(id=prompt_id, text=text.strip(), stage=stage) if ok else None

    def group(self, raw: Any, where: str, stage: str | None) -> tuple[Prompt, ...]:
        if not isinstance(raw, list) or not MIN_PER_GROUP <= len(raw) <= MAX_PER_GROUP:
            self.report(where, f"a list of {MIN_PER_GROUP} to {MAX_PER_GROUP} prompts")
            return ()
        found = (self.prompt(item, f"{where}[{i}]", stage) for i, item in enumerate(raw))
        return tuple(prompt for prompt in found if prompt is not None)


def parse(raw: Any) -> Prompts:
    """The prompts from the parsed YAML, every key checked; PromptsInvalid says what is wrong."""
    check = _Check()
    if not isinstance(raw, Mapping):
        raise PromptsInvalid([f"{PROMPTS_FILE}: the file is a mapping (see docs/trackers.md)"])
    if raw.get("schema_version") != SCHEMA_VERSION:
        check.report("schema_version", f"this Heartwork reads schema_version {SCHEMA_VERSION}")
    for key in sorted(str(key) for key in raw if key not in TOP_KEYS):
        check.report(key, "not a field here (schema_version, general, stages)")
    general = check.group(raw.get("general"), "general", None)
    stages_raw = raw.get("stages")
    stages: dict[str, tuple[Prompt, ...]] = {}
    if not isinstance(stages_raw, Mapping) or not stages_raw:
        check.report("stages", "a mapping of stage ids to their prompts")
    else:
        for stage_id in stages_raw:
            if stage_id not in STAGE_IDS:
                check.report(f"stages.{stage_id}", "not a stage id (see docs/program.md)")
        for stage_id in STAGE_IDS:
            if stage_id in stages_raw:
                stages[stage_id] = check.group(stages_raw[stage_id], f"stages.{stage_id}", stage_id)
    if check.errors:
        raise PromptsInvalid(check.errors)
    return Prompts(general=general, stages=stages)


def load(path: Path | None = None) -> Prompts:
    """The checked prompts from ``path`` (content/prompts.yaml by default)."""
    path = path or CONTENT_DIR / PROMPTS_FILE
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (safe)
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptsInvalid([f"{PROMPTS_FILE}: cannot be read: {exc}"]) from None
    except yaml.YAMLError as exc:
        raise PromptsInvalid([f"{PROMPTS_FILE}: not valid YAML: {exc}"]) from None
    return parse(raw)


def _ids(found: Prompts) -> dict[str, list[str]]:
    groups = {"general": [p.id for p in found.general]}
    return groups | {f"stages.{sid}": [p.id for p in group] for sid, group in found.stages.items()}


def mirror_errors(english: Prompts, translated: Prompts) -> list[str]:
    """A translation of the prompts keeps every group and id, in the same order; only each
    prompt's text changes (an entry started from a prompt keeps its id, not its words)."""
    theirs, ours = _ids(english), _ids(translated)
    errors = [
        f"{PROMPTS_FILE}: {group}: the ids must be as in English: {', '.join(ids)}"
        for group, ids in theirs.items()
        if ours.get(group) != ids
    ]
    errors += [
        f"{PROMPTS_FILE}: {group}: not in the English file" for group in ours.keys() - theirs.keys()
    ]
    return errors


def check_translation(code: str, root: Path | None = None) -> list[str]:
    """What is wrong with ``content/<code>/prompts.yaml``: [] when it is a valid mirror."""
    root = root or CONTENT_DIR
    path = root / code / PROMPTS_FILE
    if not path.is_file():
        return [f"{code}/{PROMPTS_FILE}: no translation of the journal prompts yet"]
    try:
        translated = load(path)
    except PromptsInvalid as exc:
        return [f"{code}/{error}" for error in exc.errors]
    return [f"{code}/{error}" for error in mirror_errors(load(root / PROMPTS_FILE), translated)]


@cache
def _prompts_in(code: str) -> Prompts:
    english = load()
    if code == languages.DEFAULT or check_translation(code):
        return english  # a translation that is not right yet: the English, until it is
    return load(CONTENT_DIR / code / PROMPTS_FILE)


def prompts(language: str | None = None) -> Prompts:
    """The installed prompts, read once per process, in ``language`` (by default the one
    active for this request)."""
    return _prompts_in(languages.pick(language or languages.active_language()))
