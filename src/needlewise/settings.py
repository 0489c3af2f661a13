"""Needlewise settings: one file, every value read from the environment.

Defaults are safe for production: DEBUG is off, cookies are secure whenever the public URL is
https, and the embedded SQLite database (WAL mode) lives in the data dir, so `needlewise serve`
works on a fresh machine with nothing else installed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

from needlewise.config import Env, email_config, public_url, secret_key

env = Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("NEEDLEWISE_DATA_DIR", "var") or "var").resolve()
DEBUG = env.bool("DEBUG", False)
SECRET_KEY = secret_key(env, DATA_DIR)

PUBLIC_URL = public_url(env.str("NEEDLEWISE_PUBLIC_URL", "http://127.0.0.1:8000") or "")
_public = urlsplit(PUBLIC_URL)
HTTPS = _public.scheme == "https"
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", [_public.hostname or "127.0.0.1", "127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = [f"{_public.scheme}://{_public.netloc}"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "ninja",
    "needlewise",
    "needlewise.accounts",
    "needlewise.rulebook",
    "needlewise.suitability",
    "needlewise.devices",
    "needlewise.treatments",
    "needlewise.reminders",
    "needlewise.products",
    "needlewise.recovery",
    "needlewise.progress",
    "needlewise.library",
    "needlewise.sharing",
    "needlewise.notifications",
    "needlewise.portability",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Framing and CSP before WhiteNoise: static files get the same headers as pages.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "needlewise.unavailable.DatabaseUnavailableMiddleware",  # outside sessions and auth
    "needlewise.cache_headers.PrivateCacheMiddleware",  # sees the session cookie it sets
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "needlewise.accounts.revisions.RevisionMiddleware",  # writes move the data revision
    "django.contrib.messages.middleware.MessageMiddleware",
    "needlewise.accounts.middleware.UserTimezoneMiddleware",
    "needlewise.sharing.middleware.ClientRecordsNeedSecondFactor",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "needlewise.urls"
WSGI_APPLICATION = "needlewise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "needlewise.context_processors.site",
            ],
            # `{{ code|label }}` (rules/labels.py), and dates, counts and units for people
            # (people_words.py), in every template without {% load %}.
            "builtins": ["needlewise.rulebook.templatetags.labels", "needlewise.people_tags"],
        },
    },
]

# --- Database: SQLite in WAL mode by default; DATABASE_URL moves to PostgreSQL.
_database_url = env.url("DATABASE_URL", None, schemes=("postgres", "postgresql", "sqlite"))
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "needlewise.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE avoids "database is locked"
        # on upgrade-to-write; busy_timeout waits instead of failing under light contention.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions and rate limits: Redis when REDIS_URL is set (shared by every web worker
# and host), else local memory and the database.
REDIS_URL = env.url("REDIS_URL", None, schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "needlewise",
        }
    }
    # Sessions read from Redis and are written through to the database, so a Redis restart
    # signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # Login failures counted in Redis, with the cool-off as the key's time to live.
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Rate limits and log-in delays (needlewise.accounts.throttle) count in Redis when it is set,
# else in the database: never in one worker's memory.
NEEDLEWISE_THROTTLE_STORE = "cache" if REDIS_URL else "database"
# The proxies whose X-Forwarded-For names the client (comma-separated addresses or networks).
# Without them every request counts as coming from REMOTE_ADDR, the header is ignored.
NEEDLEWISE_TRUSTED_PROXIES = env.networks("NEEDLEWISE_TRUSTED_PROXIES")

# Pages recall what they read of a person until that person's records change, for at most this
# many seconds (needlewise.person_cache); 0 reads everything on every view.
PERSON_CACHE_SECONDS = env.int("NEEDLEWISE_PERSON_CACHE_SECONDS", 600, minimum=0, maximum=86_400)

# --- Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
# Professionals open client records only once their account has a second factor (an
# authenticator app or a passkey). Turning this off makes `check --deploy` warn.
NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR = env.bool("NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR", True)

# Login throttling: 5 failures for one account from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock lasts exactly the 15 minutes the page promises, however often someone retries.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"  # the login form field, though it holds the e-mail
AXES_CLIENT_IP_CALLABLE = "needlewise.accounts.throttle.client_address"

# --- E-mail: EMAIL_URL, else files under the data dir (the pages that send mail say where).
EMAIL_URL = env.url("EMAIL_URL", None, schemes=("smtp", "smtp+tls", "smtps", "file", "console"))
_email = email_config(EMAIL_URL, DATA_DIR / "mail")
EMAIL_BACKEND = _email.backend
EMAIL_HOST, EMAIL_PORT = _email.host, _email.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email.user, _email.password
EMAIL_USE_TLS, EMAIL_USE_SSL = _email.use_tls, _email.use_ssl
EMAIL_FILE_PATH = _email.file_path
EMAIL_WRITES_FILES = _email.writes_files
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str("NEEDLEWISE_FROM_EMAIL", f"Needlewise <needlewise@{_public.hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files: WhiteNoise serves them from STATIC_ROOT (collectstatic runs in `serve`).
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security headers, always on.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# ...and the HTTPS ones when the public URL is https (behind a TLS-terminating proxy).
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("NEEDLEWISE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
