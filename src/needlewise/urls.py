from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

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
    path("admin/", admin.site.urls),
]

handler404 = "needlewise.views.not_found"
handler500 = "needlewise.views.server_error"
