from django.contrib import admin

from heartwork.checkin.models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin[CheckIn]):
    """Metadata only: the answers are encrypted and never shown here."""

    list_display = ("id", "user", "day", "created_at", "updated_at")
    readonly_fields = ("id", "user", "day", "created_at", "updated_at")
    fields = readonly_fields
    search_fields = ("id",)

    def has_add_permission(self, request: object) -> bool:
        return False
