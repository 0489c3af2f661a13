"""Exports for the owner only, and a client's report for their professional, as far as the
grant shares it: the API object's auth (personal token or session) applies."""

from __future__ import annotations

from datetime import date

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router
from ninja.errors import ValidationError

from needlewise.portability import fhir, services
from needlewise.portability.forms import ReportForm

router = Router(tags=["portability"])
#: Mounted under /api/sharing/: the professional's copy of a client's report.
shared_router = Router(tags=["sharing"])
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


PDF = _answers("application/pdf", {"type": "string", "format": "binary"})


@shared_router.get(
    "/clients/{grant_id}/report",
    url_name="shared_report",
    summary="A client's PDF report, only the parts the grant shares",
    openapi_extra=PDF,
)
def shared_report(
    request: HttpRequest, grant_id: int, start: date | None = None, end: date | None = None
) -> HttpResponse:
    """From `start` to `end` (the last 90 days when left out). Each part it holds is written
    to the client's audit log; the parts the grant does not share are not in it."""
    from needlewise.portability.shared import shared_report as pdf_for
    from needlewise.sharing.queries import held_grant

    grant = held_grant(request.auth, grant_id, timezone.now())  # type: ignore[attr-defined]
    if grant is None:
        raise Http404
    initial = ReportForm.initial_range().initial
    form = ReportForm({"start": start or initial["start"], "end": end or initial["end"]})
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ValidationError([{"type": "value_error", "loc": ["query", field], "msg": errors[0]}])
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    response = HttpResponse(pdf_for(grant, start, end), content_type="application/pdf")
    name = f"needlewise-report-{grant.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = PRIVATE
    return response
