from __future__ import annotations

from django.contrib import admin

from needlewise.devices.models import CatalogueDevice


@admin.register(CatalogueDevice)
class CatalogueDeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "fda_status", "fda_number", "decision_date", "is_generic"]
    list_filter = ["fda_status", "kind", "is_generic", "head"]
    search_fields = ["name", "maker", "fda_number"]
    fieldsets = (
        (None, {"fields": ("name", "maker", "kind", "head", "needle_count", "material")}),
        (
            "Needle lengths: fixed, or an adjustable range",
            {"fields": ("lengths_mm", ("min_mm", "max_mm", "step_mm"))},
        ),
        (
            "FDA",
            {"fields": ("fda_status", "fda_number", "decision_date", "indication", "source_url")},
        ),
        ("Generic example", {"fields": ("is_generic", "description")}),
    )
