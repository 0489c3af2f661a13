from __future__ import annotations

from django.urls import path
from django.views.decorators.http import require_safe

from needlewise.library import cost_views, feeds, views

app_name = "library"

urlpatterns = [
    path("cost/", cost_views.cost, name="cost"),
    path("cost/clinic-price/", cost_views.clinic_price, name="clinic_price"),
    path("cost/<int:entry_id>/delete/", cost_views.cost_delete, name="cost_delete"),
    path("cost/chart.svg", cost_views.cost_chart, name="cost_chart"),
    path("", views.index, name="index"),
    path("guides/<slug:slug>/", views.guide, name="guide"),
    path("news/", views.news_list, name="news"),
    path("news/<int:pk>/<slug:slug>/", views.news_detail, name="news_detail"),
    path("search/", views.search, name="search"),
    path("feed.atom", require_safe(feeds.LibraryFeed()), name="feed"),
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
