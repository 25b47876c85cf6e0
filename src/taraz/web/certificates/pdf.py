"""A certificate on paper: Persian (right to left, Persian digits) beside English (Latin
digits), laid out by WeasyPrint with the packaged Vazirmatn font as the bulletin is
(`taraz.publish`), and a QR code drawn as vector SVG by segno holding the verification link
with the signed token in its fragment; the token printed under it as text.

`signed_pdf` is the machinery every kind shares: a template extending
`certificates/pdf_base.html` (the page, the fonts, the two columns, the QR and the token), given
its own columns' context. The quality certificate (`pdf_bytes`) is one; the certificate of
attendance (`taraz.web.workshops`, through `services.signed_pdf`) another."""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string

from taraz.credentials import verification_link
from taraz.fa import to_persian_digits
from taraz.publish.typeface import FONT_DIR, font_face_css
from taraz.web.certificates.models import Certificate

ADVICE_FA = {"no_objection": "بدون اشکال", "conditions": "با شرط", "objection": "مخالفت"}
ADVICE_EN = {
    "no_objection": "no objection",
    "conditions": "with conditions",
    "objection": "objection",
}


def verify_url() -> str:
    """The public checker's address, from `TARAZ_PUBLIC_URL`."""
    return settings.TARAZ_PUBLIC_URL.rstrip("/") + "/verify/"


def link_of(cert: Certificate) -> str:
    return verification_link(verify_url(), cert.token)


def qr_svg_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI (vector: sharp at any print size)."""
    return segno.make(text, error="m").svg_data_uri(scale=4, border=4)


def signed_html(template: str, context: dict, *, number: str, token: str) -> str:
    """`template` (extending `certificates/pdf_base.html`) with `context`, the fonts, the QR
    code of the verification link of `token`, the link and the checker's address."""
    link = verification_link(verify_url(), token)
    shared = {
        "number": number,
        "token": token,
        "fonts": font_face_css(),
        "qr": qr_svg_uri(link),
        "link": link,
        "verify_url": verify_url(),
    }
    return render_to_string(template, {**context, **shared})


def signed_pdf(template: str, context: dict, *, number: str, token: str) -> bytes:
    """The PDF bytes (A4) of `signed_html`, with no network: fonts and QR are local."""
    from weasyprint import HTML

    html = signed_html(template, context, number=number, token=token)
    document = HTML(string=html, base_url=str(FONT_DIR)).render()
    document.metadata.generator = "taraz"
    document.metadata.title = number
    return document.write_pdf()


def html_of(cert: Certificate) -> str:
    """The quality certificate's page as HTML."""
    return signed_html(
        "certificates/pdf.html", _context(cert), number=cert.number, token=cert.token
    )


def _fa(cert: Certificate) -> dict:
    """The quality certificate's values in Persian digits."""
    claims = cert.claims
    return {
        "number": to_persian_digits(cert.number),
        "check_code": to_persian_digits(cert.check_code),
        "card": to_persian_digits(claims["sub"]),
        "hs": to_persian_digits(claims["pr"]["hs"]),
        "qty": to_persian_digits(claims["pr"]["qty"]),
        "issued": to_persian_digits(claims["dt"]["iss_j"].replace("-", "/")),
        "expires": to_persian_digits(claims["dt"]["exp_j"].replace("-", "/")),
        "reference": to_persian_digits(claims.get("ref", "")),
    }


def _context(cert: Certificate) -> dict:
    claims = cert.claims
    return {
        "cert": cert,
        "c": claims,
        "fa": _fa(cert),
        "advice_fa": [(a["fa"], ADVICE_FA.get(a["advice"], a["advice"])) for a in claims["adv"]],
        "advice_en": [(a["en"], ADVICE_EN.get(a["advice"], a["advice"])) for a in claims["adv"]],
    }


def pdf_bytes(cert: Certificate) -> bytes:
    """The quality certificate as PDF bytes (A4)."""
    return signed_pdf("certificates/pdf.html", _context(cert), number=cert.number, token=cert.token)
