from __future__ import annotations

from django.contrib import admin

from needlewise.products.models import AvoidEntry, Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "kind", "user", "opened_on", "pao_months", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "brand", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["parsed", "unrecognised", "parse_error", "rules_version", "updated_at"]


@admin.register(AvoidEntry)
class AvoidEntryAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "user", "added_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["label", "value", "user__email"]
    raw_id_fields = ["user", "added_by"]
