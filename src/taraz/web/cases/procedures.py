"""Procedures as data files: one TOML file per version (`data/procedures/<code>-v<n>.toml`,
described in docs/procedures.md), read and checked here, kept as `Procedure` rows by
`services.load_procedures`.

A file is checked whole before anything is stored: a missing key, a body that does not exist, a
target that is not a whole number of working days, a Jalali date that is not a date: each is a
`cases.procedure-file` error naming the file and the key.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from taraz.calendar import parse_day
from taraz.errors import TarazError

PACKAGED = Path(__file__).with_name("data") / "procedures"
TEXT_KEYS = (
    "code",
    "abbrev",
    "name_fa",
    "name_en",
    "summary_fa",
    "summary_en",
    "legal_basis_fa",
    "legal_basis_en",
)
CERTIFICATES = ("", "quality")
DOCUMENT_FORMS = ("copy", "original")


@dataclass(frozen=True)
class ProcedureFile:
    path: Path
    sha256: str
    data: dict[str, Any]

    @property
    def code(self) -> str:
        return self.data["code"]

    @property
    def version(self) -> int:
        return self.data["version"]

    @property
    def valid_from(self) -> date:
        return parse_day(self.data["valid_from"])


def procedure_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or PACKAGED).glob("*.toml"))


def read_procedure(path: Path, body_codes: frozenset[str] | None = None) -> ProcedureFile:
    """Read and check one file; `body_codes`, when given, are the bodies that exist."""
    raw = Path(path).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _bad(path, "", str(exc)) from None
    _check(path, data, body_codes)
    return ProcedureFile(Path(path), hashlib.sha256(raw).hexdigest(), data)


def _bad(path: Path, key: str, detail: str) -> TarazError:
    return TarazError("cases.procedure-file", file=Path(path).name, key=key or "-", detail=detail)


def _check(path: Path, data: dict[str, Any], bodies: frozenset[str] | None) -> None:
    for key in TEXT_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _bad(path, key, "missing or empty text")
    if not data["abbrev"].isascii() or not data["abbrev"].isupper() or len(data["abbrev"]) > 4:
        raise _bad(path, "abbrev", "two to four capital Latin letters")
    for key in ("version", "lapse_days"):
        if not isinstance(data.get(key), int) or isinstance(data[key], bool) or data[key] < 1:
            raise _bad(path, key, "a whole number, 1 or more")
    try:
        parse_day(str(data.get("valid_from", "")))
    except TarazError:
        raise _bad(path, "valid_from", "a Jalali date such as 1404-01-01") from None
    if data.get("certificate", "") not in CERTIFICATES:
        raise _bad(path, "certificate", f"one of {CERTIFICATES}")
    if not isinstance(data.get("silence_approves", False), bool):
        raise _bad(path, "silence_approves", "true or false")
    targets = data.get("targets")
    if not isinstance(targets, dict) or set(targets) != {"screening", "decision"}:
        raise _bad(path, "targets", "screening and decision, in working days")
    for key, value in targets.items():
        _days(path, f"targets.{key}", value)
    _documents(path, data.get("documents"))
    _fees(path, data.get("fees", []), bodies)
    _advice(path, data.get("advice"), bodies)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise _bad(path, "steps", "at least one [[steps]]")
    for i, step in enumerate(steps, 1):
        for key in ("code", "name_fa", "name_en", "who", "note_fa", "note_en"):
            if not isinstance(step.get(key), str) or not step[key].strip():
                raise _bad(path, f"steps[{i}].{key}", "missing or empty text")


def _days(path: Path, key: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 250:
        raise _bad(path, key, "a whole number of working days, 1 to 250")


def _documents(path: Path, documents: Any) -> None:
    if not isinstance(documents, list) or not documents:
        raise _bad(path, "documents", "at least one [[documents]]")
    seen = set()
    for i, doc in enumerate(documents, 1):
        for key in ("code", "name_fa", "name_en"):
            if not isinstance(doc.get(key), str) or not doc[key].strip():
                raise _bad(path, f"documents[{i}].{key}", "missing or empty text")
        if doc["code"] in seen:
            raise _bad(path, f"documents[{i}].code", f"{doc['code']} twice")
        seen.add(doc["code"])
        if doc.get("form") not in DOCUMENT_FORMS:
            raise _bad(path, f"documents[{i}].form", "copy or original")
        if not isinstance(doc.get("required"), bool):
            raise _bad(path, f"documents[{i}].required", "true or false")


def _fees(path: Path, fees: Any, bodies: frozenset[str] | None) -> None:
    if not isinstance(fees, list):
        raise _bad(path, "fees", "a list of [[fees]]")
    for i, fee in enumerate(fees, 1):
        try:
            amount = Decimal(str(fee.get("amount_rial")))
        except InvalidOperation:
            amount = Decimal(-1)
        if (
            not isinstance(fee.get("amount_rial"), str)
            or amount < 0
            or amount != amount.to_integral()
        ):
            raise _bad(path, f"fees[{i}].amount_rial", 'whole rials as text digits, such as "0"')
        if bodies is not None and fee.get("paid_to") not in bodies:
            raise _bad(path, f"fees[{i}].paid_to", f"no body {fee.get('paid_to')!r}")


def _advice(path: Path, advice: Any, bodies: frozenset[str] | None) -> None:
    if not isinstance(advice, list) or not advice:
        raise _bad(path, "advice", "at least one [[advice]]")
    for i, entry in enumerate(advice, 1):
        has_body, has_kind = "body" in entry, "kind" in entry
        if has_body == has_kind:
            raise _bad(path, f"advice[{i}]", "either body or kind")
        if has_body and bodies is not None and entry["body"] not in bodies:
            raise _bad(path, f"advice[{i}].body", f"no body {entry['body']!r}")
        _days(path, f"advice[{i}].target_days", entry.get("target_days"))
        for key in ("countersign", "required"):
            if not isinstance(entry.get(key), bool):
                raise _bad(path, f"advice[{i}].{key}", "true or false")


# -- reading a loaded definition -------------------------------------------------------------


def advice_for(definition: dict[str, Any], body_code: str, body_kind: str) -> dict[str, Any] | None:
    """The procedure's advice entry for a body: by its code, else by its kind."""
    for entry in definition["advice"]:
        if entry.get("body") == body_code:
            return entry
    for entry in definition["advice"]:
        if entry.get("kind") == body_kind:
            return entry
    return None


def required_documents(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in definition["documents"] if d["required"]]
