"""Reads of progress data, always scoped to the acting user."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from needlewise.accounts.models import User
from needlewise.progress.models import Photo, Rating, Reading
from needlewise.treatments.models import TreatmentSession
from needlewise.treatments.queries import done_sessions


def photos_for(user: User) -> QuerySet[Photo]:
    """The user's photos, newest first, each with its readings (newest first) prefetched."""
    readings = Prefetch("readings", queryset=Reading.objects.order_by("-created_at", "-id"))
    return (
        Photo.objects.filter(user=user)
        .select_related("session")
        .prefetch_related(readings)
        .order_by("-taken_on", "-id")
    )


def photo_for(user: User, photo_id: int) -> Photo | None:
    """One of the user's photos, or None: never another person's, whatever the id."""
    return photos_for(user).filter(pk=photo_id).first()


def readings_for(user: User) -> QuerySet[Reading]:
    return Reading.objects.filter(user=user).select_related("photo")


def ratings_for(user: User) -> QuerySet[Rating]:
    return Rating.objects.filter(user=user).order_by("rated_on", "id")


def latest_reading(photo: Photo) -> Reading | None:
    """Uses the prefetched readings when there are any."""
    return next(iter(photo.readings.all()), None)


def baseline_reading(user: User, area: str) -> Reading | None:
    """The reading of the person's earliest measured photo of an area: their own baseline."""
    return (
        readings_for(user)
        .filter(photo__area=area)
        .order_by("photo__taken_on", "photo_id", "-created_at", "-id")
        .first()
    )


def last_photo(user: User, area: str, before: Photo | None = None) -> Photo | None:
    photos = photos_for(user).filter(area=area)
    if before is not None:
        photos = photos.exclude(pk=before.pk).filter(taken_on__lte=before.taken_on)
    return photos.first()


def sessions_between(user: User, start: date, end: date) -> list[TreatmentSession]:
    """Finished sessions done after the first date and on or before the second."""
    return [
        s
        for s in done_sessions(user).filter(done_at__date__gt=start, done_at__date__lte=end)
        if s.done_at is not None
    ][::-1]
