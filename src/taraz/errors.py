"""The root of taraz's errors: every error a user can see says what went wrong in Persian and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class TarazError(Exception):
    """An error with a stable dotted code, a Persian and an English message, and its context."""

    exit_code = 1

    def __init__(
        self, code: str, message_fa: str, message_en: str, context: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{message_en} / {message_fa}")
        self.code = code
        self.message_fa = message_fa
        self.message_en = message_en
        self.context = dict(context or {})

    def message(self, lang: str = "fa") -> str:
        return self.message_fa if lang == "fa" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message_fa": self.message_fa,
            "message_en": self.message_en,
            **({"context": self.context} if self.context else {}),
        }


class UsageError(TarazError):
    """A bad argument or option: exit code 2."""

    exit_code = 2
