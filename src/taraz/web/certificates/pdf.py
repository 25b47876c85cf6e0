"""The certificate on paper: Persian (right to left, Persian digits) beside English (Latin
digits), laid out by WeasyPrint with the packaged Vazirmatn font as the bulletin is
(`taraz.publish`), and a QR code drawn as vector SVG by segno holding the verification link
with the signed token in its fragment; the token printed under it as text."""

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


def html_of(cert: Certificate) -> str:
    claims = cert.claims
    fa = {
        "number": to_persian_digits(cert.number),
        "check_code": to_persian_digits(cert.check_code),
        "card": to_persian_digits(claims["sub"]),
        "hs": to_persian_digits(claims["pr"]["hs"]),
        "qty": to_persian_digits(claims["pr"]["qty"]),
        "issued": to_persian_digits(claims["dt"]["iss_j"].replace("-", "/")),
        "expires": to_persian_digits(claims["dt"]["exp_j"].replace("-", "/")),
        "reference": to_persian_digits(claims.get("ref", "")),
    }
    link = link_of(cert)
    context = {
        "cert": cert,
        "c": claims,
        "fa": fa,
        "advice_fa": [(a["fa"], ADVICE_FA.get(a["advice"], a["advice"])) for a in claims["adv"]],
        "advice_en": [(a["en"], ADVICE_EN.get(a["advice"], a["advice"])) for a in claims["adv"]],
        "fonts": font_face_css(),
        "qr": qr_svg_uri(link),
        "link": link,
        "verify_url": verify_url(),
    }
    return render_to_string("certificates/pdf.html", context)


def pdf_bytes(cert: Certificate) -> bytes:
    """The certificate as PDF bytes (A4), with no network: fonts and QR are local."""
    from weasyprint import HTML

    document = HTML(string=html_of(cert), base_url=str(FONT_DIR)).render()
    document.metadata.generator = "taraz"
    document.metadata.title = f"{cert.number}"
    return document.write_pdf()
