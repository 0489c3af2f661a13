"""Sharing pages. Views only orchestrate: scoped lookup, form, service, redirect.

A professional reaches a client only through `timeline`/`scoped_grant`, which check the active
grant and its scope and audit the read; anything else is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from needlewise import person_cache
from needlewise.accounts import services as accounts
from needlewise.accounts.forms import SignUpForm
from needlewise.accounts.models import User
from needlewise.accounts.throttle import Refused
from needlewise.forms_util import add_service_error, posted
from needlewise.rules.errors import InputError
from needlewise.sharing import emails, queries, services
from needlewise.sharing.forms import (
    AvoidForm,
    ClearForm,
    InviteForm,
    LimitsForm,
    NoteForm,
    ProfessionalForm,
)
from needlewise.sharing.limits import set_by
from needlewise.sharing.models import Grant, ProfessionalProfile, Scope
from needlewise.sharing.timeline import scoped_grant, timeline_for


def _professional(user) -> ProfessionalProfile | None:  # type: ignore[no-untyped-def]
    return ProfessionalProfile.objects.filter(user=user).first()


def _initial(current: ProfessionalProfile | None) -> dict[str, str] | None:
    if current is None:
        return None
    return {"profession": current.profession, "registration_number": current.registration_number}


# The person who shares --------------------------------------------------------------------


def _index_page(request: HttpRequest, form: InviteForm, status: int = 200) -> HttpResponse:
    user, now = request.user, timezone.now()
    grants = list(queries.grants_given(user))  # type: ignore[arg-type]
    context = {
        "form": form,
        "active": [g for g in grants if g.is_active(now)],
        "ended": [g for g in grants if not g.is_active(now)][:10],
        "invites": queries.pending_invites(user),  # type: ignore[arg-type]
        "limits": set_by(user, now),  # type: ignore[arg-type]
        "notes": queries.notes_for_client(user)[:20],  # type: ignore[arg-type]
    }
    return render(request, "sharing/index.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    form = InviteForm(posted(request))
    if request.method == "POST":
        if not form.is_valid():
            return _index_page(request, form, 400)
        data = form.cleaned_data
        try:
            invite = services.invite(request.user, data["email"], data["scopes"], data["days"])  # type: ignore[arg-type]
        except InputError as error:
            add_service_error(form, error)
            return _index_page(request, form, 400)
        except Refused as refused:
            form.add_error(None, refused.message)
            return refused.answer(_index_page(request, form))
        if emails.send_invite(invite):
            messages.success(request, f"Invite sent to {invite.email}. Nothing is shared until "
                             "they accept.")  # fmt: skip
        else:
            messages.warning(request, "We could not send the e-mail just now. Cancel the invite "
                             "and try again later.")  # fmt: skip
        return redirect("sharing:index")
    return _index_page(request, form)


@login_required
@require_POST
def revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    if not services.revoke(request.user, grant_id):  # type: ignore[arg-type]
        raise Http404
    messages.success(request, "Access ended. They can no longer see your record.")
    return redirect("sharing:index")


@login_required
@require_POST
def cancel_invite(request: HttpRequest, invite_id: int) -> HttpResponse:
    if not services.cancel_invite(request.user, invite_id):  # type: ignore[arg-type]
        raise Http404
    messages.success(request, "Invite withdrawn: its link no longer works.")
    return redirect("sharing:index")


@login_required
@require_GET
def audit(request: HttpRequest) -> HttpResponse:
    entries = queries.audit_for(request.user)[:500]  # type: ignore[arg-type]
    return render(request, "sharing/audit.html", {"entries": entries})


# Becoming a professional, accepting an invite ---------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def professional(request: HttpRequest) -> HttpResponse:
    current = _professional(request.user)
    initial = _initial(current)
    form = ProfessionalForm(posted(request), initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.save_professional(request.user, **form.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, "Saved. Clients who share with you will see this.")
            return redirect("sharing:professional")
        context = {"form": form, "current": current}
        return render(request, "sharing/professional.html", context, status=400)
    return render(request, "sharing/professional.html", {"form": form, "current": current})


def _accept_page(request, invite, pro_form, signup_form=None, status=200) -> HttpResponse:  # type: ignore[no-untyped-def]
    context = {
        "invite": invite,
        "client_name": queries.display_name(invite.client),
        "scopes": [Scope(s).label for s in invite.scopes],
        "masked": services.masked_email(invite.email),
        "pro_form": pro_form,
        "signup_form": signup_form,
    }
    return render(request, "sharing/accept.html", context, status=status)


def _refused(request: HttpRequest, error: services.InviteRefused) -> HttpResponse:
    return render(request, "sharing/invite_refused.html", {"message": error.message}, status=410)


def _for_another(request: HttpRequest, invite) -> HttpResponse:  # type: ignore[no-untyped-def]
    """A signed-in account that is not the invited address: say so, write nothing."""
    context = {"client_name": queries.display_name(invite.client),
               "masked": services.masked_email(invite.email)}  # fmt: skip
    return render(request, "sharing/invite_other_account.html", context, status=403)


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invite link: sign up (or log in) with the invited address, say your profession, and
    the grant is yours. Another account is refused before anything is written."""
    try:
        invite = services.invite_from_token(token)
    except services.InviteRefused as error:
        return _refused(request, error)
    user = request.user if request.user.is_authenticated else None
    if user is not None and invite.client_id == user.pk:
        return _refused(request, services.InviteRefused("You cannot accept your own invite."))
    if user is not None and not services.is_invitee(invite, user):  # type: ignore[arg-type]
        return _for_another(request, invite)
    current = _professional(user) if user else None
    initial = _initial(current)
    pro_form = ProfessionalForm(posted(request), initial=initial, prefix="pro")
    signup_form = None
    if user is None:
        signup_form = SignUpForm(posted(request), prefix="new")
    if request.method == "GET":
        return _accept_page(request, invite, pro_form, signup_form)
    valid = pro_form.is_valid() and (signup_form is None or signup_form.is_valid())
    signing_up = signup_form is not None and valid
    if signing_up and signup_form.cleaned_data["email"] != invite.email.lower():  # type: ignore[union-attr]
        signup_form.add_error(  # type: ignore[union-attr]
            "email",
            f"This invite was sent to another address ({services.masked_email(invite.email)}). "
            "Sign up with the address the invite came to.",
        )
        valid = False
    if not valid:
        return _accept_page(request, invite, pro_form, signup_form, 400)
    if user is None and signup_form is not None:
        data = signup_form.cleaned_data
        user = accounts.sign_up(data["email"], data["password1"], data["display_name"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    services.save_professional(user, **pro_form.cleaned_data)  # type: ignore[arg-type]
    try:
        grant = services.accept(token, user)  # type: ignore[arg-type]
    except services.InviteRefused as error:
        return _refused(request, error)
    messages.success(request, f"You can now see what {queries.display_name(grant.client)} shared.")
    return redirect("sharing:client", grant_id=grant.pk)


# The professional's side ------------------------------------------------------------------

#: Enough for a phone screen or two; red flags sort first, so they are on the first pages.
CLIENTS_PER_PAGE = 20


@login_required
@require_GET
def clients(request: HttpRequest) -> HttpResponse:
    """Red flags first, a page of CLIENTS_PER_PAGE at a time; only the rows shown are read
    (and so only they go in the clients' logs)."""
    now, user = timezone.now(), request.user
    stamp = queries.clients_stamp(user, now)  # type: ignore[arg-type]
    asked = request.GET.get("page", "1")
    number = asked[:9] if asked.isdigit() else "1"  # get_page makes it a real page
    # Recalled whole while the same grants are active and no client's records changed (and
    # in the same time zone, which the cards' dates are in): one cache read a view.
    zone = timezone.get_current_timezone_name()
    shown = person_cache.remembered(
        user,  # type: ignore[arg-type]
        f"dashboard:{stamp}:{number}:{zone}",
        lambda: _dashboard(user, now, number),  # type: ignore[arg-type]
    )
    services.record_reads_by(
        user,  # type: ignore[arg-type]
        (
            (r.client_id, "dashboard: red flag and last session", None)
            for r in shown.page
            if r.allows(Scope.SESSIONS_RECOVERY)
        ),
    )
    context = {"cards": shown.cards, "page": shown.page, "profile": shown.profile}
    return render(request, "sharing/clients.html", context)


@dataclass(frozen=True)
class _Dashboard:
    page: Page
    cards: str
    profile: ProfessionalProfile | None


def _dashboard(user: User, now: datetime, number: str) -> _Dashboard:
    page = Paginator(queries.read_clients(user, now), CLIENTS_PER_PAGE).get_page(number)
    cards = render_to_string("sharing/_client_cards.html", {"rows": page})
    return _Dashboard(page, cards, _professional(user))


def _client_page(request: HttpRequest, grant_id: int, status: int = 200, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    asked = request.GET.get("before"), request.GET.get("after")
    pair = None if asked == (None, None) else (asked[0] or "", asked[1] or "")
    t = timeline_for(request.user, grant_id, timezone.now(), pair, visit=True)  # type: ignore[arg-type]
    if t is None:
        raise Http404
    name = queries.display_name(t.grant.client)
    context = {"t": t, "grant": t.grant, "name": name, "whose": f"{name}'s",
               "note_form": forms.get("note_form") or NoteForm(),
               "clear_form": forms.get("clear_form") or ClearForm()}  # fmt: skip
    return render(request, "sharing/client.html", context, status=400 if t.pair_error else status)


@login_required
@require_GET
def client(request: HttpRequest, grant_id: int) -> HttpResponse:
    return _client_page(request, grant_id)


def _photo_file(request: HttpRequest, grant_id: int, photo_id: int, which: int) -> HttpResponse:
    """A shared photo's file, through a grant with the photos scope; each one served is
    audited."""
    from needlewise.progress.queries import photo_for
    from needlewise.progress.views import photo_response

    grant = _grant(request, grant_id, Scope.PHOTOS)
    photo = photo_for(grant.client, photo_id)
    if photo is None:
        raise Http404
    response = photo_response(photo, which)
    services.record_reads(grant, [("photo" if which == 0 else "photo thumbnail", photo.pk)])
    return response


@login_required
@require_safe
def photo_file(request: HttpRequest, grant_id: int, photo_id: int) -> HttpResponse:
    return _photo_file(request, grant_id, photo_id, 0)


@login_required
@require_safe
def photo_thumb(request: HttpRequest, grant_id: int, photo_id: int) -> HttpResponse:
    return _photo_file(request, grant_id, photo_id, 1)


def _grant(request: HttpRequest, grant_id: int, scope: str | None = None, what: str = "") -> Grant:
    now = timezone.now()
    if scope is None:
        grant = queries.held_grant(request.user, grant_id, now)  # type: ignore[arg-type]
    else:
        grant = scoped_grant(request.user, grant_id, scope, now, what)  # type: ignore[arg-type]
    if grant is None:
        raise Http404
    return grant


@login_required
@require_POST
def note(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = _grant(request, grant_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(grant, form.cleaned_data["body"])
        messages.success(request, "Note saved. Your client can read it now.")
        return redirect("sharing:client", grant_id=grant.pk)
    return _client_page(request, grant.pk, 400, note_form=form)


def _limits_page(request, grant, form, avoid_form, status=200) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The grant's limits and the avoid list as far as the grant shows it; audited as shown."""
    whole, avoid = queries.avoid_shown(grant)
    services.record_reads(grant, [("limits and avoid list" if whole else "limits", grant.pk)])
    context = {"grant": grant, "name": queries.display_name(grant.client), "form": form,
               "avoid_form": avoid_form, "avoid": avoid, "whole_avoid_list": whole}  # fmt: skip
    return render(request, "sharing/limits.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def limits(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = _grant(request, grant_id, Scope.SESSIONS_RECOVERY)
    form = LimitsForm(posted(request), grant=grant)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_limits(grant, form.caps(), form.cleaned_data["min_interval_days"])
            except InputError as error:
                add_service_error(form, error)
            else:
                messages.success(request, "Limits saved. Your client sees them, with your name.")
                return redirect("sharing:limits", grant_id=grant.pk)
        return _limits_page(request, grant, form, AvoidForm(), 400)
    return _limits_page(request, grant, form, AvoidForm())


@login_required
@require_POST
def avoid(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = _grant(request, grant_id, Scope.SESSIONS_RECOVERY)
    form = AvoidForm(request.POST)
    if form.is_valid():
        try:
            entry = services.add_avoid(grant, **form.cleaned_data)
        except InputError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{entry.label} added to your client's avoid list.")
            return redirect("sharing:limits", grant_id=grant.pk)
    return _limits_page(request, grant, LimitsForm(grant=grant), form, 400)


@login_required
@require_POST
def clear(request: HttpRequest, grant_id: int, escalation_id: int) -> HttpResponse:
    grant = _grant(request, grant_id, Scope.SESSIONS_RECOVERY)
    form = ClearForm(request.POST)
    if not form.is_valid():
        return _client_page(request, grant.pk, 400, clear_form=form)
    escalation = services.clear(grant, escalation_id, form.cleaned_data["note"])
    if escalation is None:
        raise Http404
    messages.success(request, "Clearance recorded. Your client's paused plans resume.")
    return redirect("sharing:client", grant_id=grant.pk)
