"""Settings read from the environment, with defaults that make `make run` work on a laptop.

Every variable is listed with its meaning in `.env.example`. Production overrides live in
`production.py`, which refuses to start without a secret key.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Only for local development; production.py demands a real one.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or "insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
# Without SITE_URL, links point at the server `make run` starts (PORT=8080 make run: port 8080).
SITE_URL = (env("SITE_URL", default="") or f"http://127.0.0.1:{env('PORT', default='') or 8000}").rstrip("/")
CSRF_TRUSTED_ORIGINS = [o for o in env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[]) if o] or [SITE_URL]

INSTALLED_APPS = [
    # Project apps first so their templates and translations win over the libraries'.
    "core",
    "content",
    "events",
    "registration",
    "checkin",
    "exhibitors",
    "participation",
    "certificates",
    "peoples_choice",
    "consultations",
    "messaging",
    "reports",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware (its HTTPS redirect still applies; production.py inserts WhiteNoise
    # at position 1, before it): a cached page skips everything below. See core/page_cache.py.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.AdminLoginRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default. WAL lets readers and the writer work at once, IMMEDIATE takes the write lock
# at BEGIN (so two writers queue instead of failing mid-transaction), and the busy timeout makes
# them wait rather than answer "database is locked".
# An empty DATABASE_URL means the default, as for every variable here.
DATABASES = {
    "default": env.db_url_config(env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    # Off by default: the check is one more round trip on every request (a scan makes 4). A connection
    # broken by a database restart fails one request with a 503 and a retry hint, and Django then
    # replaces it; turn the checks on where connections die silently (e.g. behind a pooler).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DATABASE_CONN_HEALTH_CHECKS", default=False)
# The check-in hot path's statements are prepared once per connection (core/db.py); false behind a
# pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASE_PREPARED_STATEMENTS and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # psycopg prepares nothing while this is None (Django's default). Django's own cursors bind on the
    # client and never prepare, so only statements run with prepare=True (core/db.py) are prepared.
    # (core.db.plan_once makes PostgreSQL plan them once per connection.)
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks -----------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A Redis outage degrades to cache misses instead of 500s.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
            "KEY_PREFIX": "ddd",
        }
    }
    # Sessions in the database with a Redis cache in front: survives a Redis outage.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors' public pages are served whole from the cache for this many seconds (also the
# browsers' max-age); publishing or editing content clears them at once. 0 turns the cache off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", default="") or 60)
# The registration form (ticket types and places left) is kept this long at most, in the page cache
# and in browsers: what everyone opens when registration opens, while every order moves its figures.
REGISTRATION_PAGE_SECONDS = int(env("REGISTRATION_PAGE_SECONDS", default="") or 5)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL or "memory://"
# Without a broker, tasks run in the request (fine for a laptop, and for tests).
CELERY_TASK_ALWAYS_EAGER = (
    env.bool("CELERY_TASK_ALWAYS_EAGER") if env("CELERY_TASK_ALWAYS_EAGER", default="") else not REDIS_URL
)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_ACKS_LATE = True
# Periodic work for `celery -A config beat` (each is also a management command for cron).
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-orders": {"task": "registration.tasks.expire_orders", "schedule": 60.0},
    "reconcile-stripe-payments": {"task": "registration.tasks.reconcile_payments", "schedule": 15 * 60.0},
    "remind-bank-transfers": {"task": "registration.tasks.remind_bank_transfers", "schedule": 15 * 60.0},
    "expire-unpaid-booth-applications": {
        "task": "exhibitors.tasks.expire_unpaid_booth_applications",
        "schedule": 60 * 60.0,
    },
    "apply-privacy-retention": {"task": "registration.tasks.apply_retention", "schedule": 24 * 60 * 60.0},
    "delete-old-badge-pdfs": {"task": "checkin.tasks.delete_old_badge_jobs", "schedule": 24 * 60 * 60.0},
    "invite-session-feedback": {
        "task": "participation.tasks.send_feedback_invitations",
        "schedule": 60 * 60.0,
    },
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url_config(env("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = (
    env("DEFAULT_FROM_EMAIL", default="") or "Ngày Chuyển đổi số Đà Nẵng <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who receives support requests and organiser notices.
ORGANISER_EMAILS = env.list("ORGANISER_EMAILS", default=["organisers@localhost"])

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
WAGTAILADMIN_USER_LOGIN_FORM = "wagtail.admin.forms.auth.LoginForm"
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LOCALE_PATHS = [SITE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    SITE_DIR / "static",
    # Front-end packages from npm (`make run` installs them): no CDN, the venue Wi-Fi is crowded.
    ("vendor/fonts", BASE_DIR / "node_modules/@fontsource/be-vietnam-pro/files"),
    ("vendor/jsqr", BASE_DIR / "node_modules/jsqr/dist"),
    # The scanner's offline mode: IndexedDB through idb, its service worker through workbox-sw.
    ("vendor/idb", BASE_DIR / "node_modules/idb/build"),
    ("vendor/uqr", BASE_DIR / "node_modules/uqr/dist"),
    ("vendor/workbox", BASE_DIR / "node_modules/workbox-sw/build"),
    ("vendor/workbox", BASE_DIR / "node_modules/workbox-core/build"),
    ("vendor/workbox", BASE_DIR / "node_modules/workbox-routing/build"),
    ("vendor/workbox", BASE_DIR / "node_modules/workbox-strategies/build"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    # S3-compatible media for several app servers (django-storages must be installed there).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_QUERYSTRING_AUTH = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Ngày Chuyển đổi số Đà Nẵng"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside network; avoid broken avatars
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Da Nang Digital Transformation Day API",
    "DESCRIPTION": "Public, read-only data (events, sessions, speakers, exhibitors, products) and the check-in device API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Wagtail's and wagtail-localize's own endpoints are not part of our contract.
    "PREPROCESSING_HOOKS": ["core.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.document_not_found",
    ],
    # Swagger UI served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Payments -------------------------------------------------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# Bank transfers (VietQR): notifications of incoming transfers POSTed to /payments/bank/webhook/, signed
# with HMAC-SHA256 of the raw body (X-Signature: sha256=<hex>); their JSON shape: "platform" (ours,
# see docs/bank-transfers.md), "sepay" or "casso". A notification of a transfer older than
# BANK_WEBHOOK_MAX_AGE_HOURS is refused as stale (import the statement instead).
BANK_WEBHOOK_SECRET = env("BANK_WEBHOOK_SECRET", default="")
BANK_WEBHOOK_FORMAT = env("BANK_WEBHOOK_FORMAT", default="") or "platform"
BANK_WEBHOOK_MAX_AGE_HOURS = env.int("BANK_WEBHOOK_MAX_AGE_HOURS", default=72)

# --- Check-in ---
# On PostgreSQL, do not wait for the disk flush of each scan (locks and nonces still hold; a database
# crash may lose the last fraction of a second of scans). The organisers' call: off by default.
CHECKIN_ASYNC_COMMIT = env.bool("CHECKIN_ASYNC_COMMIT", default=False)
CHECKIN_DEVICE_RATE = env("CHECKIN_DEVICE_RATE", default="") or "50/s"
CHECKIN_UNDO_SECONDS = env.int("CHECKIN_UNDO_SECONDS", default=300)

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "core.views.ratelimited"
# With Redis down, limits lapse rather than every login getting 429 at once (the check-in device
# rate is counted in the database: checkin.services.scanner_for_token).
RATELIMIT_FAIL_OPEN = True
# Every rate limit's rate, in django-ratelimit's notation ("10/m", "100/5m"); see core/ratelimit.py.
# Password guessing on the admin's and the scanner's logins: per IP and per username.
ADMIN_LOGIN_RATE = env("ADMIN_LOGIN_RATE", default="") or "10/m"
# Orders per IP: a venue or an office shares one address, so the limit is generous.
REGISTRATION_RATE = env("REGISTRATION_RATE", default="") or "30/m"
SUPPORT_REQUEST_RATE = env("SUPPORT_REQUEST_RATE", default="") or "5/10m"
SUPPORT_STATUS_RATE = env("SUPPORT_STATUS_RATE", default="") or "10/10m"  # status look-ups per IP
PERSONAL_AGENDA_RATE = env("PERSONAL_AGENDA_RATE", default="") or "30/h"
# Citizens' participation, per IP: article ratings, questions asked at sessions, votes for questions.
ARTICLE_RATING_RATE = env("ARTICLE_RATING_RATE", default="") or "20/h"
QUESTION_RATE = env("QUESTION_RATE", default="") or "5/10m"
QUESTION_VOTE_RATE = env("QUESTION_VOTE_RATE", default="") or "60/10m"
SESSION_FEEDBACK_RATE = env("SESSION_FEEDBACK_RATE", default="") or "30/10m"
PEOPLES_CHOICE_VOTE_RATE = env("PEOPLES_CHOICE_VOTE_RATE", default="") or "30/10m"
# Comments on draft documents per IP (each still needs its e-mail confirmed).
CONSULTATION_COMMENT_RATE = env("CONSULTATION_COMMENT_RATE", default="") or "10/10m"
# A session's average is public from this many ratings (fewer could point at one person).
SESSION_FEEDBACK_PUBLIC_MINIMUM = 5
# Certificate look-ups per IP: codes are short, so guessing them must be slow.
CERTIFICATE_VERIFY_RATE = env("CERTIFICATE_VERIFY_RATE", default="") or "30/10m"
# The signature printed on certificates: a PNG file; empty, the shipped placeholder.
CERTIFICATE_SIGNATURE_IMAGE = env("CERTIFICATE_SIGNATURE_IMAGE", default="")

# The privacy notice's version recorded with every consent (attendees' and exhibitors'); change it
# when the notice changes, so each record says which text the person agreed to.
PRIVACY_POLICY_VERSION = env("PRIVACY_POLICY_VERSION", default="") or "2025-07"
# Retention: attendees' details are anonymised this many months after their event ends, exhibitors'
# leads sooner (`manage.py apply_retention`, daily in beat); counts for reports and open data stay.
PRIVACY_RETAIN_ATTENDEES_MONTHS = int(env("PRIVACY_RETAIN_ATTENDEES_MONTHS", default="") or 12)
PRIVACY_RETAIN_LEADS_MONTHS = int(env("PRIVACY_RETAIN_LEADS_MONTHS", default="") or 6)
# Decree 13/2023: a download or erasure request is answered within 72 hours; the admin warns this
# many hours before a request's deadline passes.
PRIVACY_REQUEST_DEADLINE_HOURS = int(env("PRIVACY_REQUEST_DEADLINE_HOURS", default="") or 72)
PRIVACY_REQUEST_WARNING_HOURS = int(env("PRIVACY_REQUEST_WARNING_HOURS", default="") or 24)
# Who answers personal-data requests (on the privacy notice); empty: the first ORGANISER_EMAILS.
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="")
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin still relies on inline scripts; the public site allows none (nonces only).
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "frame-src": [
            SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com"],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Django warns of every 4xx answer. A refused scan is a 400 (the device API's contract), recorded as
    # a CheckIn and shown on the dashboard; at the Day's opening that warning cost more than the answer.
    # Every request is in the proxy's access log with its status; this log keeps the faults (5xx).
    "loggers": {"django.request": {"level": "ERROR"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Messages to people (messaging) ---------------------------------------------------------
# Hours before an event, and before each workshop, that attendees get their reminder e-mail.
REMINDER_HOURS_BEFORE_EVENT = int(env("REMINDER_HOURS_BEFORE_EVENT", default="") or 24)
REMINDER_HOURS_BEFORE_WORKSHOP = int(env("REMINDER_HOURS_BEFORE_WORKSHOP", default="") or 2)
CELERY_BEAT_SCHEDULE["send-reminders"] = {"task": "messaging.tasks.send_reminders", "schedule": 5 * 60.0}
# A moved session's seat holders are e-mailed once no edit has come for this many minutes (ten edits,
# one message).
SCHEDULE_CHANGE_DELAY_MINUTES = int(env("SCHEDULE_CHANGE_DELAY_MINUTES", default="") or 5)
CELERY_BEAT_SCHEDULE["send-schedule-changes"] = {
    "task": "messaging.tasks.send_schedule_changes",
    "schedule": 60.0,
}
# Announcements go out in batches of this many e-mails, each batch a background task.
ANNOUNCEMENT_BATCH_SIZE = int(env("ANNOUNCEMENT_BATCH_SIZE", default="") or 200)
CELERY_BEAT_SCHEDULE["resume-announcements"] = {
    "task": "messaging.tasks.resume_announcements",
    "schedule": 60.0,
}
