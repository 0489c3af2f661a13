from __future__ import annotations

from django.urls import path

from needlewise.recovery import views

app_name = "recovery"

urlpatterns = [
    path("", views.index, name="index"),
    path("checkin/", views.checkin, name="checkin"),
    path("<int:checkin_id>/", views.result, name="result"),
    path("late/<uuid:key>/<int:day>/", views.late_checkin, name="late"),
    path("sessions/<uuid:key>/", views.session_detail, name="session"),
    path("sessions/<uuid:key>/chart.svg", views.session_chart, name="chart"),
    path("escalations/<int:escalation_id>/clear/", views.escalation_clear, name="clear"),
]
