"""What serving over HTTPS adds: redirect, HSTS, cookies sent only over TLS, the proxy header."""

from taraz.web.settings.base import env_bool, env_int

SECURE_SSL_REDIRECT = env_bool("TARAZ_SSL_REDIRECT", True)
# a TLS-terminating proxy in front says the original scheme in this header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("TARAZ_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TARAZ_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("TARAZ_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
