from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from needlewise import views
from needlewise.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("needlewise.accounts.urls")),
    path("rules/", include("needlewise.rulebook.urls")),
    path("check/", include("needlewise.suitability.urls")),
    path("devices/", include("needlewise.devices.urls")),
    path("reminders/", include("needlewise.reminders.urls")),
    path("products/", include("needlewise.products.urls")),
    path("recovery/", include("needlewise.recovery.urls")),
    path("progress/", include("needlewise.progress.urls")),
    path("library/", include("needlewise.library.urls")),
    path("sharing/clients/", include("needlewise.portability.shared_urls")),
    path("sharing/", include("needlewise.sharing.urls")),
    path("my-data/", include("needlewise.portability.urls")),
    path("", include("needlewise.treatments.urls")),
    path("api/", api.urls),
    path("healthz", views.healthz, name="healthz"),
    # The admin's own log-in would take the password alone: ours asks for the second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
]

handler400 = "needlewise.views.bad_request"
handler404 = "needlewise.views.not_found"
handler500 = "needlewise.views.server_error"
