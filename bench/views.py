"""The bare page: what every signed-in page pays before it does anything of its own."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    """Signed in, the base template, no content: session, user, middleware and layout only."""
    return render(request, "base.html")
