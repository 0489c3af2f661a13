"""The app's URLs plus /bench/bare/, the floor every page is divided by."""

from django.urls import path

from bench.views import bare
from needlewise.urls import urlpatterns as app_urls

urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *app_urls]
