"""The one catalogue of what taraz can say went wrong: codes, kinds and message templates.

Every entry of `catalogue.toml` is a stable dotted code (`ingest.unknown-partner`), its kind
(which says what it maps to: an exit code of the command line, an HTTP status of the web) and a
Persian and an English template with named fields (`{file}`, `{row}`, `{n:,}`). Entries of kind
`text` are pieces that other templates include as `{>code}`.

Rendering, per language:
- Persian: numbers get Persian digits and separators (`{n:,}` of 1200 is «۱٬۲۰۰»); text
  with Latin letters or digits in it (a file name, a value as the user wrote it) goes in a
  bidirectional isolate; text between backticks (a command, an option, a code) is kept as it is
  and isolated, backticks removed.
- English: the template as written, backticks kept.
`{where}` is the place of the problem: file, row, column and value, from the fields of those
names, in the message's language.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from taraz.fa import isolate, to_persian_digits

LANGS = ("fa", "en")


class Kind(StrEnum):
    """What kind of problem an entry is; the kind gives its exit code and HTTP status."""

    USAGE = "usage"  # a bad argument, option or request parameter
    DATA = "data"  # a file or value that cannot be used as it is
    NOT_FOUND = "not-found"  # what was asked for does not exist
    NOT_LOADED = "not-loaded"  # no data is loaded for what was asked: never shown as zero
    BUSY = "busy"  # another process holds what is needed; try again later
    CONFLICT = "conflict"  # the request contradicts the present state
    LOGIN = "login"  # sign in first
    PERMISSION = "permission"  # signed in, but not allowed
    RATE_LIMITED = "rate-limited"  # too many requests
    TOO_LARGE = "too-large"  # an upload or input over its limit
    METHOD = "method"  # an HTTP method the route does not answer
    INTERNAL = "internal"  # a fault of taraz itself
    QUARANTINE = "quarantine"  # a row set aside at import, with file, row, column and value
    WARNING = "warning"  # a plausibility warning: the row is loaded and the report says so
    TEXT = "text"  # a piece of wording that other templates include


# kind -> (exit code of the command line, HTTP status); None where the kind is never raised
KIND_MAPS: dict[Kind, tuple[int | None, int | None]] = {
    Kind.USAGE: (2, 400),
    Kind.DATA: (1, 422),
    Kind.NOT_FOUND: (1, 404),
    Kind.NOT_LOADED: (1, 404),
    Kind.BUSY: (1, 503),
    Kind.CONFLICT: (1, 409),
    Kind.LOGIN: (1, 401),
    Kind.PERMISSION: (1, 403),
    Kind.RATE_LIMITED: (1, 429),
    Kind.TOO_LARGE: (1, 413),
    Kind.METHOD: (2, 405),
    Kind.INTERNAL: (1, 500),
    Kind.QUARANTINE: (None, None),
    Kind.WARNING: (None, None),
    Kind.TEXT: (None, None),
}


@dataclass(frozen=True)
class Entry:
    """One code of the catalogue."""

    code: str
    kind: Kind
    fa: str
    en: str
    exit_code: int | None
    http_status: int | None
    note: str = ""

    @property
    def domain(self) -> str:
        return self.code.split(".", 1)[0]

    def template(self, lang: str) -> str:
        return self.fa if lang == "fa" else self.en

    def fields(self) -> set[str]:
        """The field names the templates use (both languages)."""
        return _fields(self.fa) | _fields(self.en)


@cache
def catalogue() -> dict[str, Entry]:
    """Every entry, by code, read once from the package's `catalogue.toml`."""
    text = resources.files("taraz.errors").joinpath("catalogue.toml").read_text("utf-8")
    return parse_catalogue(tomllib.loads(text))


def parse_catalogue(data: Mapping[str, Any]) -> dict[str, Entry]:
    """Entries from the TOML tables `[domain.name]`; raises ValueError on a malformed entry."""
    out: dict[str, Entry] = {}
    for domain, names in data.items():
        if not isinstance(names, Mapping):
            raise ValueError(f"catalogue: {domain!r} is not a table of entries")
        for name, spec in names.items():
            code = f"{domain}.{name}"
            try:
                kind = Kind(spec["kind"])
                fa, en = spec["fa"], spec["en"]
            except (KeyError, ValueError, TypeError) as exc:
                raise ValueError(f"catalogue: {code} needs kind, fa and en ({exc})") from exc
            exit_code, http_status = KIND_MAPS[kind]
            out[code] = Entry(
                code,
                kind,
                fa,
                en,
                spec.get("exit", exit_code),
                spec.get("http", http_status),
                spec.get("note", ""),
            )
    return out


