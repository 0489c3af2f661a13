"""Progress photos, readings and ratings over the API, owner-scoped; same services as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import ConfigDict, Field

from needlewise.progress import images, queries, services
from needlewise.progress.models import Photo, Rating, Reading
from needlewise.progress.summary import measured
from needlewise.rules.vocab import AREAS, CONCERNS

router = Router(tags=["progress"])
JPEG = {
    "responses": {
        200: {
            "description": "OK",
            "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class RegionIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    w: int = Field(ge=1)
    h: int = Field(ge=1)


class ReadingIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    region: RegionIn | None = Field(
        None, description="the skin to measure; the whole photo if left out"
    )
    card: RegionIn | None = Field(None, description="a white or grey card to balance colours on")


class ReadingOut(Schema):
    id: int
    photo_id: int
    a_star: float
    l_star: float
    b_star: float
    region: dict[str, int]
    card: dict[str, int] | None
    corrected: bool
    created_at: datetime


class PhotoOut(Schema):
    id: int
    area: str
    taken_on: date
    session_key: UUID | None
    checkin_id: int | None
    width: int
    height: int
    source_format: str
    created_at: datetime
    file_url: str
    thumb_url: str
    reading: ReadingOut | None
    above_baseline: float | None = Field(description="a* minus the a* of your baseline photo")


class PhotoIn(Schema):
    area: str = Field(json_schema_extra={"enum": sorted(AREAS)})
    taken_on: date
    session_key: str | None = Field(None, json_schema_extra={"format": "uuid"})


class RatingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    concern: str = Field(json_schema_extra={"enum": sorted(CONCERNS)})
    score: int = Field(
        description="1 (worst) to 10 (best)", json_schema_extra={"minimum": 1, "maximum": 10}
    )
    rated_on: date


class RatingOut(Schema):
    id: int
    concern: str
    score: int
    rated_on: date


def _reading_out(reading: Reading) -> ReadingOut:
    return ReadingOut(
        id=reading.pk,
        photo_id=reading.photo_id,
        a_star=reading.a_star,
        l_star=reading.l_star,
        b_star=reading.b_star,
        region=reading.region,
        card=reading.card,
        corrected=reading.corrected,
        created_at=reading.created_at,
    )


def _photo_out(request: HttpRequest, photo: Photo) -> PhotoOut:
    summary = measured(request.auth, photo)  # type: ignore[attr-defined]
    return PhotoOut(
        id=photo.pk,
        area=photo.area,
        taken_on=photo.taken_on,
        session_key=photo.session.key if photo.session else None,
        checkin_id=photo.checkin_id,
        width=photo.width,
        height=photo.height,
        source_format=photo.source_format,
        created_at=photo.created_at,
        file_url=f"/api/progress/photos/{photo.pk}/file",
        thumb_url=f"/api/progress/photos/{photo.pk}/thumb",
        reading=_reading_out(summary.reading) if summary.reading else None,
        above_baseline=summary.delta,
    )


def _photo(request: HttpRequest, photo_id: int) -> Photo:
    photo = queries.photo_for(request.auth, photo_id)  # type: ignore[attr-defined]
    if photo is None:
        raise HttpError(404, "Not found")
    return photo


@router.get("/photos", response=list[PhotoOut], summary="Your photos' details, newest first")
def list_photos(request: HttpRequest) -> list[PhotoOut]:
    return [_photo_out(request, p) for p in queries.photos_for(request.auth)[:500]]  # type: ignore[attr-defined]


@router.post(
    "/photos",
    response={201: PhotoOut},
    summary="Upload a photo (multipart): checked, turned upright, stripped of all metadata",
)
def upload_photo(request: HttpRequest, image: File[UploadedFile], details: Form[PhotoIn]) -> Status:
    photo = services.add_photo(
        request.auth,  # type: ignore[attr-defined]
        image,
        size=image.size,
        area=details.area,
        taken_on=details.taken_on,
        session_key=details.session_key or None,
    )
    return Status(201, _photo_out(request, photo))


@router.get("/photos/{photo_id}", response=PhotoOut)
def read_photo(request: HttpRequest, photo_id: int) -> PhotoOut:
    return _photo_out(request, _photo(request, photo_id))


@router.delete("/photos/{photo_id}", response={204: None}, summary="Delete a photo and its files")
def delete_photo(request: HttpRequest, photo_id: int) -> Status:
    services.delete_photo(_photo(request, photo_id))
    return Status(204, None)


def _stream(request: HttpRequest, photo_id: int, which: int) -> FileResponse:
    path = images.paths(_photo(request, photo_id).token)[which]
    try:
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        raise HttpError(404, "Not found") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/photos/{photo_id}/file",
    summary="The photo itself (JPEG), never cached",
    openapi_extra=JPEG,
)
def photo_file(request: HttpRequest, photo_id: int) -> Any:
    return _stream(request, photo_id, 0)


@router.get(
    "/photos/{photo_id}/thumb",
    summary="The thumbnail (JPEG), never cached",
    openapi_extra=JPEG,
)
def photo_thumb(request: HttpRequest, photo_id: int) -> Any:
    return _stream(request, photo_id, 1)


@router.get("/photos/{photo_id}/readings", response=list[ReadingOut])
def list_readings(request: HttpRequest, photo_id: int) -> list[ReadingOut]:
    return [_reading_out(r) for r in _photo(request, photo_id).readings.all()]


@router.post(
    "/photos/{photo_id}/readings",
    response={201: ReadingOut},
    summary="Measure mean CIELAB a* (redness), L* and b* of a region, balanced on a card if given",
)
def create_reading(request: HttpRequest, photo_id: int, body: ReadingIn) -> Status:
    photo = _photo(request, photo_id)
    region = body.region.model_dump() if body.region else None
    card = body.card.model_dump() if body.card else None
    return Status(201, _reading_out(services.measure_photo(photo, region, card)))


@router.get("/ratings", response=list[RatingOut], summary="Your ratings, oldest first")
def list_ratings(request: HttpRequest) -> list[RatingOut]:
    return [_rating_out(r) for r in queries.ratings_for(request.auth)[:1000]]  # type: ignore[attr-defined]


@router.post("/ratings", response={201: RatingOut}, summary="Rate a concern 1–10 for a day")
def create_rating(request: HttpRequest, body: RatingIn) -> Status:
    rating = services.rate(request.auth, body.concern, body.score, body.rated_on)  # type: ignore[attr-defined]
    return Status(201, _rating_out(rating))


def _rating_out(rating: Rating) -> RatingOut:
    return RatingOut(
        id=rating.pk, concern=rating.concern, score=rating.score, rated_on=rating.rated_on
    )
