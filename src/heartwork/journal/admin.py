from django.contrib import admin

from heartwork.journal.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin[Entry]):
    """Metadata only: the encrypted fields are not editable, so the admin never shows them."""

    list_display = ("id", "user", "created_at", "updated_at")
    readonly_fields = ("id", "user", "created_at", "updated_at")
    fields = readonly_fields
    search_fields = ("id",)

    def has_add_permission(self, request: object) -> bool:
        return False
