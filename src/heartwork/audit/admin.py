"""The audit log in the admin: readable by staff, and nobody can add, change or delete."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from heartwork.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("at", "kind", "user_id", "channel")
    list_filter = ("kind", "channel")
    date_hierarchy = "at"
    # An exact account id, pasted from the account's page: no free-text search over anything.
    search_fields = ("=user_id",)
    fields = ("kind", "at", "user_id", "channel")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
