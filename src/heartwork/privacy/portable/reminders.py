"""Reminders, their deliveries, and reminder preferences. Reminders hold no text, only a
kind and the id of what they are about. The calendar feed's token digest stays behind:
restoring it would make an old feed address work again somewhere new."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.reminders.models import Delivery, Preferences, Reminder

SECTION = model_section(
    "reminders",
    _("Reminders"),
    [
        Table("preferences", Preferences, omit=("feed_digest", "feed_created_at")),
        Table("reminders", Reminder),
        Table("deliveries", Delivery),
    ],
)
