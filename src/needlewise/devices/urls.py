from __future__ import annotations

from django.urls import path

from needlewise.devices import views

app_name = "devices"

urlpatterns = [
    path("", views.device_list, name="list"),
    path("add/", views.add, name="add"),
    path("add/custom/", views.add_custom, name="add_custom"),
    path("<int:device_id>/", views.detail, name="detail"),
    path("<int:device_id>/edit/", views.edit, name="edit"),
    path("<int:device_id>/sterilise/", views.sterilise, name="sterilise"),
    path("<int:device_id>/head-change/", views.head_change, name="head_change"),
    path("<int:device_id>/delete/", views.delete, name="delete"),
]
