"""The one settings module. Everything comes from the environment (see docs/settings.md).

Parsing is strict: a value we do not understand stops start-up with a one-line
reason instead of being guessed at.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from heartwork import languages
from heartwork.bootstrap import MASTER_KEY_FILE, SECRET_KEY_FILE
from heartwork.core.ratelimit import DEFAULT_RATES, Rate, parse_rate
from heartwork.envparse import (
    SettingError,
    env_bool,
    env_list,
    env_secret,
    env_str,
    parse_database_url,
)
from heartwork.reminders.config import (
    huey_settings,
    port_setting,
    queue_setting,
    quiet_setting,
    url_setting,
)

django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent

# Secrets no production install may run with. Django refuses an empty SECRET_KEY
# itself; these are values someone could copy from our docs or tests.
KNOWN_DEFAULT_SECRETS = frozenset(
    {
        "change-me",
        "changeme",
        "secret",
        "heartwork",
        "insecure-development-key-do-not-use-in-production-heartwork",
    }
)
# Only ever used with HEARTWORK_DEBUG=true; production refuses it (KNOWN_DEFAULT_SECRETS).
DEV_SECRET_KEY = "insecure-development-key-do-not-use-in-production-heartwork"  # noqa: S105
MAX_REQUEST_BYTES = 100 * 1024

try:
    DATA_DIR = Path(env_str("HEARTWORK_DATA_DIR", "var")).expanduser().resolve()
    DEBUG = env_bool("HEARTWORK_DEBUG", default=False)
    ALLOWED_HOSTS = env_list("HEARTWORK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
    HTTPS = env_bool("HEARTWORK_HTTPS", default=False)
    _secret = env_secret("HEARTWORK_SECRET_KEY")
    # Kept as text here; heartwork.core.keys parses it into a keyring.
    HEARTWORK_MASTER_KEY = env_secret("HEARTWORK_MASTER_KEY")
    _database_url = env_str("DATABASE_URL")
    _database = parse_database_url(_database_url) if _database_url else None
    _hsts_seconds = env_str("HEARTWORK_HSTS_SECONDS", "0")
    HSTS_INCLUDE_SUBDOMAINS = env_bool("HEARTWORK_HSTS_INCLUDE_SUBDOMAINS", default=False)
    HSTS_PRELOAD = env_bool("HEARTWORK_HSTS_PRELOAD", default=False)
    _trusted_proxies = env_str("HEARTWORK_TRUSTED_PROXIES", "0")
    _rate_limits_on = env_bool("HEARTWORK_RATE_LIMITS", default=True)
    _rates = {
        scope: env_str(f"HEARTWORK_RATE_LIMIT_{scope.upper()}", default)
        for scope, default in DEFAULT_RATES.items()
    }
except SettingError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

HEARTWORK_MASTER_KEY_PATH = DATA_DIR / MASTER_KEY_FILE


def _hsts(value: str) -> int:
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"HEARTWORK_HSTS_SECONDS must be a whole number of seconds, not {value!r}"
        )
    if int(value) and not HTTPS:
        # A browser ignores the header over plain HTTP; asking for it there is a mistake.
        raise ImproperlyConfigured("HEARTWORK_HSTS_SECONDS needs HEARTWORK_HTTPS=true")
    return int(value)


def _rate_limits() -> dict[str, Rate | None]:
    """Each scope's limit (heartwork.core.ratelimit); None where it is off."""
    if not _rate_limits_on:
        return dict.fromkeys(_rates)
    try:
        return {
            scope: parse_rate(f"HEARTWORK_RATE_LIMIT_{scope.upper()}", value)
            for scope, value in _rates.items()
        }
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


RATE_LIMITS = _rate_limits()

if not _trusted_proxies.isdigit():
    raise ImproperlyConfigured(
        f"HEARTWORK_TRUSTED_PROXIES must be a whole number of proxies, not {_trusted_proxies!r}"
    )
TRUSTED_PROXIES = int(_trusted_proxies)


def _secret_key(value: str | None) -> str:
    """The secret comes from the environment, else the file ``heartwork serve`` writes."""
    if value is None:
        path = DATA_DIR / SECRET_KEY_FILE
        if path.exists():
            value = path.read_text(encoding="utf-8").strip()
    if value is None:
        if DEBUG:
            return DEV_SECRET_KEY
        raise ImproperlyConfigured(
            "HEARTWORK_SECRET_KEY is missing: set it, or start with `heartwork serve`, "
            "which creates one in HEARTWORK_DATA_DIR"
        )
    if not DEBUG and (value.lower() in KNOWN_DEFAULT_SECRETS or len(value) < 32):
        raise ImproperlyConfigured(
            "HEARTWORK_SECRET_KEY is a default or too short (under 32 characters); "
            "refusing to run in production mode"
        )
    return value


SECRET_KEY = _secret_key(_secret)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "heartwork.core",
    "heartwork.audit",
    "heartwork.accounts",
    "heartwork.journal",
    "heartwork.drafts",
    "heartwork.partners",
    "heartwork.safety",
    "heartwork.program",
    "heartwork.wellbeing",
    "heartwork.checkin",
    "heartwork.space",
    "heartwork.trust",
    "heartwork.rituals",
    "heartwork.couples",
    "heartwork.agreements",
    "heartwork.reminders",
    "heartwork.privacy",
    "huey.contrib.djhuey",
    "heartwork.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heartwork.core.middleware.ApiJsonErrorsMiddleware",
    "heartwork.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "heartwork.core.middleware.UserTimeZoneMiddleware",
    # After authentication: a logged-in person's own language wins over the browser's.
    "heartwork.accounts.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the outcome of authentication in the views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heartwork.urls"
