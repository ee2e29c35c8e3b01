"""Django settings for Candour.

Everything comes from environment variables (see `.env.example`), with defaults that are safe
and need no server: SQLite and a filesystem Celery broker when `DATABASE_URL` and `REDIS_URL`
are unset.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_float, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(Path(env_str("CANDOUR_ENV_FILE", str(BASE_DIR / ".env"))))
VAR_DIR = Path(env_str("CANDOUR_VAR_DIR", str(BASE_DIR / "var")))

# For development and tests only: `check --deploy` rejects it; docker-compose requires a real key.
_DEVELOPMENT_SECRET_KEY = "django-insecure-candour-development-only-never-use-in-production"  # noqa: S105

SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "config.apps.CandourAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    # Before allauth: their templates override allauth's with GOV.UK markup.
    "accounts",
    "workspace",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "surveys",
    "responses",
    "exports",
    "audit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.security_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.session_timeouts",
    "accounts.middleware.two_factor_required",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as its documentation asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.candour",
            ],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Database ----------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "candour.sqlite3"}
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check that sends no `SELECT 1` per request (its docstring).
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    # A dead database must fail fast, so /healthz answers 503 instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file (not memory) so that a Celery worker started by a test shares the test database.
    _sqlite_folder = Path(DATABASES["default"]["NAME"]).parent
    DATABASES["default"]["TEST"] = {"NAME": str(_sqlite_folder / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery -------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
REDIS_SOCKET_TIMEOUT = env_float("REDIS_SOCKET_TIMEOUT", 1.0)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "candour",
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
        # Longer than the longest export, so a running task is not redelivered (Celery #3270).
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 4 * 3600),
    }
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_TIMEOUT
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
else:
    # kombu's filesystem transport: a real broker and a real worker, with no server to run.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }

CELERY_BROKER_CONNECTION_TIMEOUT = env_float("CELERY_BROKER_CONNECTION_TIMEOUT", 2.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "candour")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 2 * 3600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = env_str("DJANGO_TIME_ZONE", "Europe/London")

# Exports: packages expire after this many days; a worker's claim on a job lapses this many seconds
# after its last heartbeat; a queued job is sent to the broker again after this long.
EXPORT_RETENTION_DAYS = env_int("CANDOUR_EXPORT_RETENTION_DAYS", 7)
EXPORT_LEASE_SECONDS = env_int("CANDOUR_EXPORT_LEASE_SECONDS", 60)
EXPORT_RESEND_AFTER_SECONDS = env_int("CANDOUR_EXPORT_RESEND_AFTER_SECONDS", 600)
EXPORT_WORK_DIR = VAR_DIR / "export-work"
# The site's address as researchers reach it, for links in e-mails.
CANDOUR_BASE_URL = env_str("CANDOUR_BASE_URL", "http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE["exports.dispatch_due_schedules"] = {
    "task": "exports.dispatch_due_schedules",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["exports.recover_jobs"] = {"task": "exports.recover_jobs", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["exports.expire_packages"] = {
    "task": "exports.expire_packages",
    "schedule": 3600.0,
}

# How long /healthz waits for a worker to answer its ping.
# --- The REST API (api/, docs/api.md) ---------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Candour API",
    "DESCRIPTION": "Surveys, responses and exports of Candour. Authenticate with a personal API "
    "token: `Authorization: Bearer cdr_…`. Worked examples are in docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ResponseStatusEnum": "responses.models.Response.Status",
        "ExportStatusEnum": "exports.models.ExportJob.Status",
        "QualityCheckEnum": ["off", "flag", "drop"],
    },
}
CANDOUR_API_REQUESTS_PER_MINUTE = env_int("CANDOUR_API_REQUESTS_PER_MINUTE", 1200)
API_IDEMPOTENCY_DAYS = env_int("CANDOUR_API_IDEMPOTENCY_DAYS", 2)
CELERY_BEAT_SCHEDULE["api.forget_idempotency_keys"] = {
    "task": "api.forget_idempotency_keys",
    "schedule": 3600.0,
}

HEALTH_WORKER_PING_TIMEOUT = env_float("HEALTH_WORKER_PING_TIMEOUT", 1.5)

# --- Sessions, security ------------------------------------------------------------------------

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "candour_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# One strictly necessary cookie: the CSRF token lives in the session, not in a cookie of its own.
CSRF_USE_SESSIONS = True

HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Respondents must not leak the survey address to the site they leave for. ("no-referrer"
# would also make browsers send `Origin: null` on our own forms, defeating the origin check.)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Researchers' accounts (accounts app: allauth, its MFA, axes) ---------------------------------

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address pair is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:survey_list"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.InvitationOnlyAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Candour] "
ACCOUNT_PREVENT_ENUMERATION = True
# Failed sign-ins are throttled by axes per e-mail address and client address together; allauth's
# own per-address limit on failures would lock a whole office out, so it is off.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Candour"
# Accept the code of the 30-second step before and after too (RFC 6238's advice): a code typed
# as its step ends still works. A used code is refused for the whole window.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
# Researchers must set up an authenticator app before using the workspace.
CANDOUR_REQUIRE_2FA = env_bool("CANDOUR_REQUIRE_2FA", False)
# A signed-in session ends after this long without a request, and this long after signing in.
CANDOUR_SESSION_IDLE_MINUTES = env_int("CANDOUR_SESSION_IDLE_MINUTES", 30)
CANDOUR_SESSION_MAX_HOURS = env_int("CANDOUR_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = CANDOUR_SESSION_MAX_HOURS * 3600
# How long an invitation to sign up stays valid.
CANDOUR_INVITATION_DAYS = env_int("CANDOUR_INVITATION_DAYS", 7)

AXES_FAILURE_LIMIT = env_int("CANDOUR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CANDOUR_LOGIN_LOCKOUT_MINUTES", 15))
# Lock the (e-mail address, client address) pair only: a burst of failures from one office's
# address must not lock out its other researchers, nor one account everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.throttling.username_of_attempt"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_address"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Keep no log of successful sign-ins (address and browser of every researcher visit).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Mail: printed to the console unless an SMTP server is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Candour <candour@localhost>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ----------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# frontend/static is Candour's own; build/static is GOV.UK Frontend, built by `make assets`.
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static", BASE_DIR / "build" / "static"]
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Hashed names need `collectstatic`; production turns them on, development and tests serve as-is.
# Both remember each file's URL once worked out (config.static_storage).
_STATIC_BACKEND = (
    "config.static_storage.ManifestStaticStorage"
    if env_bool("DJANGO_STATIC_MANIFEST", False)
    else "config.static_storage.StaticStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _STATIC_BACKEND},
    # Export packages: never served as media, only through the download view (roles checked).
    "exports": {
        "BACKEND": env_str(
            "CANDOUR_EXPORT_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": (
            {}
            if env_str("CANDOUR_EXPORT_STORAGE_BACKEND")
            else {"location": str(MEDIA_ROOT / "private")}
        ),
    },
}

# --- Logging -----------------------------------------------------------------------------------
# Nothing a respondent does reaches a log with its address, its page or its time (config.logs):
# lines carry no time of their own (the process manager adds one), respondent 4xx lines are not
# written, and warnings and errors from respondent pages are written without path, request data
# or exception message, held back until the next full hour. gunicorn's own logs go through the
# same rules (config/gunicorn.py).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "config.logs.RespondentSafeStreamHandler", "formatter": "plain"}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Candour ---------------------------------------------------------------------------------

# Where "Leave this site quickly" takes a respondent: an ordinary, innocuous page.
CANDOUR_EXIT_URL = env_str("CANDOUR_EXIT_URL", "https://www.bbc.co.uk/weather")
# How many proxies in front of Candour append to X-Forwarded-For (for rate limits only; the
# address is hashed with a salt that lives as long as the window, and kept only in the cache).
CANDOUR_TRUSTED_PROXIES = env_int("CANDOUR_TRUSTED_PROXIES", 0)
# Only a request from one of these addresses or networks may name the client in X-Forwarded-For:
# the same list gunicorn trusts for X-Forwarded-Proto.
CANDOUR_PROXY_ADDRESSES = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])

# The key of the keyed hashes of codes (resume, receipt, invitation, follow-up ticket), kept apart
# from SECRET_KEY: `check --deploy` rejects the development value (responses.checks).
DEVELOPMENT_CODE_PEPPER = "candour-development-code-pepper-never-use-in-production"
CANDOUR_CODE_PEPPER = env_str("CANDOUR_CODE_PEPPER", DEVELOPMENT_CODE_PEPPER)

# Starts allowed per survey per hour, whoever starts (no address is involved).
CANDOUR_SURVEY_STARTS_PER_HOUR = env_int("CANDOUR_SURVEY_STARTS_PER_HOUR", 1000)

# Used invitations and follow-up contacts are rewritten in shuffled batches this often, so that
# the database cannot tie them to answers by time for longer than this (responses.unlinking).
CANDOUR_UNLINK_INTERVAL_SECONDS = env_int("CANDOUR_UNLINK_INTERVAL_SECONDS", 3600)
CELERY_BEAT_SCHEDULE["responses.unlink"] = {
    "task": "responses.unlink",
    "schedule": timedelta(seconds=CANDOUR_UNLINK_INTERVAL_SECONDS),
}
CELERY_BEAT_SCHEDULE["responses.delete_expired"] = {
    "task": "responses.delete_expired",
    "schedule": timedelta(hours=1),
}
