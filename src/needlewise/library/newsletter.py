"""The newsletter: double opt-in, one-click unsubscribe, and a digest sent exactly once.

Sending mirrors the reminder worker (reminders/worker.py): `issue_digest` writes one
NewsletterDelivery per confirmed subscriber (unique dedupe key per subscriber and issue), and
`send_pending` claims each row with a conditional UPDATE, committed before the mail goes out, then
records `sent_at` right after the server accepts it. Must run in autocommit. The reminder worker
can call `send_pending()` as a hook; `needlewise newsletter send` does both steps."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from datetime import datetime, timedelta

from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from needlewise.library import emails, guides
from needlewise.library.models import NewsletterDelivery, NewsletterIssue, NewsPost, Subscriber

log = logging.getLogger("needlewise.library")

CONFIRM_SALT = "needlewise.library.newsletter.confirm"
UNSUBSCRIBE_SALT = "needlewise.library.newsletter.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=3)
#: A second confirmation mail to the same address waits this long (no mail bombing).
RESEND_AFTER = timedelta(minutes=10)
CLAIM_TIMEOUT = 300


class BadLink(Exception):
    """A confirmation or unsubscribe link that is forged, mangled or expired."""

    def __init__(self, message: str, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(f"s{subscriber.pk}", salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    """Never expires: an unsubscribe link must work for as long as the mail is kept.

    Both links sign the subscriber's number, not the address: a link is kept in mail clients,
    proxy logs and Referer headers, where an address is personal data (and `signing.dumps`
    only base64-encodes what it signs)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"s{subscriber.pk}")


def _subscriber_for(value: str) -> Subscriber | None:
    """The subscriber a signed value names: `s<number>`, or the address itself in a link
    sent before the numbers."""
    if "@" in value:
        return Subscriber.objects.filter(email=value).first()
    return Subscriber.objects.filter(pk=int(value.removeprefix("s"))).first()


def subscriber_from_confirm(token: str) -> Subscriber | None:
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadLink("This confirmation link has expired.", expired=True) from error
    except signing.BadSignature as error:
        raise BadLink("This confirmation link is not valid.") from error
    return _subscriber_for(str(value))


