"""A certificate's claims for people, by its kind: the facts to compare with the paper, each a
label and a plain text in Persian (Persian digits, the Jalali dates the token carries) or English.

Used by `taraz certificate verify` and the public checker; the offline verifier's script does the
same in the browser (`verifier/verifier.js`, `facts`). The claims are the signed ones, shown as
they are: nothing here decides validity. A kind this module does not know gives no facts (the raw
claims are still shown everywhere).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from taraz.fa import has_persian, isolate, to_persian_digits

ATTENDANCE = "attendance"
QUALITY = "quality"

LABELS: dict[str, tuple[str, str]] = {
    "kind": ("نوع گواهی", "Kind"),
    "number": ("شمارهٔ گواهی", "Number"),
    "issuer": ("صادرکننده", "Issued by"),
    "event": ("رویداد", "Event"),
    "dates": ("تاریخ برگزاری", "Held"),
    "attended": ("حضور", "Attended"),
    "person": ("شرکت‌کننده", "Attendee"),
    "firm": ("شرکت", "Firm"),
    "card": ("شمارهٔ کارت بازرگانی", "Commercial card number"),
    "issued": ("تاریخ صدور", "Issued on"),
    "signatory": ("امضاکننده", "Signed by"),
}
KINDS: dict[str, tuple[str, str]] = {
    ATTENDANCE: ("گواهی حضور در کارگاه", "Certificate of attendance"),
    QUALITY: ("گواهی کیفیت", "Quality certificate"),
}
SESSIONS = ("{n} از {of} نشست", "{n} of {of} sessions")
# why a certificate was suspended or revoked (the revocation list carries the code)
REASONS: dict[str, tuple[str, str]] = {
    "nonconformity": ("کالا دیگر با استاندارد سازگار نیست", "the product no longer conforms"),
    "false-documents": ("مدارک نادرست", "documents found false"),
    "issued-in-error": ("صدور نادرست", "issued in error"),
    "under-review": ("در دست بررسی", "under review"),
    "firm-request": ("درخواست شرکت", "the firm asked"),
    "key-compromise": ("افشای کلید امضا", "signing key compromised"),
    "correction": ("اصلاح محتوا", "corrected content"),
}


def reason_name(code: str | None, lang: str) -> str:
    """A revocation reason in words (Persian or English); an unknown code as it is, isolated
    in Persian."""
    if not code:
        return ""
    known = REASONS.get(code)
    if known is None:
        return isolate(code) if lang == "fa" else code
    return known[0] if lang == "fa" else known[1]


def facts(claims: Mapping[str, Any] | None, lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs of a certificate of attendance's claims, in `lang` (fa or en); []
    for any other kind, or claims not in the form docs/workshops.md gives."""
    if not isinstance(claims, Mapping) or claims.get("knd") != ATTENDANCE:
        return []
    try:
        return _attendance(claims, lang)
    except (KeyError, TypeError, AttributeError):
        return []


def kind_name(claims: Mapping[str, Any] | None, lang: str) -> str:
    """The certificate's kind for people ("" for an unknown one)."""
    kind = claims.get("knd") if isinstance(claims, Mapping) else None
    return _pick(KINDS[kind], lang) if kind in KINDS else ""


def _attendance(c: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    fa = lang == "fa"
    dt, att = c["dt"], c["att"]
    out = [
        ("kind", _pick(KINDS[ATTENDANCE], lang)),
        ("number", _latin(c["jti"], fa)),
        ("issuer", _name(c["iss"], lang)),
        ("event", _name(c["ev"], lang)),
        ("dates", _span(dt, fa)),
        ("attended", _pick(SESSIONS, lang).format(n=_num(att["n"], fa), of=_num(att["of"], fa))),
        ("person", str(c["who"])),
    ]
    if isinstance(c.get("ex"), Mapping):
        out.append(("firm", _name(c["ex"], lang)))
    if c.get("sub"):
        out.append(("card", _latin(c["sub"], fa)))
    out.append(("issued", _day(dt, "iss", fa)))
    if c.get("sig"):
        out.append(("signatory", str(c["sig"])))
    return [(_pick(LABELS[key], lang), text) for key, text in out]


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fa" else pair[1]


def _name(names: Mapping[str, Any], lang: str) -> str:
    """The name in `lang`, the Persian one when there is no English."""
    text = str(names.get(lang) or names.get("fa") or "")
    return isolate(text) if lang == "fa" and text and not has_persian(text) else text


def _latin(text: Any, fa: bool) -> str:
    """A number as written (letters and digits): Persian digits, isolated, in Persian."""
    return isolate(to_persian_digits(str(text))) if fa else str(text)


def _num(n: Any, fa: bool) -> str:
    return to_persian_digits(str(n)) if fa else str(n)


def _day(dt: Mapping[str, Any], name: str, fa: bool) -> str:
    """A day: Jalali with Persian digits in Persian (1405/09/08), ISO and Jalali in English."""
    jalali = str(dt[f"{name}_j"]).replace("-", "/")
    return to_persian_digits(jalali) if fa else f"{dt[name]} ({jalali})"


def _span(dt: Mapping[str, Any], fa: bool) -> str:
    first, last = _day(dt, "from", fa), _day(dt, "to", fa)
    if dt["from"] == dt["to"]:
        return first
    return f"{first} تا {last}" if fa else f"{first} to {last}"
