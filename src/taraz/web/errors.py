"""Errors a web user can cause: a stable code, Persian and English messages, an HTTP status.

The API renders every one of them in one shape (`taraz.web.api.responses.error_response`); the
pages show the message in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from taraz.errors import TarazError


class WebError(TarazError):
    """A TarazError with the HTTP status it answers with (400 unless said)."""

    def __init__(
        self,
        code: str,
        message_fa: str,
        message_en: str,
        context: Mapping[str, Any] | None = None,
        status: int = 400,
    ) -> None:
        super().__init__(code, message_fa, message_en, context)
        self.status = status

    @classmethod
    def wrap(cls, exc: TarazError, status: int = 400) -> WebError:
        return cls(exc.code, exc.message_fa, exc.message_en, exc.context, status)


def not_found(what_fa: str, what_en: str, code: str = "web.not-found", **context: Any) -> WebError:
    return WebError(code, f"{what_fa} پیدا نشد.", f"{what_en} was not found.", context, 404)
