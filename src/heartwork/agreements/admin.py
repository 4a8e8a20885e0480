from django.contrib import admin

from heartwork.agreements.models import AgreementReview, AgreementVersion, SoloDraft


@admin.register(SoloDraft)
class SoloDraftAdmin(admin.ModelAdmin[SoloDraft]):
    """Metadata only: the encrypted text is not editable, so the admin never shows it."""

    list_display = ("id", "user", "section", "updated_at")
    readonly_fields = ("id", "user", "section", "created_at", "updated_at")
    fields = readonly_fields
    search_fields = ("id",)

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin[AgreementVersion]):
    """Metadata only, never the text."""

    list_display = ("id", "couple", "number", "status", "proposed_at")
    readonly_fields = (
        "id",
        "couple",
        "part",
        "number",
        "status",
        "proposed_at",
        "accepted_at",
        "closed_at",
    )
    fields = readonly_fields
    search_fields = ("id",)

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(AgreementReview)
class AgreementReviewAdmin(admin.ModelAdmin[AgreementReview]):
    list_display = ("id", "couple", "review_on", "updated_at")
    readonly_fields = ("id", "couple", "review_on", "updated_at")
    fields = readonly_fields

    def has_add_permission(self, request: object) -> bool:
        return False
