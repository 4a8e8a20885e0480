"""Reminders in the admin: timing and state only, read-only. Nothing here is text a person
wrote, but an operator still has no reason to change someone's reminders by hand; the feed
digest is left out (it is a credential's fingerprint)."""

from django.contrib import admin
from django.http import HttpRequest

from heartwork.reminders.models import Delivery, Reminder


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(_ReadOnly, admin.ModelAdmin[Reminder]):
    list_display = ("id", "user", "kind", "repeat", "next_fire_at", "last_fired_at")
    list_filter = ("kind", "repeat")
    fields = ("id", "user", "kind", "ref", "repeat", "at", "weekday", "due_at", "next_fire_at")
    readonly_fields = fields
    search_fields = ("id",)


@admin.register(Delivery)
class DeliveryAdmin(_ReadOnly, admin.ModelAdmin[Delivery]):
    list_display = ("id", "user", "channel", "fire_at", "read_at", "sent_at", "attempts")
    list_filter = ("channel",)
    fields = ("id", "reminder", "user", "channel", "fire_at", "read_at", "sent_at", "attempts")
    readonly_fields = fields
    search_fields = ("id",)
