from __future__ import annotations

from django.contrib import admin

from needlewise.library.models import NewsletterDelivery, NewsletterIssue, NewsPost, Subscriber


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "published_at", "updated_at")
    search_fields = ("title", "body")
    date_hierarchy = "published_at"


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "confirmed_at", "unsubscribed_at")
    search_fields = ("email",)
    readonly_fields = ("created_at", "confirmation_sent_at", "confirmed_at", "unsubscribed_at")


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "since", "until", "created_at")
    readonly_fields = ("since", "until", "items", "created_at")


@admin.register(NewsletterDelivery)
class NewsletterDeliveryAdmin(admin.ModelAdmin):
    list_display = ("dedupe_key", "sent_at", "attempts", "cancelled_at")
    readonly_fields = [f.name for f in NewsletterDelivery._meta.fields]
