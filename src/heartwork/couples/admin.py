"""The admin shows who is paired and when; never what anyone shared (encrypted fields are
not editable, so they never appear), and never an invite code (only its digest is kept)."""

from django.contrib import admin

from heartwork.couples.models import Couple, Invite


@admin.register(Couple)
class CoupleAdmin(admin.ModelAdmin[Couple]):
    list_display = ("id", "paired_at", "ended_at")
    readonly_fields = ("user_a", "user_b", "paired_at", "ended_at")
    exclude = ("data_key",)


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin[Invite]):
    list_display = ("id", "created_at", "expires_at", "used_at", "revoked_at")
    readonly_fields = ("inviter", "partner", "created_at", "expires_at", "used_at", "revoked_at")
