"""The professional's copy of a client's report, under the client's page (/sharing/clients/)."""

from __future__ import annotations

from django.urls import path

from needlewise.portability import views

app_name = "shared_report"

urlpatterns = [path("<int:grant_id>/report/", views.client_report, name="pdf")]