def entry(code: str) -> Entry:
    """The entry of `code`; an unknown code is a fault of taraz and answers as internal."""
    found = catalogue().get(code)
    if found is None:
        return Entry(
            code,
            Kind.INTERNAL,
            "خطای درونی: کد «{code}» در فهرست خطاها نیست",
            "internal error: the code {code} is not in the error catalogue",
            *KIND_MAPS[Kind.INTERNAL],
        )
    return found


def render(code: str, lang: str, fields: Mapping[str, Any]) -> str:
    """The message of `code` in `lang` ("fa" or "en") with `fields` filled in."""
    ent = entry(code)
    values = {"code": code, **fields}
    template = _expand(ent.template(lang), lang)
    if "{where" in template:
        values["where"] = _Rendered(where(lang, **{k: fields.get(k) for k in PLACE_FIELDS}))
    return _render_template(template, lang, values)


PLACE_FIELDS = ("file", "row", "column", "value")


def where(lang: str, **place: Any) -> str:
    """The place of a problem, as far as it is known: «فایل x، ردیف ۳، ستون «y»، مقدار «z»»."""
    parts = []
    for name in PLACE_FIELDS:
        if place.get(name) is not None and place.get(name) != "":
            parts.append(render(f"place.{name}", lang, {name: place[name]}))
    return ("، " if lang == "fa" else ", ").join(parts)


# -- templates ---------------------------------------------------------------------------------

_INCLUDE = re.compile(r"\{>([a-z0-9-]+\.[a-z0-9-]+)\}")
_CODE_SPAN = re.compile(r"`([^`]*)`")
# a run of Latin words in a Persian template (`CSV`, `UTF-8`, `HS`): isolated when rendered
_LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._/:+-]*[A-Za-z0-9])?")


def _expand(template: str, lang: str, depth: int = 0) -> str:
    """Replace `{>code}` with the template of that (text) entry in the same language."""
    if depth > 4:
        return template
    return _INCLUDE.sub(
        lambda m: _expand(entry(m.group(1)).template(lang), lang, depth + 1), template
    )


def _fields(template: str) -> set[str]:
    names = set()
    for piece in _INCLUDE.split(template)[::2]:
        for _, name, _, _ in string.Formatter().parse(piece):
            if name:
                names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


class _Rendered(str):
    """Text already rendered in the message's language: not isolated again."""

    def in_lang(self, lang: str) -> str:
        return str(self)


class _Missing:
    """A field the raise site did not give: shown as an ellipsis rather than failing."""

    def __format__(self, spec: str) -> str:
        return "…"

    def __repr__(self) -> str:
        return "…"


class _Values(dict):
    def __missing__(self, key: str) -> _Missing:
        return _Missing()


class _PersianFormatter(string.Formatter):
    """Numbers in Persian digits and separators; Latin text isolated."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Missing):
            return "…"
        if hasattr(value, "in_lang"):  # a word that has its own Persian form (a month's name)
            return value.in_lang("fa")
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float | Decimal):
            text = format(value, format_spec)
            return to_persian_digits(text.translate(_PERSIAN_SEPARATORS))
        return isolate(format(value, format_spec) if format_spec else str(value))

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value if conversion == "r" else super().convert_field(value, conversion)


class _LatinFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Missing):
            return "…"
        if hasattr(value, "in_lang"):
            return value.in_lang("en")
        return super().format_field(value, format_spec)


_PERSIAN_SEPARATORS = str.maketrans({",": "٬", ".": "٫"})
_PERSIAN = _PersianFormatter()
_LATIN = _LatinFormatter()


def _render_template(template: str, lang: str, values: Mapping[str, Any]) -> str:
    vals = _Values(values)
    if lang != "fa":
        return _LATIN.vformat(template, (), vals)
    out = []
    for i, piece in enumerate(_CODE_SPAN.split(template)):
        if i % 2:  # between backticks: as written, Latin digits, one isolate
            out.append(isolate(_LATIN.vformat(piece, (), vals)))
        else:
            out.append(_PERSIAN.vformat(_isolate_latin_runs(piece), (), vals))
    return "".join(out)


def _isolate_latin_runs(template: str) -> str:
    """Isolate the Latin words written in a Persian template, leaving `{fields}` alone."""
    out = []
    for i, piece in enumerate(re.split(r"(\{[^{}]*\})", template)):
        out.append(piece if i % 2 else _LATIN_RUN.sub(lambda m: isolate(m.group(0)), piece))
    return "".join(out)
