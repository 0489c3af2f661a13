from __future__ import annotations

from django.urls import path

from needlewise.treatments import setup_views, views

app_name = "treatments"

urlpatterns = [
    path("start/", setup_views.welcome, name="setup"),
    path("start/continue/", setup_views.resume, name="setup_resume"),
    path("start/sterilise/", setup_views.sterilise, name="setup_sterilise"),
    path("start/first-session/", setup_views.first_date, name="setup_first_date"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/resume/", views.plan_resume, name="plan_resume"),
    path("plans/<int:plan_id>/end/", views.plan_end, name="plan_end"),
    path("plans/<int:plan_id>/start/", views.session_start, name="start"),
    path("sessions/<uuid:key>/", views.session_detail, name="session"),
    path("sessions/<uuid:key>/aftercare/", views.session_aftercare, name="aftercare"),
    path("sessions/<uuid:key>/prepare/", views.session_prepare, name="prepare"),
    path("sessions/<uuid:key>/glide/", views.session_glide, name="glide"),
    path("sessions/<uuid:key>/technique/", views.session_technique, name="technique"),
    path("sessions/<uuid:key>/finish/", views.session_finish, name="finish"),
    path("sessions/<uuid:key>/discard/", views.session_discard, name="discard"),
]
