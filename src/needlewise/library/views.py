"""Library pages: guides, news, search, newsletter. Views only orchestrate."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from needlewise.accounts.throttle import Rate, Refused, limit_client, wait_words
from needlewise.forms_util import posted
from needlewise.library import guides, newsletter
from needlewise.library.forms import SearchForm, SubscribeForm
from needlewise.library.models import NewsPost
from needlewise.library.search import search as run_search

#: Subscribe attempts per client address an hour: enough for typos, too few to probe addresses.
SUBSCRIBE_RATE = Rate(count=5, seconds=3600)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "guides": guides.in_order(),
        "news": NewsPost.objects.published()[:3],
        "form": SubscribeForm(),
        "search_form": SearchForm(),
    }
    return render(request, "library/index.html", context)


@require_safe
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    found = guides.get(slug)
    if found is None:
        raise Http404("No such guide")
    return render(request, "library/guide.html", {"guide": found})


@require_safe
def news_list(request: HttpRequest) -> HttpResponse:
    return render(request, "library/news_list.html", {"posts": NewsPost.objects.published()})


@require_safe
def news_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    post = get_object_or_404(NewsPost.objects.published(), pk=pk)
    if slug != post.slug:
        return redirect(post)
    return render(request, "library/news_detail.html", {"post": post})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "library/search.html", {"search_form": form}, status=400)
    query = form.cleaned_data["q"]
    results = run_search(query)
    context = {"search_form": form, "query": query, "results": results}
    return render(request, "library/search.html", context)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            limit_client(request, "subscribe", SUBSCRIBE_RATE)
        except Refused as refused:
            wait = wait_words(refused.retry_after)
            context = {"form": SubscribeForm(request.POST), "limited": True, "wait": wait}
            return refused.answer(render(request, "library/subscribe.html", context))
    form = SubscribeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        newsletter.subscribe(form.cleaned_data["email"], user=user)
        # The same page whether the address was new, pending or confirmed: no enumeration.
        return redirect("library:subscribe_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "library/subscribe.html", {"form": form}, status=status)


@require_safe
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "library/subscribe_sent.html")


def _bad_link(request: HttpRequest, error: newsletter.BadLink) -> HttpResponse:
    context = {"message": str(error), "expired": error.expired}
    return render(request, "library/bad_link.html", context, status=400)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners follow links), POST confirms."""
    if request.method == "GET":
        try:
            newsletter.subscriber_from_confirm(token)
        except newsletter.BadLink as error:
            return _bad_link(request, error)
        return render(request, "library/confirm.html", {"token": token})
    try:
        newsletter.confirm(token, timezone.now())
    except newsletter.BadLink as error:
        return _bad_link(request, error)
    return render(request, "library/confirmed.html")


@csrf_exempt  # RFC 8058: mail clients POST here with no session, cookie or CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks; POST (from the page or a mail client's one-click button) unsubscribes."""
    try:
        if request.method == "GET":
            newsletter.email_from_unsubscribe(token)
            return render(request, "library/unsubscribe.html", {"token": token})
        newsletter.unsubscribe(token)
    except newsletter.BadLink as error:
        return _bad_link(request, error)
    return render(request, "library/unsubscribed.html")
