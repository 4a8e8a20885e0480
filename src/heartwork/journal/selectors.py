"""Reads of the journal. Every function takes the acting user, so nobody reads another's."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from heartwork.accounts.models import User
from heartwork.journal.models import Entry
from heartwork.journal.prompts import Prompt, prompts
from heartwork.journal.search import matches, terms_of
from heartwork.program.content import program
from heartwork.program.selectors import program_state

# A search decrypts entries in memory, this many rows per database round trip, newest
# first; it stops at the first MAX_RESULTS matches or after MAX_SCANNED entries, so one
# request never decrypts a whole long journal.
SEARCH_BATCH = 200
MAX_RESULTS = 50
MAX_SCANNED = 5_000
# How many stages' prompts the new-entry page offers at once (the general ones come after).
PROMPT_STAGES = 2


def entries_of(user: User, *, stage: str | None = None) -> QuerySet[Entry]:
    """Newest first; only one stage's entries when ``stage`` is given."""
    # The owner and data key come along, so decrypting a page costs no extra queries.
    rows = Entry.objects.filter(user=user).select_related("user__data_key")
    return rows.filter(stage=stage) if stage else rows


def entry_of(user: User, entry_id: uuid.UUID | str) -> Entry | None:
    try:
        key = uuid.UUID(str(entry_id))
    except ValueError:
        return None
    return entries_of(user).filter(pk=key).first()


# -- search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    # Newest first.
    entries: tuple[Entry, ...]
    # True when the search stopped early (at MAX_RESULTS matches or MAX_SCANNED entries):
    # older entries may match too.
    stopped_early: bool


def search_entries(
    user: User,
    query: str,
    *,
    stage: str | None = None,
    limit: int | None = None,
    scan_limit: int | None = None,
) -> Found:
    """The user's own entries whose title or body holds every word of ``query``.

    Decrypted in memory, one batch of rows at a time: nothing decrypted is cached or
    written anywhere, and entries that do not match are dropped as soon as they are read.
    With no words, the newest ``limit`` entries (of ``stage``, when given).
    """
    limit = limit or MAX_RESULTS
    scan_limit = scan_limit or MAX_SCANNED
    terms = terms_of(query)
    rows = entries_of(user, stage=stage)
    if not terms:
        listed = tuple(rows[: limit + 1])
        return Found(entries=listed[:limit], stopped_early=len(listed) > limit)
    found: list[Entry] = []
    for scanned, entry in enumerate(rows.iterator(chunk_size=SEARCH_BATCH), start=1):
        if matches(terms, entry.title, entry.body):
            found.append(entry)
            if len(found) >= limit:
                return Found(entries=tuple(found), stopped_early=True)
        if scanned >= scan_limit:
            return Found(entries=tuple(found), stopped_early=True)
    return Found(entries=tuple(found), stopped_early=False)


# -- stages and prompts ----------------------------------------------------------------


def stage_titles() -> dict[str, str]:
    """Every stage with content, in the program's order: id → title (untranslated)."""
    return {stage_id: stage.title for stage_id, stage in program().stages.items()}


@dataclass(frozen=True)
class PromptGroup:
    # None for the general prompts.
    stage: str | None
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class Offered:
    groups: tuple[PromptGroup, ...]
    # The stage a new entry is tagged with unless the person picks another: the stage
    # they are working on now, if any.
    current_stage: str | None


def offered_prompts(user: User) -> Offered:
    """Prompts for the stage the person is working on and the one the program suggests
    next (never a stage the safety gate has locked), then the general ones."""
    state = program_state(user)
    status = {found.id: found.status for found in state.stages}
    working = [stage_id for stage_id, now in status.items() if now == "in_progress"]
    current = working[0] if working else None
    wanted = [current, state.next.stage if state.next else None]
    chosen: list[str] = []
    for stage_id in wanted:
        usable = stage_id and status.get(stage_id) != "locked" and prompts().for_stage(stage_id)
        if stage_id and usable and stage_id not in chosen:
            chosen.append(stage_id)
    groups = [PromptGroup(stage_id, prompts().for_stage(stage_id)) for stage_id in chosen]
    groups = [*groups[:PROMPT_STAGES], PromptGroup(None, prompts().general)]
    return Offered(groups=tuple(groups), current_stage=current)
