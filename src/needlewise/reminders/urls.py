from __future__ import annotations

from django.urls import path

from needlewise.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("calendar/rotate/", views.rotate_calendar, name="rotate_calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
