"""The embedded server (`taraz serve`): one machine, plain HTTP on localhost or a LAN.

Hardened like production except what needs TLS (HTTPS redirect, HSTS, Secure cookie flag);
`TARAZ_HTTPS=1` turns those on too when a TLS proxy stands in front. The secret key is made once
and kept in the web folder, or comes from `TARAZ_SECRET_KEY`.
"""

import os

from taraz.web import paths
from taraz.web.settings.base import *  # noqa: F403
from taraz.web.settings.base import env_bool

SECRET_KEY = os.environ.get("TARAZ_SECRET_KEY") or paths.local_secret_key()
DEBUG = env_bool("TARAZ_DEBUG", False)

if env_bool("TARAZ_HTTPS", False):
    from taraz.web.settings.tls import *  # noqa: F403