WSGI_APPLICATION = "heartwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # discreet_title and site_name: see heartwork.web.discreet.
                "heartwork.web.discreet.discreet_context",
                # safety_crisis, safety_card and the crisis lines: heartwork.safety.context.
                "heartwork.safety.context.crisis_context",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    if _database is None:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        db: dict[str, object] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "heartwork.sqlite3"),
        }
    else:
        db = dict(_database)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer commits; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue up instead of failing mid-transaction.
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    else:
        db["CONN_MAX_AGE"] = 60
        db["CONN_HEALTH_CHECKS"] = True
    return {"default": db}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Brute-force protection: lock a user name from one address after five misses.
# Locking on the pair (not the name alone) stops someone from locking another
# person out of their own account just by knowing their email.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "heartwork.accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "heartwork.accounts.lockout.username_from_request"
AXES_VERBOSE = False
# Failed attempts are enough for the lock; a record of every successful log-in is not kept.
AXES_DISABLE_ACCESS_LOG = True
# The same client address as the rate limits, behind reverse proxies too (docs/security.md).
AXES_CLIENT_IP_CALLABLE = "heartwork.core.ratelimit.client_ip"

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_REFERRER_POLICY = "same-origin"
# HSTS is off unless asked for: once a browser has seen it, the site cannot go back to
# plain HTTP for that long, and a self-hoster may still be trying HTTPS out.
SECURE_HSTS_SECONDS = _hsts(_hsts_seconds)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
# `check --deploy` warns about each HSTS choice left off. They are the operator's to make,
# each with its own setting and a page explaining the risk (docs/security.md), so an
# install that chose is not told off for it. Plain HTTP is still flagged, as it should be.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen_off in [
        ("security.W004", not SECURE_HSTS_SECONDS),
        ("security.W005", not SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", not SECURE_HSTS_PRELOAD),
    ]
    if chosen_off
]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "heartwork.web.views.csrf_failure"

# No inline script or style anywhere: everything comes from our own static files.
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
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

# heartwork.languages lists them (English and Spanish); docs/settings.md, "Language".
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = list(languages.LANGUAGES)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
# Static files are served from the installed package by WhiteNoise (below), so
# there is no collectstatic step and no folder to keep in sync.
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The cache never holds user text; it only backs rate counters and similar.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Error reports never carry request bodies or local variables: they may hold
# someone's journal. See heartwork.core.reporting.
DEFAULT_EXCEPTION_REPORTER_FILTER = "heartwork.core.reporting.PrivateExceptionReporterFilter"
ADMINS: list[tuple[str, str]] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "heartwork": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 20
# Each item of a page is decrypted; a cap keeps one request from decrypting everything.
NINJA_PAGINATION_MAX_LIMIT = 100

# Reminders, their emails and the background worker (docs/reminders.md).
try:
    HEARTWORK_QUIET_HOURS = quiet_setting(
        "HEARTWORK_QUIET_HOURS", env_str("HEARTWORK_QUIET_HOURS", "22:00-08:00")
    )
    # The address people reach the app at, for links in emails and the calendar feed.
    HEARTWORK_BASE_URL = url_setting(
        "HEARTWORK_BASE_URL",
        env_str("HEARTWORK_BASE_URL", "http://127.0.0.1:8000"),
        ("http", "https"),
    )
    HEARTWORK_RUN_WORKER = env_bool("HEARTWORK_RUN_WORKER", default=True)
    _redis_url = env_str("HEARTWORK_REDIS_URL")
    if _redis_url:
        url_setting("HEARTWORK_REDIS_URL", _redis_url, ("redis", "rediss", "unix"))
    # sqlite (a file in the data dir), redis or postgres (tables in DATABASE_URL's database).
    HEARTWORK_QUEUE = queue_setting(
        "HEARTWORK_QUEUE",
        env_str("HEARTWORK_QUEUE"),
        redis_url=_redis_url,
        database_engine=str(DATABASES["default"]["ENGINE"]),
    )
    # Email is off unless a host is set; then SMTP, with STARTTLS unless turned off.
    EMAIL_HOST = env_str("HEARTWORK_EMAIL_HOST")
    EMAIL_PORT = port_setting("HEARTWORK_EMAIL_PORT", env_str("HEARTWORK_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_str("HEARTWORK_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_secret("HEARTWORK_EMAIL_PASSWORD") or ""
    EMAIL_USE_TLS = env_bool("HEARTWORK_EMAIL_TLS", default=True)
    DEFAULT_FROM_EMAIL = env_str("HEARTWORK_EMAIL_FROM", "reminders@localhost")
except SettingError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

HEARTWORK_EMAIL_ENABLED = bool(EMAIL_HOST)
EMAIL_TIMEOUT = 20
HUEY = huey_settings(DATA_DIR, _redis_url, HEARTWORK_QUEUE)
