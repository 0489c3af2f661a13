"""Device pages. Views only orchestrate: owner-scoped lookup, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise.accounts.services import profile_for
from needlewise.devices import advice, services
from needlewise.devices.forms import (
    CatalogueAddForm,
    CatalogueSearchForm,
    CustomDeviceForm,
    DeviceEditForm,
    SterilisationForm,
    add_service_error,
)
from needlewise.devices.models import CatalogueDevice, OwnedDevice
from needlewise.devices.queries import (
    catalogue_cards,
    devices_for,
    history_with,
    sterilisations_for,
)
from needlewise.forms_util import next_step
from needlewise.rules.devices import STERILISED_WITHIN_HOURS
from needlewise.rules.errors import InputError
from needlewise.suitability.queries import treatment_targets

CATALOGUE_PAGE = 15  # a phone screenful or three; the search finds the rest
DEVICE_SESSIONS = 10  # the device page lists its latest sessions; the plans list them all


def _device(request: HttpRequest, device_id: int) -> OwnedDevice:
    return get_object_or_404(devices_for(request.user), pk=device_id)  # type: ignore[arg-type]


@login_required
@require_safe
def device_list(request: HttpRequest) -> HttpResponse:
    rows = [(device, advice.hygiene_for(device)) for device in devices_for(request.user)]  # type: ignore[arg-type]
    return render(request, "devices/list.html", {"rows": rows})


def _add_page(
    request: HttpRequest, form: CatalogueAddForm | None = None, status: int = 200
) -> HttpResponse:
    search = CatalogueSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    cards = catalogue_cards(query)
    context = {
        "search": search,
        "query": query,
        "cards": cards[:CATALOGUE_PAGE],
        "more": len(cards) > CATALOGUE_PAGE,
        "form": form,
    }
    return render(request, "devices/add.html", context, status=status)


def _details_page(
    request: HttpRequest, entry: CatalogueDevice, form: CatalogueAddForm, status: int = 200
) -> HttpResponse:
    """The kind and needle lengths of a catalogue device, prefilled when the list knows them."""
    context = {"entry": entry, "form": form}
    return render(request, "devices/add_kind.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    """GET: search the catalogue (`?choose=<id>` asks the kind and lengths of an entry).
    POST: add the chosen catalogue device, with the kind and lengths given."""
    if request.method == "GET":
        if choose := request.GET.get("choose"):
            entry = get_object_or_404(CatalogueDevice, pk=choose if choose.isdigit() else 0)
            return _details_page(request, entry, CatalogueAddForm.for_entry(entry))
        return _add_page(request)
    form = CatalogueAddForm(request.POST)
    if form.is_valid():
        entry = form.cleaned_data["catalogue_id"]
        try:
            device = services.add_device(
                request.user,  # type: ignore[arg-type]
                catalogue_id=entry.pk,
                kind=form.cleaned_data["kind"] or None,
                lengths_mm=form.cleaned_data["lengths"],
                nickname=form.cleaned_data["nickname"],
            )
        except InputError as error:
            add_service_error(form, error, aliases={"lengths_mm": "lengths"})
        else:
            messages.success(request, f"{device.display_name} added to your devices.")
            return redirect(next_step(request) or reverse("devices:detail", args=[device.pk]))
    entry = form.cleaned_data.get("catalogue_id")
    if entry is not None:
        return _details_page(request, entry, form, status=400)
    return _add_page(request, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def add_custom(request: HttpRequest) -> HttpResponse:
    form = CustomDeviceForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                device = services.add_device(
                    request.user,  # type: ignore[arg-type]
                    kind=data["kind"],
                    name=data["name"],
                    lengths_mm=data["lengths"],
                    fda_status=data["fda_status"],
                    fda_number=data["fda_number"],
                    nickname=data["nickname"],
                    first_used_on=data["first_used_on"],
                )
            except InputError as error:
                add_service_error(form, error, aliases={"lengths_mm": "lengths"})
            else:
                messages.success(request, f"{device.display_name} added to your devices.")
                return redirect(next_step(request) or reverse("devices:detail", args=[device.pk]))
        return render(request, "devices/add_custom.html", {"form": form}, status=400)
    return render(request, "devices/add_custom.html", {"form": form})


def _check_url() -> str:
    """The suitability check is built alongside; until its URL exists, use its path."""
    try:
        return reverse("suitability:start")
    except NoReverseMatch:
        return "/check/"


def _detail_page(
    request: HttpRequest,
    device: OwnedDevice,
    sterilise_form: SterilisationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    targets = treatment_targets(user)  # type: ignore[arg-type]
    profile = getattr(user, "profile", None) or profile_for(user)  # type: ignore[arg-type]
    hygiene = advice.hygiene_for(device)
    history = history_with(user, device)  # type: ignore[arg-type]
    treated = history.areas_treated
    suggestions = advice.needle_advice(device, targets, profile.skin_type, treated)
    sessions = history.sessions[:DEVICE_SESSIONS]
    context = {
        "device": device,
        "hygiene": hygiene,
        "fda_reasons": [hygiene.otc, advice.fda_reason(device.effective_fda_status)],
        "valid_hours": f"{STERILISED_WITHIN_HOURS:g}",
        "check_url": _check_url(),
        "targets": suggestions,
        "treated": bool(treated),
        "some_first": any(target.first_session for target in suggestions),
        "sessions": [(session, advice.area_words(session.areas)) for session in sessions],
        "session_count": len(history.sessions),
        "lengths": device.available_lengths(),
        "sterilisations": sterilisations_for(device),
        "sterilise_form": sterilise_form or SterilisationForm(),
    }
    return render(request, "devices/detail.html", context, status=status)


@login_required
@require_safe
def detail(request: HttpRequest, device_id: int) -> HttpResponse:
    return _detail_page(request, _device(request, device_id))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, device_id: int) -> HttpResponse:
    """Change the kind, needle lengths and name of a device the person owns."""
    device = _device(request, device_id)
    form = DeviceEditForm(device, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            changes = {
                "lengths_mm" if name == "lengths" else name: value
                for name, value in form.cleaned_data.items()
            }
            try:
                services.update_device(device, **changes)
            except InputError as error:
                add_service_error(form, error, aliases={"lengths_mm": "lengths"})
            else:
                messages.success(request, "Your changes are saved.")
                return redirect("devices:detail", device_id=device.pk)
        context = {"device": device, "form": form}
        return render(request, "devices/edit.html", context, status=400)
    return render(request, "devices/edit.html", {"device": device, "form": form})


@login_required
@require_POST
def sterilise(request: HttpRequest, device_id: int) -> HttpResponse:
    device = _device(request, device_id)
    form = SterilisationForm(request.POST)
    if form.is_valid():
        try:
            services.record_sterilisation(device, minutes=form.cleaned_data["minutes"])
        except InputError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Sterilisation recorded. It is good for your next session.")
            return redirect("devices:detail", device_id=device.pk)
    return _detail_page(request, device, form, status=400)


@login_required
@require_POST
def head_change(request: HttpRequest, device_id: int) -> HttpResponse:
    device = _device(request, device_id)
    change = services.record_head_change(device)
    what = "New cartridge" if change.kind == change.Kind.CARTRIDGE else "New head"
    messages.success(request, f"{what} recorded. The count starts again from today.")
    return redirect("devices:detail", device_id=device.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, device_id: int) -> HttpResponse:
    device = _device(request, device_id)
    if request.method == "POST":
        name = device.display_name
        services.delete_device(device)
        messages.success(request, f"{name} and all its records are deleted.")
        return redirect("devices:list")
    return render(request, "devices/delete.html", {"device": device})
