"""The offline verifier: one HTML page that gives `verify`'s verdict on a token in any browser,
from a file or any web host, with no network: the root pinned in the page, the signed lists
beside it, the signatures checked by the browser's WebCrypto (docs/credentials.md, "The offline
verifier").

    DIR/index.html        the page; its script (verifier.js) inline, pinned by its SHA-384 in
                          the page's Content-Security-Policy, which forbids any network
    DIR/lists.js          the trust list and the revocation list, as the page reads them
    DIR/trust-list.jws    the same lists as files, for `taraz certificate verify`
    DIR/revocations.jws
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from taraz.credentials.keystore import REVOCATION_LIST_FILE, TRUST_LIST_FILE
from taraz.credentials.lists import REVOCATION_LIST, TRUST_LIST
from taraz.credentials.summary import KINDS, LABELS, REASONS, SESSIONS
from taraz.credentials.verification import CODES
from taraz.errors import Localised, TarazError
from taraz.errors.catalogue import entry

if TYPE_CHECKING:
    from taraz.credentials.keystore import KeyStore

PAGE_FILE = "index.html"
LISTS_FILE = "lists.js"
LIST_CODES = (
    "credentials.list-missing",
    "credentials.list-unreadable",
    "credentials.list-tampered",
    "credentials.list-other-root",
)
# the page's words; the verdicts' are the catalogue's, as on every other surface
UI: dict[str, tuple[str, str]] = {
    "title": ("بررسی گواهی تراز", "taraz certificate verifier"),
    "intro": (
        "این صفحه امضای گواهی را در همین مرورگر بررسی می‌کند و چیزی به جایی نمی‌فرستد؛ بی‌اینترنت هم کار می‌کند.",
        "This page checks a certificate's signature in this browser and sends nothing anywhere; "
        "it works without a connection.",
    ),
    "token_label": (
        "توکن یا پیوند گواهی (زیر کد QR)",
        "The certificate's token or link (under its QR code)",
    ),
    "placeholder": ("توکن یا پیوند را اینجا بچسبانید", "Paste the token or the link here"),
    "check": ("بررسی", "Check"),
    "valid": ("گواهی معتبر است.", "The certificate is valid."),
    "not_valid": ("گواهی معتبر نیست.", "The certificate is not valid."),
    "stale": (
        "هشدار: فهرست ابطال کهنه است؛ گواهی تأیید نشد.",
        "Warning: the revocation list is out of date; the certificate is not confirmed.",
    ),
    "refused": (
        "فهرست‌های این بررسی‌کننده پذیرفته نشد؛ هیچ گواهی‌ای با آن بررسی نمی‌شود.",
        "This verifier's lists are refused; it checks no certificate with them.",
    ),
    "no_webcrypto": (
        "این مرورگر رمزنگاری وب (WebCrypto) را در این صفحه در دسترس نمی‌گذارد؛ صفحه را با Chromium، Chrome یا Edge باز کنید.",
        "This browser does not offer WebCrypto to this page; open it with Chromium, Chrome or Edge.",
    ),
    "claims_caption": (
        "ادعاهای امضاشده: با گواهی کاغذی مقایسه کنید.",
        "The signed claims: compare them with the paper.",
    ),
    "checked_at": ("بررسی در", "Checked on"),
    "revocation_at": ("از تاریخ", "Since"),
    "signing_key": ("کلید امضا:", "Signing key:"),
    "lists_heading": ("فهرست‌ها", "The lists"),
    "root_label": (
        "شناسهٔ کلید ریشه (با شناسهٔ چاپ‌شده روی گواهی مقایسه کنید):",
        "Root key id (compare it with the one printed on the certificate):",
    ),
    "trust_list_signed": ("فهرست کلیدهای مورد اعتماد، امضا در", "Trust list signed on"),
    "revocations_signed": ("فهرست ابطال، امضا در", "Revocation list signed on"),
    "revocations_next": ("به‌روزرسانی بعدی فهرست ابطال تا", "Revocation list's next update by"),
    "revocations_entries": ("گواهی‌های باطل یا معلق در فهرست", "Certificates revoked or suspended"),
    "newer_label": (
        "فهرست ابطال تازه‌تری دارید؟ (revocations.jws)",
        "Have a newer revocation list? (revocations.jws)",
    ),
    "newer_list": (
        "فهرست ابطال تازه پذیرفته شد و گواهی دوباره با آن بررسی شد.",
        "The newer revocation list is taken, and the certificate checked again with it.",
    ),
    "older_list": (
        "این فهرست ابطال از فهرستی که صفحه دارد کهنه‌تر است؛ پذیرفته نشد.",
        "This revocation list is older than the one the page has; it is not taken.",
    ),
    "trust_list": (TRUST_LIST.fa, TRUST_LIST.en),
    "revocation_list": (REVOCATION_LIST.fa, REVOCATION_LIST.en),
    "footer": (
        "وضعیت ابطال به تاریخ فهرست ابطال است؛ برای فهرست تازه، این پوشه یا revocations.jws آن را دوباره از صادرکننده بگیرید.",
        "The revocation status is as of the revocation list's date; for a fresh list, get this "
        "folder or its revocations.jws again from the issuer.",
    ),
    # the claims docs/credentials.md names
    "jti": ("شمارهٔ گواهی", "number"),
    "iat": ("تاریخ صدور", "issued"),
    "nbf": ("آغاز اعتبار", "valid from"),
    "exp": ("پایان اعتبار", "expires"),
    "knd": ("نوع", "kind"),
    "sub": ("شمارهٔ کارت بازرگانی", "commercial card number"),
    "ex": ("صادرکننده", "exporter"),
    "pr": ("کالا", "product"),
    "std": ("استانداردها", "standards"),
    "lab": ("آزمایشگاه", "laboratory"),
    "rep": ("گزارش آزمون", "test report"),
    "res": ("نتیجه", "result"),
    "iss": ("صادرکنندهٔ گواهی", "issuer"),
    "dt": ("تاریخ‌ها", "dates"),
    "sig": ("امضاکننده", "signed by"),
    # a certificate of attendance's (docs/workshops.md)
    "who": ("شرکت‌کننده", "attendee"),
    "ev": ("رویداد", "event"),
    "att": ("نشست‌های حاضر از همه", "sessions attended of all"),
}


@dataclass(frozen=True)
class Bundle:
    """What `write_verifier` wrote: the folder, its files, the pinned root and the script's
    hash the page's policy allows."""

    folder: Path
    files: tuple[Path, ...]
    root_kid: str
    script_hash: str

    @property
    def page(self) -> Path:
        return self.folder / PAGE_FILE


