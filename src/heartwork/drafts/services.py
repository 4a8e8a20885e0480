"""Every write to saved drafts happens here. Callers have validated the text and kind."""

from __future__ import annotations

from datetime import datetime

from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.drafts.models import Draft
from heartwork.partners.selectors import current_partner
from heartwork.safety.services import record_text


@sensitive_variables("text")
def save_draft(*, user: User, kind: str, text: str, now: datetime | None = None) -> Draft:
    draft = Draft(user=user, kind=kind, text=text)
    if now is not None:  # `heartwork demo` dates its drafts in the past
        draft.created_at = now
    draft.save(force_insert=True)
    if now is not None:  # auto_now stamped the real time; keep the draft's own date
        Draft.objects.filter(pk=draft.pk).update(updated_at=now)
        draft.updated_at = now
    record_text(user=user, text=text, partner=current_partner(user))
    return draft


@sensitive_variables("text")
def update_draft(*, draft: Draft, kind: str | None = None, text: str | None = None) -> Draft:
    """Change what was given; ``None`` leaves a part as it was. Nothing given, nothing saved."""
    if kind is None and text is None:
        return draft
    fields = ["updated_at"]
    if kind is not None:
        draft.kind = kind
        fields.append("kind")
    if text is not None:
        draft.text = text
        fields.append("text")
    draft.save(update_fields=fields)
    if text is not None:
        record_text(user=draft.user, text=text, partner=current_partner(draft.user))
    return draft


def delete_draft(*, draft: Draft) -> None:
    draft.delete()
