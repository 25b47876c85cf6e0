"""The root of taraz's errors and the one catalogue of codes they come from.

An error is raised by its code and its fields, never by its wording:

    raise TarazError("warehouse.missing", path=target)

The code's entry in `catalogue.toml` gives the kind (and from it the exit code of the command
line and the HTTP status of the web) and the Persian and English templates. Every surface (the
command line, `--json`, the API, the dashboard, the data desk) shows the same code and renders
it with `to_dict()` or `message(lang)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from typing import Any

from taraz.errors.catalogue import KIND_MAPS, Entry, Kind, catalogue, entry, render, where

__all__ = [
    "KIND_MAPS",
    "Entry",
    "Kind",
    "Localised",
    "TarazError",
    "UsageError",
    "catalogue",
    "entry",
    "error_dict",
    "message",
    "render",
    "where",
]


class TarazError(Exception):
    """An error with a stable dotted code from the catalogue and the fields its messages use."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(code)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message('en')}"

    @property
    def entry(self) -> Entry:
        return entry(self.code)

    @property
    def kind(self) -> Kind:
        return self.entry.kind

    @property
    def exit_code(self) -> int:
        return self.entry.exit_code or 1

    @property
    def http_status(self) -> int:
        return self.entry.http_status or 500

    def message(self, lang: str = "fa") -> str:
        return render(self.code, lang, self.fields)

    @property
    def message_fa(self) -> str:
        return self.message("fa")

    @property
    def message_en(self) -> str:
        return self.message("en")

    @property
    def context(self) -> dict[str, Any]:
        """The fields, as JSON values (paths and dates as text, decimals exact)."""
        return {
            k: _json_value(v)
            for k, v in self.fields.items()
            if v is not None and getattr(v, "in_context", True)
        }

    def to_dict(self) -> dict[str, Any]:
        """The one error shape of `--json` and the API (the API adds the HTTP status)."""
        return error_dict(self)


class Localised:
    """A field value that has its own wording in each language (a province's name, a period's
    label, a date), picked when the message is rendered."""

    def __init__(self, fa: str, en: str) -> None:
        self.fa = fa
        self.en = en

    def in_lang(self, lang: str) -> str:
        return self.fa if lang == "fa" else self.en

    def __str__(self) -> str:
        return self.en


class UsageError(TarazError):
    """A bad argument, option or parameter (kind usage: exit code 2, HTTP 400)."""


def message(code: str, lang: str = "fa", **fields: Any) -> str:
    """The message of a code that is not raised: a quarantine reason, a warning, a text."""
    return render(code, lang, fields)


def error_dict(exc: TarazError, status: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": exc.code, "kind": str(exc.kind)}
    if status is not None:
        out["status"] = status
    out["message_fa"] = exc.message_fa
    out["message_en"] = exc.message_en
    out["context"] = exc.context
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PathLike):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    return str(value)