def email_from_unsubscribe(token: str) -> str:
    """The address a valid link stands for; "" when its subscriber is gone (deleted with the
    account: nothing is left to stop). Raises BadLink for a forged or mangled link."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise BadLink("This unsubscribe link is not valid.") from error
    subscriber = _subscriber_for(value)
    return subscriber.email if subscriber else ""


def subscribe(email: str, user=None, now: datetime | None = None) -> bool:
    """Start (or restart) the double opt-in. True when a confirmation mail went out.

    The caller answers the same way whatever happens here, so nobody learns whether an
    address is known. Already-confirmed addresses get nothing."""
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"user": user if user and user.email == email else None}
        )
        if subscriber.is_active:
            return False
        recent = subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < (
            RESEND_AFTER
        )
        if recent and subscriber.unsubscribed_at is None:
            return False
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
    emails.confirmation(email, confirm_token(subscriber), unsubscribe_token(subscriber)).send()
    return True


def confirm(token: str, now: datetime | None = None) -> Subscriber:
    """Confirm the address in a valid, unexpired link. Raises BadLink."""
    subscriber = subscriber_from_confirm(token)
    if subscriber is None:
        raise BadLink("This confirmation link is not valid.")
    if subscriber.confirmation_sent_at is None:
        raise BadLink("This address was unsubscribed. Subscribe again to get a new link.")
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmed_at=now or timezone.now(), unsubscribed_at=None
    )
    subscriber.refresh_from_db()
    return subscriber


def unsubscribe(token: str, now: datetime | None = None) -> None:
    """Stop every mail to the address in a valid link; pending digests are cancelled. Raises
    BadLink. Idempotent, and silent about whether the address was ever subscribed."""
    email = email_from_unsubscribe(token)
    now = now or timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(email=email).update(
            unsubscribed_at=now, confirmed_at=None, confirmation_sent_at=None
        )
        NewsletterDelivery.objects.filter(
            subscriber__email=email, sent_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=now)


def whats_new(since: datetime | None, until: datetime) -> list[dict[str, str]]:
    """News published and guides published or revised in (since, until]."""
    posts = NewsPost.objects.filter(published_at__lte=until)
    if since is not None:
        posts = posts.filter(Q(published_at__gt=since))
    items = [
        {
            "kind": "news",
            "title": p.title,
            "summary": emails.teaser(p.body),
            "url": p.get_absolute_url(),
            "at": p.published_at.isoformat(),
        }
        for p in posts.order_by("published_at", "id")
    ]
    for guide in guides.in_order():
        day = max(guide.published, guide.last_reviewed)
        at = guides.day_start(day)
        if at <= until and (since is None or at > since):
            kind = "guide" if guide.published == guide.last_reviewed else "revised guide"
            items.append(
                {
                    "kind": kind,
                    "title": guide.title,
                    "summary": guide.summary,
                    "url": guide.get_absolute_url(),
                    "at": at.isoformat(),
                }
            )
    return items


@transaction.atomic
def issue_digest(now: datetime | None = None) -> NewsletterIssue | None:
    """Write the next issue and one delivery per confirmed subscriber; None if nothing is new."""
    now = now or timezone.now()
    last = NewsletterIssue.objects.select_for_update().order_by("-until").first()
    since = last.until if last else None
    items = whats_new(since, now)
    if not items:
        return None
    issue = NewsletterIssue.objects.create(since=since, until=now, items=items)
    active = Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    NewsletterDelivery.objects.bulk_create(
        [
            NewsletterDelivery(issue=issue, subscriber=s, dedupe_key=f"{s.pk}:{issue.pk}")
            for s in active
        ],
        ignore_conflicts=True,
    )
    return issue


def _claimable(now: datetime, timeout: int) -> Q:
    stale = now - timedelta(seconds=timeout)
    return Q(sent_at__isnull=True, cancelled_at__isnull=True) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    )


def claim(delivery_id: int, timeout: int = CLAIM_TIMEOUT) -> str | None:
    """The claim token when this caller won the row, else None (someone else is sending)."""
    now = timezone.now()
    token = uuid.uuid4().hex
    won = NewsletterDelivery.objects.filter(_claimable(now, timeout), pk=delivery_id).update(
        claimed_at=now, claim_token=token, attempts=F("attempts") + 1
    )
    return token if won == 1 else None


def _deliver(delivery: NewsletterDelivery, connection, timeout: int) -> str:
    token = claim(delivery.pk, timeout)
    if token is None:
        return "taken"
    rows = NewsletterDelivery.objects.filter(pk=delivery.pk, claim_token=token)
    if not delivery.subscriber.is_active:
        rows.update(cancelled_at=timezone.now())
        return "cancelled"
    try:
        message = emails.digest(delivery, unsubscribe_token(delivery.subscriber))
        message.connection = connection
        message.send(fail_silently=False)
    except Exception as error:  # SMTP refusals and timeouts: release the claim, retry next run
        rows.update(claimed_at=None, claim_token="", last_error=f"{error}"[:2000])
        log.warning("newsletter delivery %s not sent: %s", delivery.pk, error)
        return "failed"
    NewsletterDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), last_error=""
    )
    return "sent"


def send_pending(timeout: int = CLAIM_TIMEOUT) -> Counter[str]:
    """Send every unsent, unclaimed delivery once. The worker hook."""
    outcomes: Counter[str] = Counter()
    pending = NewsletterDelivery.objects.filter(_claimable(timezone.now(), timeout))
    connection = get_connection()
    try:
        for delivery in pending.select_related("issue", "subscriber").order_by("id"):
            outcomes[_deliver(delivery, connection, timeout)] += 1
    finally:
        connection.close()
    return outcomes
