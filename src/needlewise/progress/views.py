"""Progress pages. Views orchestrate: owner-scoped lookup, form, service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise.forms_util import posted
from needlewise.progress import chart, images, queries, services
from needlewise.progress.forms import PhotoForm, RatingForm, RegionForm
from needlewise.progress.models import Photo
from needlewise.progress.summary import compared, summarise
from needlewise.rules import labels
from needlewise.rules.errors import InputError
from needlewise.treatments.queries import done_sessions


def _photo(request: HttpRequest, photo_id: int) -> Photo:
    """The acting user's photo or 404: anonymous visitors and other people alike."""
    if not request.user.is_authenticated:
        raise Http404("No such photo")
    photo = queries.photo_for(request.user, photo_id)  # type: ignore[arg-type]
    if photo is None:
        raise Http404("No such photo")
    return photo


def _add_error(form: Any, error: InputError) -> None:
    field = {"region": None}.get(error.field, error.field)
    form.add_error(field if field in form.fields else None, error.message)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    photos = list(queries.photos_for(request.user)[:200])  # type: ignore[arg-type]
    by_area: dict[str, list[Photo]] = {}
    for photo in photos:
        by_area.setdefault(photo.area, []).append(photo)
    groups = [(area, labels.label(area, "area"), items) for area, items in by_area.items()]
    context = {"groups": groups, "count": len(photos)}
    return render(request, "progress/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    sessions = list(done_sessions(request.user)[:50])  # type: ignore[arg-type]
    initial = {"area": request.GET.get("area", "")}
    form = PhotoForm(posted(request), request.FILES or None, sessions=sessions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            photo = services.add_photo(
                request.user,  # type: ignore[arg-type]
                data["image"],
                size=data["image"].size,
                area=data["area"],
                taken_on=data["taken_on"],
                session_key=data["session"] or None,
            )
        except InputError as error:
            _add_error(form, error)
        else:
            messages.success(request, "Photo saved. Only you can see it.")
            return redirect("progress:photo", photo_id=photo.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "progress/upload.html", {"form": form}, status=status)


@login_required
@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    area = request.GET.get("area", "")
    last = queries.last_photo(request.user, area) if area else None  # type: ignore[arg-type]
    areas = sorted({p.area for p in queries.photos_for(request.user)})  # type: ignore[arg-type]
    return render(request, "progress/guide.html", {"area": area, "last": last, "areas": areas})


def _detail(request: HttpRequest, photo: Photo, form: RegionForm, status: int) -> HttpResponse:
    context = {"photo": photo, "form": form, **summarise(request.user, photo)}  # type: ignore[arg-type]
    return render(request, "progress/detail.html", context, status=status)


@login_required
@require_safe
def detail(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = _photo(request, photo_id)
    reading = queries.latest_reading(photo)
    initial = reading.region if reading else {"x": 0, "y": 0, "w": photo.width, "h": photo.height}
    if reading and reading.card:
        initial |= {f"card_{k}": v for k, v in reading.card.items()}
    return _detail(request, photo, RegionForm(initial=initial), 200)


@login_required
@require_POST
def measure(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = _photo(request, photo_id)
    form = RegionForm(request.POST)
    if form.is_valid():
        try:
            services.measure_photo(photo, form.region(), form.card())
        except InputError as error:
            _add_error(form, error)
        else:
            messages.success(request, "Measured.")
            return redirect("progress:photo", photo_id=photo.pk)
    return _detail(request, photo, form, 400)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = _photo(request, photo_id)
    if request.method == "POST":
        services.delete_photo(photo)
        messages.success(request, "Photo deleted, with its files and readings.")
        return redirect("progress:index")
    return render(request, "progress/delete.html", {"photo": photo})


def photo_response(photo: Photo, which: int) -> HttpResponse:
    """One of a photo's files (0 the photo, 1 its thumbnail), never cached. The caller has
    checked who may see it: the owner here, a professional's grant in sharing."""
    path = images.paths(photo.token)[which]
    try:
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        raise Http404("No such photo") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


def _serve(request: HttpRequest, photo_id: int, which: int) -> HttpResponse:
    return photo_response(_photo(request, photo_id), which)


@require_safe
def photo_file(request: HttpRequest, photo_id: int) -> HttpResponse:
    return _serve(request, photo_id, 0)


@require_safe
def photo_thumb(request: HttpRequest, photo_id: int) -> HttpResponse:
    return _serve(request, photo_id, 1)


@login_required
@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    user = request.user
    photos = list(queries.photos_for(user)[:200])  # type: ignore[arg-type]
    before_id, after_id = request.GET.get("before"), request.GET.get("after")
    if before_id is None and after_id is None:
        return render(request, "progress/compare.html", {"photos": photos, "pair": None})
    try:
        before = _photo(request, int(before_id or ""))
        after = _photo(request, int(after_id or ""))
    except ValueError:
        raise Http404("No such photo") from None
    error = None
    if before.pk == after.pk:
        error = "Before and after are the same photo: choose two different ones."
    elif before.area != after.area:
        error = "Choose two photos of the same area."
    if error:
        context = {"photos": photos, "pair": None, "error": error}
        return render(request, "progress/compare.html", context, status=400)
    if (after.taken_on, after.pk) < (before.taken_on, before.pk):
        before, after = after, before
    context = {"photos": photos, "pair": compared(user, before, after)}  # type: ignore[arg-type]
    return render(request, "progress/compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ratings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = RatingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.rate(user, data["concern"], data["score"], data["rated_on"])  # type: ignore[arg-type]
        messages.success(request, "Rating saved.")
        return redirect("progress:ratings")
    series = chart.series_for(user, timezone.localdate())  # type: ignore[arg-type]
    context = {"form": form, "series": series, "description": chart.describe(series)}
    status = 400 if request.method == "POST" else 200
    return render(request, "progress/ratings.html", context, status=status)


@login_required
@require_safe
@cache_control(private=True, no_store=True)
def chart_svg(request: HttpRequest) -> HttpResponse:
    series = chart.series_for(request.user, timezone.localdate())  # type: ignore[arg-type]
    return HttpResponse(chart.svg(series), content_type="image/svg+xml")
