from django.contrib import admin

from heartwork.drafts.models import Draft


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin[Draft]):
    """Metadata only: the encrypted text is not editable, so the admin never shows it."""

    list_display = ("id", "user", "kind", "created_at", "updated_at")
    list_filter = ("kind",)
    readonly_fields = ("id", "user", "kind", "created_at", "updated_at")
    fields = readonly_fields
    search_fields = ("id",)

    def has_add_permission(self, request: object) -> bool:
        return False
