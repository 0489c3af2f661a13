"""Exports for the owner only: the API object's auth (personal token or session) applies."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Router

from needlewise.portability import fhir, services

router = Router(tags=["portability"])
PRIVATE = "private, no-store"


def _answers(media_type: str, schema: dict) -> dict:
    """Document a response that is not JSON from a schema, so clients know what they get."""
    return {"responses": {200: {"description": "OK", "content": {media_type: {"schema": schema}}}}}


@router.get(
    "/fhir",
    url_name="export_fhir",
    summary="Your record as a FHIR R4 Bundle",
    openapi_extra=_answers("application/fhir+json", {"type": "object"}),
)
def export_fhir(request: HttpRequest) -> JsonResponse:
    """A FHIR R4 (R4B) Bundle of type collection: Patient, Device, Procedure, Observation and
    AdverseEvent resources, with Needlewise's local code systems."""
    response = JsonResponse(fhir.bundle(request.user), content_type="application/fhir+json")  # type: ignore[arg-type]
    response["Cache-Control"] = PRIVATE
    return response


@router.get(
    "/all",
    url_name="export_all",
    summary="Everything you own, as a zip",
    openapi_extra=_answers("application/zip", {"type": "string", "format": "binary"}),
)
def export_all(request: HttpRequest) -> FileResponse:
    """A zip of `data.json` (every row you own) and your photos and other files."""
    name = f"needlewise-export-{timezone.localdate():%Y%m%d}.zip"
    response = FileResponse(
        services.export_zip(request.user),  # type: ignore[arg-type]
        as_attachment=True,
        filename=name,
        content_type="application/zip",
    )
    response["Cache-Control"] = PRIVATE
    return response
