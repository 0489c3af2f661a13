from __future__ import annotations

from django.urls import path

from needlewise.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.index, name="index"),
    path("grants/<int:grant_id>/revoke/", views.revoke, name="revoke"),
    path("invites/<int:invite_id>/cancel/", views.cancel_invite, name="cancel_invite"),
    path("audit/", views.audit, name="audit"),
    path("professional/", views.professional, name="professional"),
    path("invite/<str:token>/", views.accept, name="accept"),
    path("clients/", views.clients, name="clients"),
    path("clients/<int:grant_id>/", views.client, name="client"),
    path("clients/<int:grant_id>/notes/", views.note, name="note"),
    path("clients/<int:grant_id>/limits/", views.limits, name="limits"),
    path("clients/<int:grant_id>/avoid/", views.avoid, name="avoid"),
    path(
        "clients/<int:grant_id>/photos/<int:photo_id>/photo.jpg",
        views.photo_file,
        name="photo_file",
    ),
    path(
        "clients/<int:grant_id>/photos/<int:photo_id>/thumb.jpg",
        views.photo_thumb,
        name="photo_thumb",
    ),
    path("clients/<int:grant_id>/clear/<int:escalation_id>/", views.clear, name="clear"),
]
