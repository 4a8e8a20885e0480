"""Every write to partners happens here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.safety.services import record_text


@sensitive_variables("name")
def add_partner(*, user: User, name: str) -> Partner:
    """Start working on a relationship. The one before it ends; its safety standing stays."""
    with transaction.atomic():
        Partner.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())
        partner = Partner(user=user, name=name.strip())
        partner.save(force_insert=True)
        # The name is free text the user wrote ("Jo - he blocked me"): scanned like any other.
        record_text(user=user, text=partner.name, partner=partner)
    return partner


def end_partner(*, partner: Partner) -> Partner:
    if partner.ended_at is None:
        partner.ended_at = timezone.now()
        partner.save(update_fields=["ended_at"])
    return partner
