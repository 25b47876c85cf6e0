"""The demo's certificates (`taraz demo`): quality certificates issued through the services from
approved quality-test cases of the demo world, signed by DEMO keys made in the demo's folder,
one certificate's PDF and the offline verifier written beside them.

- **The keys**: `<out>/DEMO-keys/` (a keys folder as `taraz keys init` makes it) and its
  passphrase, random, in `<out>/DEMO-keys-passphrase.txt` (mode 0600). Made when the folder
  holds none; the demo never signs with the operator's keys (`TARAZ_KEYS_DIR`), since a
  synthetic certificate must not verify against a real root. The demo's process names them in
  its environment (`TARAZ_KEYS_DIR`, `TARAZ_KEYS_PASSPHRASE_FILE`), as `taraz serve` must
  for its checker to know them. The keys are dated back to the first certificate (an expired
  one must have been signed while its key was valid) and rotated today, as a year's keys are.
- **The certificates**, on a database without any: the earliest approved quality-test case's,
  issued when it was approved (`now=` in the past) so that its year of validity has ended
  (`expired`); the latest's, issued today (`valid`); the one before it, issued today and
  revoked (`revoked`). Each by a signatory who may issue it, through `issue_certificate` and
  `revoke`: checked, evented, audited, the firm told. A database with certificates gets no new
  ones: a second run issues nothing.
- **The files**: the valid certificate's PDF, and the offline verifier (`verifier/`), with the
  revocation list signed again first, so the page never starts old.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from taraz.credentials import (
    KEYS_DIR_ENV,
    PASSPHRASE_ENV,
    PASSPHRASE_FILE_ENV,
    KeyStore,
    passphrase_from_environment,
    verification_link,
)
from taraz.errors import TarazError
from taraz.web.cases import services as cases
from taraz.web.certificates import services
from taraz.web.certificates.models import Certificate, Kind, Status

KEYS_DIR = "DEMO-keys"
PASSPHRASE_FILE = "DEMO-keys-passphrase.txt"
VERIFIER_DIR = "verifier"
SIGNATORY = "demo-signatory"
REVOKED_FOR = "false-documents"
ISSUED_AFTER_DECISION = timedelta(minutes=40)
YEAR_AND_MORE = timedelta(days=400)  # when no case was approved over a year ago


@dataclass(frozen=True)
class DemoCertificates:
    created: bool  # False: the database had certificates; none was issued
    keys_created: bool
    keys: Path
    passphrase_file: Path
    root_kid: str
    valid: Certificate | None
    revoked: Certificate | None
    expired: Certificate | None
    pdf: Path | None
    verifier: Path  # the page
    link: str  # the valid certificate's link to the checker of `TARAZ_PUBLIC_URL`
    offline_link: str  # and to the offline verifier, from the file
    warning: TarazError | None = None


def seed_certificates(out_dir: Path, *, lang: str = "fa", now: datetime | None = None):
    """Issue the demo's certificates (if the database has none), write the PDF and the offline
    verifier into `out_dir`; what was done."""
    from taraz.credentials.verifier import write_verifier
    from taraz.web.certificates.pdf import pdf_bytes

    out_dir = Path(out_dir).resolve()
    now = now or timezone.now()
    created = not Certificate.objects.exists()
    chosen = _choose_cases(now) if created else None
    since = chosen[0][1] if chosen else now
    store, keys_created = use_demo_keys(out_dir, since=since)
    if chosen:
        _issue(chosen, now, rotate=store if keys_created else None)
    services.publish_revocations(now)  # fresh each run: the verifier's list starts new
    valid, revoked, expired = _find(now)
    pdf = None
    link = offline = ""
    bundle = write_verifier(out_dir / VERIFIER_DIR, store, lang=lang)
    warning = None
    if valid is not None:
        pdf = out_dir / f"certificate-{valid.number}.pdf"
        pdf.write_bytes(pdf_bytes(valid))
        link = verification_link(settings.TARAZ_PUBLIC_URL.rstrip("/") + "/verify/", valid.token)
        offline = verification_link(bundle.page.resolve().as_uri(), valid.token)
        if services.check_token(valid.token, now=now).reason == "unknown-key":
            warning = TarazError("certificates.demo-keys-lost", folder=str(store.path))
    return DemoCertificates(
        created=bool(chosen),
        keys_created=keys_created,
        keys=store.path,
        passphrase_file=out_dir / PASSPHRASE_FILE,
        root_kid=store.root().kid,
        valid=valid,
        revoked=revoked,
        expired=expired,
        pdf=pdf,
        verifier=bundle.page,
        link=link,
        offline_link=offline,
        warning=warning,
    )


def use_demo_keys(out_dir: Path, *, since: datetime) -> tuple[KeyStore, bool]:
    """The demo's keys folder in `out_dir`, made if it holds none (dated a day before `since`),
    named in this process's environment with its passphrase file. (store, made?)"""
    folder, secret = out_dir / KEYS_DIR, out_dir / PASSPHRASE_FILE
    store = KeyStore(folder)
    made = not store.exists()
    if made:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(secrets.token_urlsafe(32) + "\n")
    elif not secret.is_file():
        raise TarazError("certificates.demo-no-passphrase", file=str(secret), folder=str(folder))
    os.environ[KEYS_DIR_ENV] = str(folder)
    os.environ[PASSPHRASE_FILE_ENV] = str(secret)
    os.environ.pop(PASSPHRASE_ENV, None)
    if made:
        store.init(passphrase_from_environment(), now=since - timedelta(days=1))
    return store, made


