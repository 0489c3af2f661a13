"""Library data: news posts, newsletter subscribers, issues and deliveries, tips, search rows.

Guides are files (see guides.py), not rows: they are reviewed like code."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


class NewsPostQuerySet(models.QuerySet["NewsPost"]):
    def published(self, now=None) -> NewsPostQuerySet:
        return self.filter(published_at__lte=now or timezone.now())


class NewsPost(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, blank=True, help_text="Made from the title if empty.")
    body = models.TextField(help_text="Markdown. Raw HTML is cleaned: no scripts, no styles.")
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: a draft. In the future: published then."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "post"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("library:news_detail", args=[self.pk, self.slug])


class Subscriber(models.Model):
    """One newsletter address. Double opt-in: nothing is sent but the confirmation mail until
    `confirmed_at` is set; unsubscribing sets `unsubscribed_at` (kept, so a digest can never
    reach the address again unless it confirms anew)."""

    email = models.EmailField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class NewsletterIssue(models.Model):
    """One digest: what was new between `since` and `until`."""

    created_at = models.DateTimeField(default=timezone.now)
    since = models.DateTimeField(null=True, blank=True)
    until = models.DateTimeField()
    items = models.JSONField(default=list)  # [{"kind", "title", "summary", "url", "at"}]

    class Meta:
        ordering = ["-until", "-id"]

    def __str__(self) -> str:
        return f"Issue {self.pk} ({self.until:%Y-%m-%d})"


class NewsletterDelivery(models.Model):
    """One issue to one subscriber, sent at most once: `dedupe_key` is unique, and the sender
    claims a row with a conditional UPDATE (see newsletter.claim) before it sends."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    dedupe_key = models.CharField(max_length=64, unique=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "cancelled_at"])]

    def __str__(self) -> str:
        return self.dedupe_key


class TipShown(models.Model):
    """The last tip Today showed a person, so the next one is different."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="last_tip"
    )
    code = models.CharField(max_length=40)
    shown_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.code}"


class SearchEntry(models.Model):
    """A searchable copy of a guide or a published news post (plain text), kept in step by
    search.sync(). On SQLite an FTS5 table mirrors it through triggers (see the migration)."""

    class Kind(models.TextChoices):
        GUIDE = "guide", "Guide"
        NEWS = "news", "News"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class CostEntry(models.Model):
    """Something the person paid for home care (issue #10: the cost of home care)."""

    class Kind(models.TextChoices):
        DEVICE = "device", "Device"
        HEADS = "heads", "Heads or cartridges"
        SERUM = "serum", "Serums and aftercare"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cost_entries"
    )
    on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=120, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.amount} on {self.on}"


class ClinicPrice(models.Model):
    """What one professional session would cost the person, for comparison."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_price"
    )
    per_session = models.DecimalField(max_digits=8, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.per_session} per clinic session"
