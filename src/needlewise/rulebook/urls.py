from __future__ import annotations

from django.urls import path

from needlewise.rulebook import views

app_name = "rulebook"

urlpatterns = [
    path("", views.index, name="index"),
    path("ingredients/", views.ingredients, name="ingredients"),
]