def _signatory_for(case):
    """A signatory who may issue the case's certificate: its decider, else the demo's."""
    User = get_user_model()
    for person in (case.decided_by, User.objects.filter(username=SIGNATORY).first()):
        if person is not None and cases.may_certify(person, case):
            return person
    return None


def _choose_cases(now: datetime):
    """[(case, when to issue, signatory, role)] for the expired, revoked and valid ones; None
    when the world has fewer than three approved quality-test cases someone may certify."""
    demo_signatory = get_user_model().objects.filter(username=SIGNATORY).first()
    if demo_signatory is None:
        return None
    approved = cases.visible_cases(demo_signatory).filter(state="approved")
    found = []
    for case in approved.select_related("procedure", "decided_by").order_by("decided_at", "pk"):
        if cases.certificate_kind(case) != Kind.QUALITY or case.decided_at is None:
            continue
        signatory = _signatory_for(case)
        if signatory is not None:
            found.append((case, signatory))
    if len(found) < 3:
        return None
    (first, first_by), (revoked, revoked_by), (valid, valid_by) = found[0], *found[-2:]
    issued = first.decided_at + ISSUED_AFTER_DECISION
    if issued + timedelta(days=services.VALIDITY_DAYS + 1) > now:
        issued = now - YEAR_AND_MORE
    return [
        (first, issued, first_by, "expired"),
        (revoked, now, revoked_by, "revoked"),
        (valid, now, valid_by, "valid"),
    ]


def _issue(chosen, now: datetime, rotate: KeyStore | None) -> None:
    """Issue each (the expired one first, by the first key); keys made now rotate before
    today's certificates, so that those are signed by this year's key."""
    for case, when, signatory, role in chosen:
        if rotate is not None and role != "expired":
            rotate.rotate(passphrase_from_environment(), now=now)
            rotate = None
        cert = services.issue_certificate(case, actor=signatory, now=when)
        if role == "revoked":
            services.revoke(cert, REVOKED_FOR, actor=signatory, now=now)


def _find(now: datetime):
    """The valid, the revoked and the expired certificate of the database (the newest of each)."""
    today = timezone.localdate(now)
    rows = Certificate.objects.select_related("case", "exporter")
    valid = rows.filter(status=Status.ISSUED, expires_on__gte=today).first()
    revoked = rows.filter(status=Status.REVOKED).first()
    expired = rows.filter(status=Status.ISSUED, expires_on__lt=today).first()
    return valid, revoked, expired


# -- what is shown ------------------------------------------------------------------------------