def script_source() -> str:
    """The verifier's JavaScript, as the package ships it."""
    return files(__package__).joinpath("verifier.js").read_text("utf-8")


def sha384(text: str) -> str:
    """`sha384-<base64>`: a CSP hash source (and a Subresource Integrity value)."""
    digest = hashlib.sha384(text.encode("utf-8")).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def write_verifier(folder: Path, store: KeyStore, *, lang: str = "fa") -> Bundle:
    """Write the offline verifier of `store`'s root and lists into `folder` (made if missing;
    the four files replaced). The lists are checked first: a tampered one is not copied."""
    if folder.resolve() == store.path.resolve():
        raise TarazError(
            "credentials.verifier-folder",
            folder=str(folder),
            detail=Localised("این پوشهٔ کلیدهاست", "it is the keys folder"),
        )
    trust_list = store.trust_list()
    revocations = store.revocation_list(trust_list)
    root = trust_list.root
    script = script_source()
    if "</script" in script.lower():
        raise ValueError("the script cannot be inlined")
    script_hash = sha384(script)
    config = {
        "lang": lang,
        "root": {"kid": root.kid, "jwk": root.members()},
        "messages": {
            code: {"fa": entry(code).fa, "en": entry(code).en}
            for code in (*CODES.values(), *LIST_CODES)
        },
        "ui": {key: {"fa": fa, "en": en} for key, (fa, en) in UI.items()},
        # the words of a certificate's facts, as taraz.credentials.summary gives them
        "summary": {
            "labels": {key: {"fa": fa, "en": en} for key, (fa, en) in LABELS.items()},
            "kinds": {key: {"fa": fa, "en": en} for key, (fa, en) in KINDS.items()},
            "sessions": {"fa": SESSIONS[0], "en": SESSIONS[1]},
            "reasons": {key: {"fa": fa, "en": en} for key, (fa, en) in REASONS.items()},
        },
    }
    page = Template(files(__package__).joinpath("index.html").read_text("utf-8")).substitute(
        lang=lang,
        dir="rtl" if lang == "fa" else "ltr",
        other_lang="en" if lang == "fa" else "fa",
        other_name="English" if lang == "fa" else "فارسی",
        title=UI["title"][0 if lang == "fa" else 1],
        root_kid=root.kid,
        csp=content_security_policy(script_hash),
        config=_in_script(json.dumps(config, ensure_ascii=False)),
        script=script,
    )
    lists = {"trustList": trust_list.text, "revocations": revocations.text}
    lists_js = (
        "// The signed lists the verifier reads (index.html checks their signatures).\n"
        f"window.tarazLists = {_in_script(json.dumps(lists, indent=2))};\n"
    )
    written = {
        PAGE_FILE: page,
        LISTS_FILE: lists_js,
        TRUST_LIST_FILE: trust_list.text + "\n",
        REVOCATION_LIST_FILE: revocations.text + "\n",
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in written.items():
            (folder / name).write_text(text, "utf-8")
    except OSError as exc:
        raise TarazError(
            "credentials.verifier-folder", folder=str(folder), detail=exc.strerror or str(exc)
        ) from None
    return Bundle(folder, tuple(folder / n for n in written), root.kid, script_hash)


def content_security_policy(script_hash: str) -> str:
    """No network at all: the inline script by its hash, `lists.js` beside the page, inline
    styles; no fetch, form, frame, image or font from anywhere."""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' '{script_hash}'",
            "style-src 'unsafe-inline'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def _in_script(text: str) -> str:
    """JSON safe inside a <script> element."""
    return text.replace("<", "\\u003c")
