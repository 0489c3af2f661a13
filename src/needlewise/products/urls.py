from __future__ import annotations

from django.urls import path

from needlewise.products import views

app_name = "products"

urlpatterns = [
    path("", views.shelf, name="shelf"),
    path("safe-now/", views.safe_now, name="safe_now"),
    path("add/", views.add, name="add"),
    path("avoid/", views.avoid, name="avoid"),
    path("avoid/<int:entry_id>/remove/", views.avoid_remove, name="avoid_remove"),
    path("<int:product_id>/", views.detail, name="detail"),
    path("<int:product_id>/edit/", views.edit, name="edit"),
    path("<int:product_id>/delete/", views.delete, name="delete"),
]
