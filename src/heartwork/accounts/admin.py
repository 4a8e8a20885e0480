from django.contrib import admin

from heartwork.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "date_joined", "is_active", "is_staff")
    search_fields = ("email",)
    fields = ("email", "is_active", "is_staff", "is_superuser", "date_joined", "last_login")
    readonly_fields = ("date_joined", "last_login")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("prefix", "user", "label", "created_at", "last_used_at", "expires_at")
    readonly_fields = ("prefix", "user", "label", "created_at", "last_used_at", "expires_at")
    fields = readonly_fields

    def has_add_permission(self, request: object) -> bool:
        return False
