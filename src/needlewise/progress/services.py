"""State changes for progress: the only place that writes photos, readings and ratings."""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict
from datetime import date, datetime
from typing import IO, Any
from uuid import UUID

from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.progress import images
from needlewise.progress.models import Photo, Rating, Reading
from needlewise.recovery.models import CheckIn
from needlewise.rules import redness
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import AREAS, CONCERNS
from needlewise.treatments.models import TreatmentSession
from needlewise.treatments.queries import done_sessions
from needlewise.treatments.schedule import local_today

log = logging.getLogger(__name__)

#: Photos written inside a caller's own transaction (a check-in with a photo), per thread as
#: requests are: Django has no rollback hook, so the end of the request is when we look again.
_unconfirmed = threading.local()


def _session(user: User, session_key: Any) -> TreatmentSession | None:
    if session_key in (None, ""):
        return None
    try:
        key = UUID(str(session_key))
    except ValueError:
        raise InputError("session", "is not one of your finished sessions") from None
    session = done_sessions(user).filter(key=key).first()
    if session is None:
        raise InputError("session", "is not one of your finished sessions")
    return session


def _not_after_today(user: User, field: str, day: date) -> None:
    """A photo or rating dated after the person's own today would stretch the charts to it.

    The active zone's today counts too: a check-in's photo is dated in it, and over the API that
    zone is UTC, a day ahead of a person west of it in their evening."""
    if isinstance(day, datetime):  # a session's moment, as a DateField would store it
        day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
    profile = getattr(user, "profile", None)
    today = local_today(profile) if profile is not None else timezone.localdate()
    if day > max(today, timezone.localdate()):
        raise InputError(field, "is in the future: give today or an earlier day")


def add_photo(
    user: User,
    upload: IO[bytes],
    *,
    size: int | None,
    area: str,
    taken_on: date,
    session_key: Any = None,
    checkin: CheckIn | None = None,
) -> Photo:
    """Check and clean the upload, store its files and its row together, or neither."""
    if area not in AREAS:
        raise InputError("area", f"must be one of: {', '.join(AREAS)}")
    _not_after_today(user, "taken_on", taken_on)
    session = _session(user, session_key)
    if checkin is not None and checkin.user_id != user.pk:
        raise InputError("checkin", "is not one of your check-ins")
    clean = images.clean(upload, size)  # slow part first, outside the transaction
    token = images.new_token()
    nested = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic():
            photo = Photo.objects.create(
                user=user,
                area=area,
                taken_on=taken_on,
                session=session or (checkin.session if checkin else None),
                checkin=checkin,
                token=token,
                width=clean.width,
                height=clean.height,
                source_format=clean.source_format,
            )
            images.write(token, clean)  # last, so a failed write rolls the row back
    except BaseException:
        images.remove(token)  # and a failed commit leaves no file behind
        raise
    if nested:  # the caller's transaction may still roll back, after the files were written
        _until_committed(token)
    return photo


def _unconfirmed_tokens() -> set[str]:
    tokens: set[str] | None = getattr(_unconfirmed, "tokens", None)
    if tokens is None:
        tokens = _unconfirmed.tokens = set()
    return tokens


def _until_committed(token: str) -> None:
    """Keep the photo's files if the enclosing transaction commits; else the end of the request
    removes them (`remove_uncommitted_photos`)."""
    tokens = _unconfirmed_tokens()
    tokens.add(token)
    transaction.on_commit(lambda: tokens.discard(token))


def remove_uncommitted_photos(**kwargs: Any) -> int:
    """Remove the files of photos written in this thread whose row was never committed (the
    check-in around them rolled back). In doubt (the database does not answer), keep them."""
    tokens = _unconfirmed_tokens()
    if not tokens:
        return 0
    pending = set(tokens)
    tokens.clear()
    try:
        kept = set(Photo.objects.filter(token__in=pending).values_list("token", flat=True))
    except DatabaseError:
        log.warning("could not check %d uncommitted photo(s); their files stay", len(pending))
        return 0
    for token in pending - kept:
        images.remove(token)
    return len(pending - kept)


request_finished.connect(remove_uncommitted_photos, dispatch_uid="needlewise.progress.photos")


@transaction.atomic
def delete_photo(photo: Photo) -> None:
    """Delete the row and, once that is committed, both files: deletion is real."""
    token = photo.token
    photo.delete()
    transaction.on_commit(lambda: images.remove(token))


@transaction.atomic
def attach_to_checkin(photo: Photo, checkin: CheckIn) -> Photo:
    """Attach one of the person's photos to one of their check-ins (and its session)."""
    if photo.user_id != checkin.user_id:
        raise InputError("checkin", "is not one of your check-ins")
    photo.checkin = checkin
    photo.session = checkin.session
    photo.save(update_fields=["checkin", "session"])
    return photo


def _region(raw: dict[str, Any] | None, field: str) -> redness.Region | None:
    if raw is None:
        return None
    try:
        return redness.Region(*(int(raw[k]) for k in ("x", "y", "w", "h")))
    except (KeyError, TypeError, ValueError):
        raise InputError(field, "needs whole numbers for x, y, w and h") from None


def measure_photo(
    photo: Photo, region: dict[str, Any] | None = None, card: dict[str, Any] | None = None
) -> Reading:
    """Measure the mean CIELAB of a region of the stored photo and keep the reading."""
    roi = _region(region, "region") or redness.Region(0, 0, photo.width, photo.height)
    card_region = _region(card, "card")
    pixels = images.load_pixels(photo.token)
    result = redness.measure(pixels, roi, card_region)
    return Reading.objects.create(
        user=photo.user,
        photo=photo,
        a_star=round(result.a_star, 2),
        l_star=round(result.l_star, 2),
        b_star=round(result.b_star, 2),
        x=roi.x,
        y=roi.y,
        w=roi.w,
        h=roi.h,
        card=asdict(card_region) if card_region is not None else None,
        corrected=result.corrected,
    )


@transaction.atomic
def rate(user: User, concern: str, score: int, rated_on: date) -> Rating:
    """Record (or replace that day's) rating of one concern."""
    if concern not in CONCERNS:
        raise InputError("concern", f"must be one of: {', '.join(CONCERNS)}")
    if not 1 <= score <= 10:
        raise InputError("score", "must be a whole number from 1 to 10")
    _not_after_today(user, "rated_on", rated_on)
    rating, _ = Rating.objects.update_or_create(
        user=user, concern=concern, rated_on=rated_on, defaults={"score": score}
    )
    return rating


def on_checkin_recorded(*, checkin: CheckIn, photo: Any = None, **_: Any) -> None:
    """`events.checkin_recorded`: a check-in's optional photo, stored and measured inside the
    check-in's transaction, so a photo that cannot be read rolls the check-in back."""
    if not photo or not photo.get("image"):
        return
    image = photo["image"]
    stored = add_photo(
        checkin.user,
        image,
        size=image.size,
        area=photo.get("area") or "cheeks",
        taken_on=timezone.localdate(checkin.at),
        checkin=checkin,
    )
    measure_photo(stored)  # the whole image, so the result page can show it at once
