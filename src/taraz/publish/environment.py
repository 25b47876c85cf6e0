"""The Jinja2 environment of the bulletin: template files, the wording filters, user overrides.

Templates are files under `templates/<lang>/` (and `templates/bulletin.css`). A public-relations
office edits the wording by copying a file to `$TARAZ_TEMPLATES_DIR/<lang>/` (default
`~/.config/taraz/templates/<lang>/`) and changing it there: a file found there is used instead of
the packaged one of the same name, so an upgrade of taraz never overwrites their text.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from taraz.calendar import format_jalali_date
from taraz.fa import first_strong, format_number, isolate_latin
from taraz.publish import amount_words

TEMPLATE_DIR = Path(__file__).parent / "templates"
ENV_VAR = "TARAZ_TEMPLATES_DIR"


def _tehran() -> tzinfo:
    """Iran's time zone (moments are shown as days in Tehran), +03:30 without a tz database."""
    try:
        return ZoneInfo("Asia/Tehran")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the system
        return timezone(timedelta(hours=3, minutes=30))


TEHRAN = _tehran()


def template_dirs() -> list[Path]:
    """Where templates are looked up, first match wins: the user's directory, then the package's."""
    user = os.environ.get(ENV_VAR)
    first = Path(user).expanduser() if user else Path.home() / ".config" / "taraz" / "templates"
    return [first, TEMPLATE_DIR]


def environment(lang: str, autoescape: bool = False) -> Environment:
    """An environment whose filters write in `lang` ("fa" or "en")."""
    if lang not in amount_words.LANGS:
        raise ValueError(f"lang must be one of {amount_words.LANGS}, not {lang!r}")
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs()]),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        usd=lambda v: amount_words.usd(v, lang),
        tonnes=lambda v: amount_words.tonnes(v, lang),
        thousand_tonnes=partial(amount_words.thousand_tonnes, lang=lang),
        percent=partial(amount_words.percent, lang=lang),
        growth=partial(amount_words.growth, lang=lang),
        balance=lambda v, sign=None: amount_words.balance(v, sign, lang),
        count=partial(amount_words.count, lang=lang),
        number=lambda v, decimals=0: format_number(amount_words.decimal(v), lang, decimals),
        day=partial(format_day, lang=lang),
        and_list=partial(and_list, lang=lang),
        bidi=partial(bidi, lang=lang, html=autoescape),
        isolates=bdi if autoescape else _as_text,
    )
    return env


def _as_text(text: Any) -> str:
    return "" if text is None else str(text)


def bidi(text: Any, lang: str = "fa", html: bool = False) -> Any:
    """Text as the document prints it: in Persian, Latin runs in isolates (and bare Latin
    numbers in Persian digits); in HTML, escaped, with isolates as `<bdi>` elements."""
    text = "" if text is None else str(text)
    if lang == "fa":
        text = isolate_latin(text)
    return bdi(text) if html else text


_ISOLATE = re.compile("([\u2066\u2067\u2068])([^\u2069]*)\u2069")
_DIRECTIONS = {"\u2066": "ltr", "\u2067": "rtl"}


def bdi(text: Any) -> Markup:
    """Text for HTML, escaped, with each bidi isolate (U+2066/U+2067/U+2068 ... U+2069) as a
    `<bdi dir=...>` element: browsers and WeasyPrint keep an element's direction across line
    breaks, where WeasyPrint loses a plain-text isolate at the end of a line."""
    text = "" if text is None else str(text)
    out, last = [], 0
    for m in _ISOLATE.finditer(text):
        opener, inner = m.group(1), m.group(2)
        direction = _DIRECTIONS.get(opener) or first_strong(inner)
        out.append(str(escape(text[last : m.start()])))
        out.append(f'<bdi dir="{direction}">{escape(inner)}</bdi>')
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def labels(lang: str) -> dict[str, Any]:
    """The headings, table columns, sheet names and chart titles of `lang` (labels.toml)."""
    for d in template_dirs():
        path = d / lang / "labels.toml"
        if path.is_file():
            return _read_toml(str(path), path.stat().st_mtime_ns)
    raise FileNotFoundError(f"no labels.toml for {lang!r} in {template_dirs()}")


@lru_cache(maxsize=8)
def _read_toml(path: str, _mtime_ns: int) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def and_list(items, lang: str = "fa") -> str:
    """«الف، ب و ج» / "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    comma, conj = ("، ", " و ") if lang == "fa" else (", ", " and ")
    return comma.join(items[:-1]) + conj + items[-1]


def format_day(value: str | date | datetime | None, lang: str = "fa") -> str:
    """A day of the figures (ISO text) for people: «۲ فروردین ۱۴۰۳» / "2 Farvardin 1403 (22
    March 2024)". A moment is read as its calendar day in its own time zone."""
    day = as_day(value)
    return "" if day is None else format_jalali_date(day, lang)


def as_day(value: str | date | datetime | None) -> date | None:
    """A day of the figures (ISO text of a day or a moment) as a date; a moment with a time
    zone is the day it was in Tehran."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(TEHRAN)
        value = value.date()
    return value


def paragraphs(text: str) -> list[str]:
    """A rendered statement as paragraphs: blank lines separate them, the lines of one are
    joined with single spaces, and no space is left before punctuation or inside brackets (so a
    template can break its sentences over lines and around `{% if %}` blocks freely)."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        p = " ".join(block.split())
        p = re.sub(r"\s+([،؛.,;:!?)»])", r"\1", p)
        p = re.sub(r"([(«])\s+", r"\1", p)
        if p:
            out.append(p)
    return out
