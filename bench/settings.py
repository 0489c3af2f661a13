"""The app's own settings, plus the bench's bare page (`bench.urls`): everything else, the
middleware included, is what a real deployment runs."""

from needlewise.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
