from __future__ import annotations

from django.urls import path

from needlewise.suitability import views

app_name = "suitability"

urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:slug>/", views.step, name="step"),
    path("<int:check_id>/", views.result, name="result"),
]
