"""Production: behind a TLS proxy, secrets and hosts from the environment, nothing defaulted
that would be unsafe. `manage.py check --deploy` is clean with these settings.

Required: `TARAZ_SECRET_KEY` (50+ random characters) and `TARAZ_ALLOWED_HOSTS`.
Usual: `DATABASE_URL` (PostgreSQL), `TARAZ_WAREHOUSE`, `TARAZ_CSRF_TRUSTED_ORIGINS`.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from taraz.web.settings.base import *  # noqa: F403
from taraz.web.settings.tls import *  # noqa: F403

SECRET_KEY = os.environ.get("TARAZ_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "TARAZ_SECRET_KEY must hold a random secret of 50 characters or more in production "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if not os.environ.get("TARAZ_ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "TARAZ_ALLOWED_HOSTS must name the site's host names in production (comma-separated)."
    )
DEBUG = False
