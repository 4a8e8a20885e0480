"""Keeping reminders in step with the rest of the app without the other apps knowing:

* reminders about a ritual go when the ritual is deleted, so nothing fires about a thing
  that no longer exists (apps may also call ``services.cancel``; doing both is harmless);
* a new time zone moves every pending reminder to the same wall time in the new zone.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from heartwork.accounts.models import User
from heartwork.reminders.models import Reminder
from heartwork.rituals.models import Ritual


def _ritual_deleted(sender: type[Ritual], instance: Ritual, **kwargs: Any) -> None:
    Reminder.objects.filter(user_id=instance.user_id, kind="ritual", ref=str(instance.id)).delete()


def _user_saved(sender: type[User], instance: User, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is not None and "time_zone" in fields:
        from heartwork.reminders.services import reschedule_all

        reschedule_all(user=instance)


def connect() -> None:
    post_delete.connect(_ritual_deleted, sender=Ritual, dispatch_uid="reminders_ritual_deleted")
    post_save.connect(_user_saved, sender=User, dispatch_uid="reminders_time_zone_changed")
