from __future__ import annotations

from django.urls import path

from needlewise.portability import views

app_name = "portability"

urlpatterns = [
    path("", views.index, name="index"),
    path("report/", views.report, name="report"),
    path("report/send/", views.send_report, name="send_report"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
