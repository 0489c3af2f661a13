from __future__ import annotations

from django.urls import path

from needlewise.progress import views

app_name = "progress"

urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.upload, name="upload"),
    path("guide/", views.guide, name="guide"),
    path("compare/", views.compare, name="compare"),
    path("ratings/", views.ratings, name="ratings"),
    path("chart.svg", views.chart_svg, name="chart"),
    path("photos/<int:photo_id>/", views.detail, name="photo"),
    path("photos/<int:photo_id>/measure/", views.measure, name="measure"),
    path("photos/<int:photo_id>/delete/", views.delete, name="delete"),
    path("photos/<int:photo_id>/photo.jpg", views.photo_file, name="file"),
    path("photos/<int:photo_id>/thumb.jpg", views.photo_thumb, name="thumb"),
]
