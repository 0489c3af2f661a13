"""The pages measured, signed in as the synthetic bench user (person-000001, two years of
history) or the professional who follows them (pro-0001). Runs inside a Django process set up
against the benchmark's database."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PERSON = "person-000001@synthetic.needlewise.test"
PROFESSIONAL = "pro-0001@synthetic.needlewise.test"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    who: str  # "person" or "professional"


def pages() -> list[Page]:
    """The bare page first: every other page is divided by it."""
    from needlewise.accounts.models import User
    from needlewise.treatments.models import Plan

    person = User.objects.get(email=PERSON)
    plan = Plan.objects.filter(user=person, status=Plan.Status.ACTIVE).order_by("-id").first()
    if plan is None:
        raise RuntimeError(f"{PERSON} has no active plan: is this a synthetic population?")
    return [
        # A signed-in page with no data of its own: session, user, base template and a form.
        Page("bare", "/accounts/password/", "person"),
        Page("today", "/", "person"),
        Page("plan", f"/plans/{plan.pk}/", "person"),
        Page("recovery", "/recovery/", "person"),
        Page("shelf", "/products/", "person"),
        Page("dashboard", "/sharing/clients/", "professional"),
    ]


def signed_in(who: str) -> Client:
    from needlewise.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    email = PERSON if who == "person" else PROFESSIONAL
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def cookie(client: Client) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def query_counts(items: list[Page]) -> dict[str, int]:
    """Queries per page, counted in-process on a warm request (the second one)."""
    clients = {who: signed_in(who) for who in ("person", "professional")}
    counts = {}
    for page in items:
        client = clients[page.who]
        assert client.get(page.path).status_code == 200, page.path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        assert response.status_code == 200, page.path
        counts[page.name] = len(queries)
    return counts


def check_served(base_url: str, page: Page, cookie_header: str) -> None:
    """A 302 to the login page would look like success to wrk: make sure it is a real 200."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(base_url + page.path, headers={"Cookie": cookie_header})
    with opener.open(request, timeout=60) as reply:
        if reply.status != 200:
            raise RuntimeError(f"{page.path} answered {reply.status}, not 200")
