"""Settings for the NEXT TOHOKU MEETUP portal.

Every value comes from the environment. With nothing set the portal runs in local mode:
DEBUG on, SQLite in the project folder, loopback hosts only. With ``DJANGO_DEBUG=false`` a real
``DJANGO_SECRET_KEY`` is required and the production security settings apply.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.retry import Retry

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
            "when DJANGO_DEBUG is false."
        )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The canonical origin for OGP, canonical links, feeds and sitemaps, e.g. https://meetup.example.go.jp
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "simple_history",
    "django_prose_editor",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "pages",
    "supporters",
    "events",
    # Site search and the site map: reads pages, supporters and events, above them.
    "search",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # After the OTP plugins: its admin module unregisters their device admins.
    "accounts",
    "applications",
    "registrations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.AdminContentSecurityPolicyMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    # Before anything reads the body: an over-limit Content-Length is refused unread.
    "core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lock-out noted during the request into the response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "meetup_portal.urls"
WSGI_APPLICATION = "meetup_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL=postgres://user:pass@host:5432/name switches to PostgreSQL (psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent web use: WAL lets readers run beside the writer, IMMEDIATE transactions take
    # the write lock up front so read-then-write transactions do not fail with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Persistent connections: opening one (and, on SQLite, running the PRAGMAs) costs more than
# most of our queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker process and app server: Redis when REDIS_URL is set,
# otherwise a table in the database (created by ``migrate``). Never per-process memory. A Redis
# outage is logged and skipped (core.cache): pages are rendered afresh, /healthz reports it.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
    "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="meetup"),
}
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="meetup"),
            "OPTIONS": {
                # Fail fast when Redis is away, and let core.cache skip the call; no retries.
                "socket_connect_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.25),
                "socket_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.25),
                "retry_on_timeout": False,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    }
else:
    CACHES = {"default": DATABASE_CACHE}
# Rate-limit counters (django-ratelimit) live in the database on every installation: shared by all
# app servers, and still counting when Redis is away. Login throttling (django-axes) uses the
# database handler for the same reasons.
CACHES["ratelimit"] = {**DATABASE_CACHE, "KEY_PREFIX": "ratelimit"}
RATELIMIT_USE_CACHE = "ratelimit"

# AxesBackend refuses locked-out credentials before ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
# Japanese for third-party apps without their own (django-axes, the rich-text editor)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Personal data (application PDFs and uploads) lives here, outside MEDIA_ROOT and never under a URL.
PRIVATE_MEDIA_ROOT = Path(
    env.str("DJANGO_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Local mode serves static files straight from the source folders; production from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_PERMISSIONS = 0o640
# Request bodies (core.middleware.RequestBodyLimitMiddleware, before anything reads them): the
# public site takes at most a 5 MB logo with its form, the admin 20 MB page attachments. The proxy
# in front refuses the same sizes (deploy/nginx.conf, client_max_body_size).
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=6 * 1024 * 1024)
ADMIN_REQUEST_BODY_MAX_BYTES = env.int("ADMIN_REQUEST_BODY_MAX_BYTES", default=21 * 1024 * 1024)
# Form fields other than files, held in memory while parsing: the longest, rich-text page bodies,
# stay far below 2 MB; more is refused with 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded files above 1 MB are spooled to a temporary file, not kept in a worker's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Security headers. SecurityMiddleware sets nosniff, Referrer-Policy, COOP and HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Staff accounts (accounts app): second factor, login throttling, session limits, no-store.
OTP_TOTP_ISSUER = "NEXT TOHOKU MEETUP"
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=8)
# Staff pages offer to continue this many seconds before the idle limit (WCAG 2.2.1).
STAFF_SESSION_WARNING_SECONDS = env.int("STAFF_SESSION_WARNING_SECONDS", default=120)
# Where the second factor is required and which responses are never stored are constants in
# accounts/policy.py, not settings: no environment variable can weaken them.
# django-axes: attempts are kept in the database shared by every process. An account is locked
# after AXES_FAILURE_LIMIT failures, a client address after STAFF_LOGIN_ADDRESS_FAILURE_LIMIT
# (accounts.throttling.StaffLoginHandler applies both limits).
AXES_HANDLER = "accounts.throttling.StaffLoginHandler"
AXES_FAILURE_LIMIT = env.int("STAFF_LOGIN_ACCOUNT_FAILURE_LIMIT", default=5)
STAFF_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("STAFF_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("STAFF_LOGIN_COOLOFF_MINUTES", default=15))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success clears the failures of that account only (StaffLoginHandler.reset_user_attempts).
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# A locked account gets the very page a wrong password gets: nothing tells that it exists.
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# The client address (login throttling, the rate limit, the access log; accounts.clients): behind
# the TLS proxy, the entry of X-Forwarded-For that the trusted proxies added, counted from the right.
CLIENT_ADDRESS_PROXY_COUNT = (
    env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
    else 0
)
AXES_CLIENT_IP_CALLABLE = "accounts.clients.client_address"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Local mode prints mail to the console. Production has no default: the deploy check
# (core.checks) fails until DJANGO_EMAIL_BACKEND names a backend that really sends, so names and
# live status links never end up in the server log instead of the applicant's inbox.
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend" if DEBUG else "",
)
# Seconds an SMTP connection may take; without it a mail server that never answers holds the
# sending process forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
# The outbox worker (manage.py run_worker): a failed mail is retried after BASE, 2×BASE, 4×BASE …
# seconds (at most an hour), shown to staff after OUTBOX_ALERT_AFTER failures and given up after
# OUTBOX_MAX_ATTEMPTS; the worker looks for new work every WORKER_POLL_SECONDS.
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_ALERT_AFTER = env.int("OUTBOX_ALERT_AFTER", default=3)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
WORKER_POLL_SECONDS = env.float("WORKER_POLL_SECONDS", default=1.0)
# /healthz calls the outbox "late" when its oldest unsent mail is older than this.
HEALTHZ_MAIL_LATE_SECONDS = env.int("HEALTHZ_MAIL_LATE_SECONDS", default=15 * 60)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NEXT TOHOKU MEETUP <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "filters": {"mask_status_tokens": {"()": "core.logging.MaskStatusTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_status_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's request warnings and runserver's request lines through our handler, whose
        # filter masks status-link tokens (core.logging).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Sign-ins, failures, lock-outs and second-factor events stay visible at any root level.
        "accounts": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools report every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Applications (サポーターズ参加申込み)
# Submissions per client address, counted in the shared cache, e.g. "5/h" or "1000/h".
APPLY_RATE_LIMIT = env.str("APPLY_RATE_LIMIT", default="5/h")
# Logo uploads kept between 入力 and 送信 (applications/drafts.py): stored uploads per client
# address, the storage they may take per address and in all, and how long an unsent one is kept
# (``apply_retention``, run hourly, deletes older ones).
APPLY_UPLOAD_RATE_LIMIT = env.str("APPLY_UPLOAD_RATE_LIMIT", default="20/h")
APPLY_DRAFT_LOGO_MB_PER_CLIENT = env.int("APPLY_DRAFT_LOGO_MB_PER_CLIENT", default=20)
APPLY_DRAFT_LOGO_MB_TOTAL = env.int("APPLY_DRAFT_LOGO_MB_TOTAL", default=500)
APPLY_DRAFT_MAX_AGE_HOURS = env.int("APPLY_DRAFT_MAX_AGE_HOURS", default=3)
# How long the status link in the acknowledgement mail works (seconds; default 180 days).
APPLY_STATUS_LINK_MAX_AGE = env.int("APPLY_STATUS_LINK_MAX_AGE", default=180 * 24 * 60 * 60)
# Personal data of rejected and withdrawn applications is deleted after this many days.
APPLICATION_RETENTION_DAYS = env.int("APPLICATION_RETENTION_DAYS", default=365)

# Event registration (参加申込み, registrations app)
# Registrations per client address, counted in the shared cache (one office's people often share
# an address, so higher than the application's).
REGISTER_RATE_LIMIT = env.str("REGISTER_RATE_LIMIT", default="20/h")
# How long the link to the registrant's own page works (seconds; default 400 days). The personal
# data itself is deleted SiteSettings.registration_retention_days after the event.
REGISTRATION_LINK_MAX_AGE = env.int("REGISTRATION_LINK_MAX_AGE", default=400 * 24 * 60 * 60)
# Wrong 出席コード (online sessions) a registration may enter before it must wait.
ATTENDANCE_CODE_RATE_LIMIT = env.str("ATTENDANCE_CODE_RATE_LIMIT", default="10/h")

# A form sent with a stale CSRF token: a Japanese page in the admin, and the application form
# keeps what was typed (meetup_portal/views.py, applications/views.py).
CSRF_FAILURE_VIEW = "meetup_portal.views.csrf_failure"
