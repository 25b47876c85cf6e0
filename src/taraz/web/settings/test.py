"""Tests: a fast password hasher, plain static storage (no manifest), no prewarming, no rate
limit nor budget of computations and a long wait for them, unless a test sets its own. The
service database is a temporary SQLite file, or PostgreSQL when `DATABASE_URL` names it (the
suite runs on both)."""

import os
import tempfile
from pathlib import Path

import dj_database_url

from taraz.web.settings.base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 30
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TARAZ_PREWARM = False
TARAZ_API_RATE = 0
TARAZ_VERIFY_RATE = 0
TARAZ_VERIFY_RATE_TOTAL = 0
TARAZ_COMPUTE_BUDGET = 0
TARAZ_COMPUTE_WAIT = 300  # no test depends on how fast a computation is

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=0)}
else:
    # a file, not memory: the background job thread and request threads then lock the
    # database the way the server does (and wait for each other instead of failing)
    _test_db = Path(tempfile.gettempdir()) / f"taraz-web-test-{os.getpid()}.sqlite3"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_test_db),
            "TEST": {"NAME": str(_test_db)},
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