def certificate_lines(made: DemoCertificates, lang: str) -> list[str]:
    """The report of the demo's certificates and where its files are, in Persian or English."""
    from taraz.calendar import format_jalali_date
    from taraz.fa import isolate, to_persian_digits

    fa = lang == "fa"

    def latin(text) -> str:  # a number, a path, a link: as written, isolated in Persian
        return isolate(str(text)) if fa else str(text)

    def day(value) -> str:
        return format_jalali_date(value, lang)

    count = sum(c is not None for c in (made.valid, made.revoked, made.expired))
    if made.created:
        head = (
            f"گواهی‌های کیفیت نمایشی: {to_persian_digits(str(count))} گواهی از پرونده‌های تأییدشدهٔ "
            "آزمون کیفیت صادر شد (ساختگی، با کلیدهای نمایشی امضا شده‌اند؛ برای کالای واقعی هرگز):"
            if fa
            else f"Demo quality certificates: {count} issued from approved quality-test cases "
            "(synthetic, signed by DEMO keys; never for real goods):"
        )
    else:
        head = (
            "گواهی‌های نمایشی از پیش هست و گواهی تازه‌ای صادر نشد:"
            if fa
            else "The demo's certificates are there already; none was issued:"
        )
    lines = ["", head]
    rows = (
        ("معتبر", "valid", made.valid),
        ("باطل‌شده", "revoked", made.revoked),
        ("منقضی", "expired", made.expired),
    )
    for name_fa, name_en, cert in rows:
        if cert is None:
            continue
        until = day(cert.expires_on)
        lines.append(
            f"  {name_fa}: {latin(cert.number)}، پرونده {latin(cert.case.reference)}، "
            f"{cert.exporter.name_fa}، معتبر تا {until}"
            if fa
            else f"  {name_en:<8} {cert.number}  case {cert.case.reference}, "
            f"{cert.exporter.name_en}, valid until {until}"
        )
    if made.pdf is not None:
        lines += (
            [
                f"فایل PDF گواهی معتبر: {latin(made.pdf)}",
                "پیوند بررسی آن (بررسی‌کنندهٔ سایت، وقتی taraz serve با کلیدهای نمایشی زیر "
                f"اجرا شود): {latin(made.link)}",
                f"همان گواهی در بررسی‌کنندهٔ آفلاین: {latin(made.offline_link)}",
            ]
            if fa
            else [
                f"The valid certificate's PDF: {made.pdf}",
                "Its verification link (the site's checker, once taraz serve runs with the "
                f"demo keys below): {made.link}",
                f"The same certificate in the offline verifier: {made.offline_link}",
            ]
        )
    else:
        lines.append(
            "گواهی معتبری نمانده است (گواهی‌ای باطل یا تعلیق شده است)؛ فایل PDF نوشته نشد."
            if fa
            else "No valid certificate is left (one was revoked or suspended since); no PDF "
            "was written."
        )
    lines.append(
        f"بررسی‌کنندهٔ آفلاین (بی‌اینترنت): {latin(made.verifier)}"
        if fa
        else f"The offline verifier (no network needed): {made.verifier}"
    )
    kept = (
        ("ساخته شد" if made.keys_created else "از پیش بود")
        if fa
        else ("made now" if made.keys_created else "kept")
    )
    lines += (
        [
            f"کلیدهای نمایشی ({kept}): {latin(made.keys)}، شناسهٔ کلید ریشه {latin(made.root_kid)}؛ "
            f"گذرواژهٔ آن‌ها در {latin(made.passphrase_file)}",
            "برای بررسی‌کنندهٔ سایت و برای ابطال از خط فرمان، این دو را بگذارید:",
        ]
        if fa
        else [
            f"DEMO keys ({kept}): {made.keys}, root key id {made.root_kid}; their passphrase "
            f"is in {made.passphrase_file}",
            "For the site's checker and to revoke from the command line, set these two:",
        ]
    )
    lines.append(
        f"  export {KEYS_DIR_ENV}={made.keys} {PASSPHRASE_FILE_ENV}={made.passphrase_file}"
    )
    if made.valid is not None:
        lines.append(
            f"  taraz certificate revoke {made.valid.number} --reason nonconformity && "
            f"taraz certificate verifier {made.verifier.parent}"
        )
    if made.warning is not None:
        lines.append(made.warning.message(lang))
    return lines
