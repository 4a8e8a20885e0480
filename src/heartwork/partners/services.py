"""Every write to partners happens here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.safety.services import record_text


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@sensitive_variables("name")
def add_partner(*, user: User, name: str) -> Partner:
    """Start working on a relationship. The one before it ends; its safety standing stays.

    A name the user gave an earlier partner picks that partner up again, with everything
    the safety check knows about them: otherwise "someone new" with the old name would be
    a one-step way around a lock (SAFETY.md, never 7). Names are encrypted, so they are
    compared here, in memory, on the user's own rows.
    """
    name = name.strip()
    with transaction.atomic():
        earlier = [
            partner
            for partner in Partner.objects.select_for_update()
            .filter(user=user)
            .select_related("user__data_key")
            if _same_name(partner.name, name)
        ]
        Partner.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())
        if earlier:
            partner = earlier[0]  # newest first (Partner.Meta.ordering)
            partner.ended_at = None
            partner.save(update_fields=["ended_at"])
            return partner
        partner = Partner(user=user, name=name)
        partner.save(force_insert=True)
        # The name is free text the user wrote ("Jo - he blocked me"): scanned like any other.
        record_text(user=user, text=partner.name, partner=partner)
    return partner


def end_partner(*, partner: Partner) -> Partner:
    if partner.ended_at is None:
        partner.ended_at = timezone.now()
        partner.save(update_fields=["ended_at"])
    return partner
