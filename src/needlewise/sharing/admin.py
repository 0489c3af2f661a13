from __future__ import annotations

from django.contrib import admin

from needlewise.sharing.models import AuditEntry, Grant, ProfessionalProfile


@admin.register(ProfessionalProfile)
class ProfessionalProfileAdmin(admin.ModelAdmin):
    """Where a site admin marks a professional verified, after checking the registration."""

    list_display = ["user", "profession", "registration_number", "verified", "created_at"]
    list_filter = ["verified"]
    list_editable = ["verified"]
    search_fields = ["user__email", "registration_number"]
    readonly_fields = ["user", "created_at"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["client", "professional", "created_at", "expires_at", "revoked_at"]
    readonly_fields = [f.name for f in Grant._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["client", "professional_name", "what", "object_id", "at"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
