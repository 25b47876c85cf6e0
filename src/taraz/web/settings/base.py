"""What every profile shares. Everything that differs between machines comes from the
environment: the warehouse (`TARAZ_WAREHOUSE`), the service database (`DATABASE_URL`, SQLite
beside the warehouse by default), hosts, limits."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from taraz.ingest.limits import ReaderLimits
from taraz.web import paths

WEB_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value is None or not value.strip() else int(value)


DEBUG = False
ALLOWED_HOSTS = env_list("TARAZ_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("TARAZ_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "taraz.web.site",
    "taraz.web.dashboard",
    "taraz.web.api",
    "taraz.web.audit",
    "taraz.web.datadesk",
    "taraz.web.accounts",
    "taraz.web.exporters",
    "taraz.web.cases",
    "taraz.web.certificates",
    "taraz.web.workshops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "taraz.web.site.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "taraz.web.site.middleware.HeadMiddleware",
    "taraz.web.api.middleware.RateLimitMiddleware",
    "taraz.web.costs.ClientMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "taraz.web.site.middleware.LanguageQueryMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "taraz.web.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "taraz.web.urls"
WSGI_APPLICATION = "taraz.web.wsgi.application"

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
                "taraz.web.site.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{paths.service_db_path()}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # many request threads and a background import share one file: wait rather than fail
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# permissions are predicates over memberships (taraz.web.accounts.permissions, `rules`)
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "dashboard:home"

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "taraz_lang"
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TARAZ_TZ", "Asia/Tehran")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TARAZ_STATIC_ROOT") or paths.static_root())
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "taraz.web.site.finders.VendorFinder",  # plotly.min.js from its wheel, fonts from taraz.publish
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "taraz.web.site.storage.StaticStorage"},
}
WHITENOISE_MAX_AGE = 3600
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "taraz.web.site.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# uploads: files above 2.5 MB go to a temporary file, never all in memory
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("TARAZ_UPLOAD_MAX_FILES", 24)

# taraz
TARAZ_WAREHOUSE = paths.warehouse_path()
TARAZ_WAREHOUSE_WAIT = float(os.environ.get("TARAZ_WAREHOUSE_WAIT", "30"))
TARAZ_UPLOAD_DIR = paths.upload_dir()
TARAZ_UPLOAD_MAX_BYTES = env_int("TARAZ_UPLOAD_MAX_MB", 200) * 1024 * 1024
TARAZ_DEFAULT_PROVINCE = os.environ.get("TARAZ_DEFAULT_PROVINCE", "")  # "" is the whole country
TARAZ_DEFAULT_PERIOD = os.environ.get("TARAZ_DEFAULT_PERIOD", "")  # "" is the latest half-year
# API rate limit: requests per window (seconds) per client address; 0 turns it off
TARAZ_API_RATE = env_int("TARAZ_API_RATE", 300)
TARAZ_API_RATE_WINDOW = env_int("TARAZ_API_RATE_WINDOW", 60)
# how many reverse proxies put their address in X-Forwarded-For (0: use REMOTE_ADDR)
TARAZ_TRUSTED_PROXIES = env_int("TARAZ_TRUSTED_PROXIES", 0)
# staff sign-in throttle: failures per address or per user name before refusals, and how long
# (seconds) a run of failures is remembered (also the refusal's Retry-After)
TARAZ_LOGIN_MAX_FAILURES = env_int("TARAZ_LOGIN_MAX_FAILURES", 5)
TARAZ_LOGIN_WINDOW = env_int("TARAZ_LOGIN_WINDOW", 900)
TARAZ_FIGURE_CACHE = env_int("TARAZ_FIGURE_CACHE", 128)  # selections kept computed
TARAZ_ANSWER_CACHE_MB = env_int("TARAZ_ANSWER_CACHE_MB", 128)  # finished answers kept
TARAZ_PREWARM = env_bool("TARAZ_PREWARM", True)
# the data desk reads each uploaded file in a child process (taraz.ingest.isolation) of at most
# this many MB of address space and seconds; then the file is refused, the server goes on
_reader = ReaderLimits.from_environment()
TARAZ_READER_MEMORY_MB = _reader.memory_mb
TARAZ_READER_SECONDS = _reader.seconds
# accounts: days an invitation stays usable; the issuer an authenticator app shows
TARAZ_INVITATION_DAYS = env_int("TARAZ_INVITATION_DAYS", 7)
OTP_TOTP_ISSUER = os.environ.get("TARAZ_OTP_ISSUER", "taraz")
# exporters: the size bands file (employees -> size class, naming its legal source)
TARAZ_SIZE_BANDS = os.environ.get("TARAZ_SIZE_BANDS", "")
# cases: where their files are kept, the largest file accepted, the SMS provider (a dotted path
# to a class with send(to, text); none: SMS messages wait in the outbox); e-mail goes through
# Django's EMAIL_BACKEND (the console by default: set TARAZ_EMAIL_BACKEND and EMAIL_* in
# production)
TARAZ_CASE_FILES = paths.case_files_dir()
TARAZ_CASE_FILE_MAX_MB = env_int("TARAZ_CASE_FILE_MAX_MB", 10)
TARAZ_SMS_PROVIDER = os.environ.get("TARAZ_SMS_PROVIDER", "")
# certificates: the public address of the site (the QR's link), and the checker's rate limit
TARAZ_PUBLIC_URL = os.environ.get("TARAZ_PUBLIC_URL", "http://localhost:8000")
TARAZ_VERIFY_RATE = env_int("TARAZ_VERIFY_RATE", 10)
TARAZ_VERIFY_RATE_WINDOW = env_int("TARAZ_VERIFY_RATE_WINDOW", 60)
TARAZ_VERIFY_RATE_TOTAL = env_int("TARAZ_VERIFY_RATE_TOTAL", 600)
# the public measures of casework are recomputed from the cases' events at most this often
TARAZ_MEASURES_SECONDS = env_int("TARAZ_MEASURES_SECONDS", 300)
EMAIL_BACKEND = os.environ.get(
    "TARAZ_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("TARAZ_EMAIL_FROM", "taraz@localhost")
# the file backend's folder (`taraz demo` writes its messages there rather than on the console)
EMAIL_FILE_PATH = os.environ.get("TARAZ_EMAIL_FILE_PATH") or None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# new computations (figures of a new selection, a bulletin document; taraz.web.gate): at most
# SLOTS at once in the gate's own threads and QUEUE more waiting; a request waits for them at
# most WAIT seconds (then 503 with Retry-After, the computation going on). At most SLOTS +
# QUEUE request threads wait, at most half of `taraz serve --threads` (TARAZ_THREADS) by
# default: the rest answer what is computed already
TARAZ_THREADS = env_int("TARAZ_THREADS", 8)
TARAZ_COMPUTE_SLOTS = env_int("TARAZ_COMPUTE_SLOTS", 0) or max(1, min(cores(), TARAZ_THREADS // 4))
TARAZ_COMPUTE_QUEUE = env_int("TARAZ_COMPUTE_QUEUE", TARAZ_COMPUTE_SLOTS)
TARAZ_COMPUTE_WAIT = float(os.environ.get("TARAZ_COMPUTE_WAIT") or "3")
# cost units of new computations per client address per window (taraz.web.costs; a new
# selection costs 1, a PDF bulletin 5); 0 turns the limit off
TARAZ_COMPUTE_BUDGET = env_int("TARAZ_COMPUTE_BUDGET", 20)
TARAZ_COMPUTE_BUDGET_WINDOW = env_int("TARAZ_COMPUTE_BUDGET_WINDOW", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TARAZ_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # a PDF's progress, step by step, is no news (certificates, the demo)
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
