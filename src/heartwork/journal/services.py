"""Every write to the journal happens here. Callers have validated the text."""

from __future__ import annotations

from datetime import datetime

from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.journal.models import Entry
from heartwork.partners.selectors import current_partner
from heartwork.program.schema import STAGE_IDS
from heartwork.safety.services import record_text


class UnknownStage(ValueError):
    """Not a public stage id (heartwork.program.schema.STAGE_IDS)."""


def _stage(stage: str) -> str:
    # The API and the form check this first; a last guard against tagging with nonsense.
    if stage and stage not in STAGE_IDS:
        raise UnknownStage(stage)
    return stage


@sensitive_variables("title", "body")
def create_entry(
    *, user: User, title: str, body: str, stage: str = "", now: datetime | None = None
) -> Entry:
    """A new entry; ``stage`` tags it with a program stage ("" for none). ``now`` dates it
    (`heartwork demo` writes weeks of entries at once)."""
    entry = Entry(user=user, title=title.strip(), body=body, stage=_stage(stage))
    if now is not None:
        entry.created_at = now
    entry.save(force_insert=True)
    if now is not None:
        # auto_now stamped the real time: an entry dated in the past would look edited.
        Entry.objects.filter(pk=entry.pk).update(updated_at=now)
        entry.updated_at = now
    record_text(user=user, text=f"{title}\n{body}", partner=current_partner(user))
    return entry


@sensitive_variables("title", "body")
def update_entry(
    *, entry: Entry, title: str | None = None, body: str | None = None, stage: str | None = None
) -> Entry:
    """Change what was given; ``None`` leaves a part as it was. Nothing given, nothing saved.

    Only a changed title or body goes to the safety scanner: a new stage tag is not text.
    """
    if title is None and body is None and stage is None:
        return entry
    fields = ["updated_at"]
    if stage is not None:
        entry.stage = _stage(stage)
        fields.append("stage")
    if title is not None:
        entry.title = title.strip()
        fields.append("title")
    if body is not None:
        entry.body = body
        fields.append("body")
    entry.save(update_fields=fields)
    if title is None and body is None:
        return entry
    record_text(
        user=entry.user, text=f"{entry.title}\n{entry.body}", partner=current_partner(entry.user)
    )
    return entry


def delete_entry(*, entry: Entry) -> None:
    entry.delete()
