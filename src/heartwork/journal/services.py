"""Every write to the journal happens here. Callers have validated the text."""

from __future__ import annotations

from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.journal.models import Entry
from heartwork.partners.selectors import current_partner
from heartwork.safety.services import record_text


@sensitive_variables("title", "body")
def create_entry(*, user: User, title: str, body: str) -> Entry:
    entry = Entry(user=user, title=title.strip(), body=body)
    entry.save(force_insert=True)
    record_text(user=user, text=f"{title}\n{body}", partner=current_partner(user))
    return entry


@sensitive_variables("title", "body")
def update_entry(*, entry: Entry, title: str | None = None, body: str | None = None) -> Entry:
    """Change what was given; ``None`` leaves a part as it was. Nothing given, nothing saved."""
    if title is None and body is None:
        return entry
    fields = ["updated_at"]
    if title is not None:
        entry.title = title.strip()
        fields.append("title")
    if body is not None:
        entry.body = body
        fields.append("body")
    entry.save(update_fields=fields)
    record_text(
        user=entry.user, text=f"{entry.title}\n{entry.body}", partner=current_partner(entry.user)
    )
    return entry


def delete_entry(*, entry: Entry) -> None:
    entry.delete()
