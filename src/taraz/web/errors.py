"""What the web answers when something is wrong: a TarazError of the catalogue, whose kind
gives the HTTP status; and the codes of the bare HTTP statuses (an unknown address, a method
not allowed, a server error) so that every answer has a code."""

from __future__ import annotations

from taraz.errors import TarazError

# the catalogue code of a bare HTTP status (one that no TarazError raised)
STATUS_CODES = {
    400: "web.bad-request",
    401: "web.login-required",
    403: "web.forbidden",
    404: "web.not-found",
    405: "web.method-not-allowed",
    429: "web.rate-limited",
    500: "web.server-error",
    503: "warehouse.unavailable",
}


def status_error(status: int, **fields) -> TarazError:
    """The TarazError a bare HTTP status stands for."""
    return TarazError(STATUS_CODES.get(status, "web.server-error"), **fields)
