"""Certificates: issued from an approved case by a signatory who did not screen it, signed with
the keys folder's current signing key (`taraz.credentials`); suspended, reinstated, revoked and
reissued, each change audited, the firm told, and the signed revocation list republished in
the same transaction (if it cannot be signed, nothing changes).

The only writer of this app's rows. The keys folder and its passphrase come from the
environment (`TARAZ_KEYS_DIR`, `TARAZ_KEYS_PASSPHRASE` or `TARAZ_KEYS_PASSPHRASE_FILE`).
A fresh second-factor check is the view's part (`accounts.require_fresh_2fa(request)`): a
service has no session.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from taraz.calendar.workdays import jalali_text
from taraz.credentials import (
    KeyStore,
    Revocation,
    RevocationList,
    RevocationStatus,
    TrustList,
    Verdict,
    issue,
    passphrase_from_environment,
    verify,
)
from taraz.credentials.keystore import METADATA_FILE
from taraz.errors import TarazError
from taraz.fa import to_latin_digits
from taraz.web.accounts import permissions as roles
from taraz.web.accounts import services as accounts
from taraz.web.audit import services as audit_trail
from taraz.web.cases import services as cases
from taraz.web.certificates.models import (
    Certificate,
    CertificateEvent,
    Kind,
    Reason,
    Status,
)

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters: no I, O, 0 or 1 to misread
NUMBER_PREFIX = "YZ-"
NUMBER_LETTERS = 10  # 50 bits
CHECK_LETTERS = 8  # 40 bits
VALIDITY_DAYS = 365
ISSUER = {
    "fa": "سازمان صنعت، معدن و تجارت استان یزد",
    "en": "Yazd Province Industry, Mine and Trade Organization",
}
# the reasons each change takes
SUSPEND_REASONS = (Reason.UNDER_REVIEW, Reason.NONCONFORMITY, Reason.FIRM_REQUEST)
REVOKE_REASONS = (
    Reason.NONCONFORMITY,
    Reason.FALSE_DOCUMENTS,
    Reason.ISSUED_IN_ERROR,
    Reason.FIRM_REQUEST,
    Reason.KEY_COMPROMISE,
)
REISSUE_REASONS = (Reason.CORRECTION, Reason.ISSUED_IN_ERROR, Reason.KEY_COMPROMISE)
ACTIONS = ("suspend", "reinstate", "revoke", "reissue")
COMMAND_LINE_ACTIONS = ("suspend", "reinstate", "revoke")  # a reissue needs a signatory
Action = audit_trail.Action


# -- random numbers ------------------------------------------------------------------------------


def _letters(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_number() -> str:
    return NUMBER_PREFIX + _letters(NUMBER_LETTERS)


def new_check_code() -> str:
    return _letters(CHECK_LETTERS)


# -- the keys --------------------------------------------------------------------------------------


def key_store() -> KeyStore:
    """The keys folder of the environment; `certificates.no-keys` when it holds none."""
    store = KeyStore.default()
    if not store.exists():
        raise TarazError("certificates.no-keys", folder=str(store.path))
    return store


def publish_revocations(now: datetime | None = None):
    """Sign and write the revocation list of every withdrawn certificate (suspended, revoked,
    superseded: a superseded one is listed as revoked, reason `superseded`)."""
    now = now or timezone.now()
    entries = []
    held = Certificate.objects.exclude(status=Status.ISSUED).order_by("pk")
    for cert in held:
        status = (
            RevocationStatus.SUSPENDED
            if cert.status == Status.SUSPENDED
            else RevocationStatus.REVOKED
        )
        reason = "superseded" if cert.status == Status.SUPERSEDED else (cert.reason or "revoked")
        entries.append(Revocation(cert.number, status, reason, cert.changed_at or now))
    return key_store().publish_revocations(entries, passphrase_from_environment(), now=now)


# -- who sees what -------------------------------------------------------------------------------


def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and roles.is_org_staff(user))


def visible_certificates(user) -> QuerySet[Certificate]:
    """The organization's people see every certificate; a firm's people their firm's."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Certificate.objects.none()
    rows = Certificate.objects.select_related("exporter", "case")
    if is_staff(user):
        return rows
    return rows.filter(exporter_id__in=accounts.exporter_ids_of(user))


def certificate_for(user, number: str) -> Certificate:
    """The certificate, if `user` may see it; 404 otherwise, whether or not it exists."""
    found = visible_certificates(user).filter(number=number).first()
    if found is None:
        raise Http404("certificates.unknown")
    return found


def events_of(cert: Certificate) -> list[CertificateEvent]:
    return list(cert.events.select_related("actor"))


def may_change(user, cert: Certificate) -> bool:
    return cases.may_certify(user, cert.case)


def actions_for(user, cert: Certificate) -> list[str]:
    """The changes `user` may make to the certificate now (its page's forms)."""
    if not may_change(user, cert):
        return []
    if cert.status == Status.ISSUED:
        return ["suspend", "revoke", "reissue"]
    if cert.status == Status.SUSPENDED:
        return ["reinstate", "revoke", "reissue"]
    return []


def reasons_for(action: str) -> tuple[Reason, ...]:
    return {
        "suspend": SUSPEND_REASONS,
        "revoke": REVOKE_REASONS,
        "reissue": REISSUE_REASONS,
    }.get(action, ())


def awaiting_certificate(user) -> list:
    """The approved quality-test cases without a live certificate that `user` may issue one
    for (a signatory's list)."""
    if not roles.is_signatory(user):
        return []
    approved = cases.visible_cases(user).filter(state="approved").select_related("procedure")
    live = Certificate.objects.filter(status__in=(Status.ISSUED, Status.SUSPENDED))
    approved = approved.exclude(pk__in=live.values("case_id"))
    return [
        c
        for c in approved.select_related("exporter")[:200]
        if cases.certificate_kind(c) == Kind.QUALITY and cases.may_certify(user, c)
    ]


# -- issuing -------------------------------------------------------------------------------------


def certifiable(case) -> bool:
    """An approved case of a procedure that results in a quality certificate, with no live
    certificate yet."""
    return (
        case.state == "approved"
        and cases.certificate_kind(case) == Kind.QUALITY
        and not Certificate.objects.filter(
            case=case, status__in=(Status.ISSUED, Status.SUSPENDED)
        ).exists()
    )


def may_issue(user, case) -> bool:
    """Whether `user` may issue `case`'s certificate now (the case page's button): a signatory
    who did not screen it, and an approved quality-test case with no live certificate."""
    return roles.is_signatory(user) and cases.may_certify(user, case) and certifiable(case)


def issue_certificate(
    case, *, actor, now: datetime | None = None, ip: str | None = None, _replaces=None
) -> Certificate:
    """Issue the quality certificate of an approved case, as a signatory who did not screen it."""
    now = now or timezone.now()
    if not cases.may_certify(actor, case):
        raise TarazError("certificates.not-allowed")
    if case.state != "approved" or cases.certificate_kind(case) != Kind.QUALITY:
        raise TarazError("certificates.not-certifiable", reference=case.reference)
    store = key_store()
    with transaction.atomic():
        # the case's row lock: two signatories clicking at once issue one certificate
        type(case).objects.select_for_update().filter(pk=case.pk).first()
        live = Certificate.objects.filter(case=case, status__in=(Status.ISSUED, Status.SUSPENDED))
        if _replaces is None and live.exists():
            raise TarazError("certificates.exists", reference=case.reference)
        number, code = new_number(), new_check_code()
        while Certificate.objects.filter(number=number).exists():  # pragma: no cover - 2**-50
            number = new_number()
        expires_on = timezone.localdate(now) + timedelta(days=VALIDITY_DAYS)
        claims = _claims(case, number, actor, timezone.localdate(now), expires_on)
        expires = timezone.make_aware(datetime.combine(expires_on, time.max.replace(microsecond=0)))
        token = issue(claims, now=now, expires=expires, store=store)
        cert = Certificate.objects.create(
            number=number,
            check_code=code,
            kind=Kind.QUALITY,
            case=case,
            exporter=case.exporter,
            claims=claims,
            token=token,
            issued_by=actor,
            issued_at=now,
            expires_on=expires_on,
        )
        _event(cert, "issue", "", Status.ISSUED, "", actor, now)
        audit_trail.record(
            Action.CERTIFICATE_ISSUE,
            actor,
            subject=cert.audit_subject,
            ip=ip,
            number=number,
            case=case.reference,
            replaces=_replaces.number if _replaces is not None else None,
        )
        cases.notify_firm(case, "certificates.notify.issue")
    return cert


def _claims(case, number: str, actor, issued: date, expires: date) -> dict[str, Any]:
    """What the token signs (short names: docs/credentials.md)."""
    firm = case.exporter
    advised = []
    for review in case.reviews.select_related("body").order_by("body__code"):
        if review.body.kind in ("laboratory", "regulator"):
            advised.append(
                {
                    "fa": review.body.name_fa,
                    "en": review.body.name_en,
                    "kind": review.body.kind,
                    "advice": review.advice,
                }
            )
    claims: dict[str, Any] = {
        "jti": number,
        "knd": Kind.QUALITY.value,
        "iss": ISSUER,
        "sub": firm.card_number,
        "ex": {"fa": firm.name_fa, "en": firm.name_en, "city": firm.city},
        "pr": {"hs": case.hs_code, "desc": case.subject, "qty": case.quantity},
        "adv": advised,
        "res": "pass",
        "ref": case.reference,
        "dt": {
            "iss": issued.isoformat(),
            "iss_j": jalali_text(issued),
            "exp": expires.isoformat(),
            "exp_j": jalali_text(expires),
        },
        "sig": actor.get_full_name() or actor.get_username(),
    }
    if case.destination:
        claims["dst"] = case.destination
    return claims


# -- changing its standing -----------------------------------------------------------------------

_FROM = {
    "suspend": (Status.ISSUED,),
    "reinstate": (Status.SUSPENDED,),
    "revoke": (Status.ISSUED, Status.SUSPENDED),
    "reissue": (Status.ISSUED, Status.SUSPENDED),
}
_TO = {
    "suspend": Status.SUSPENDED,
    "reinstate": Status.ISSUED,
    "revoke": Status.REVOKED,
    "reissue": Status.SUPERSEDED,
}


def suspend(cert: Certificate, reason: str, *, actor, now=None, ip=None) -> Certificate:
    return change(cert.pk, "suspend", reason, actor=actor, now=now, ip=ip)


def reinstate(cert: Certificate, *, actor, now=None, ip=None) -> Certificate:
    return change(cert.pk, "reinstate", "", actor=actor, now=now, ip=ip)


def revoke(cert: Certificate, reason: str, *, actor, now=None, ip=None) -> Certificate:
    return change(cert.pk, "revoke", reason, actor=actor, now=now, ip=ip)


def by_number(number: str) -> Certificate:
    """The certificate numbered `number` (any case, either digits); `certificates.unknown`."""
    found = Certificate.objects.filter(number=to_latin_digits(number).strip().upper()).first()
    if found is None:
        raise TarazError("certificates.unknown")
    return found


def change_as_operator(number: str, action: str, reason: str, *, now=None) -> Certificate:
    """`change` by the operator of the server (`taraz certificate revoke|suspend|reinstate`):
    no person signs in, the audit names the system and the `audit_trail.acting` context the
    caller opened (the command, the operating system's user). Holding the keys' passphrase is
    the authority, as it is for signing the lists."""
    if action not in COMMAND_LINE_ACTIONS:
        raise TarazError("certificates.unknown-action", action=action)
    return change(by_number(number).pk, action, reason, actor=None, now=now, operator=True)


def reissue(cert: Certificate, reason: str, *, actor, now=None, ip=None) -> Certificate:
    """A new certificate of the same case; the old one superseded. Returns the new one."""
    old = change(cert.pk, "reissue", reason, actor=actor, now=now, ip=ip)
    return old.superseded_by


def change(
    pk: int,
    action: str,
    reason: str,
    *,
    actor,
    now: datetime | None = None,
    ip=None,
    operator: bool = False,
) -> Certificate:
    """Apply `action` to the certificate as `actor`, in one transaction: the row locked, the
    guard, the change, its event, the audit, the firm told, the revocation list republished.
    `operator`: no actor, the server's operator (`change_as_operator`)."""
    if action not in ACTIONS:
        raise TarazError("certificates.unknown-action", action=action)
    now = now or timezone.now()
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().select_related("case").get(pk=pk)
        if operator:
            if actor is not None or action not in COMMAND_LINE_ACTIONS:
                raise TarazError("certificates.not-allowed")
        elif not may_change(actor, cert):
            raise TarazError("certificates.not-allowed")
        if cert.status not in _FROM[action]:
            raise TarazError("certificates.not-now", action=action, status=cert.status)
        if action == "reinstate":
            reason = ""
        elif reason not in reasons_for(action):
            raise TarazError("certificates.bad-reason", reason=reason or "-")
        before = cert.status
        if action == "reissue":
            cert.superseded_by = issue_certificate(
                cert.case, actor=actor, now=now, ip=ip, _replaces=cert
            )
        cert.status, cert.reason = _TO[action], reason
        cert.changed_by, cert.changed_at = actor, now
        cert.save()
        _event(cert, action, before, cert.status, reason, actor, now)
        what = {"number": cert.number, "step": action, "before": before, "after": cert.status}
        if operator:
            audit_trail.record_as_actor(
                Action.CERTIFICATE_STATUS, subject=cert.audit_subject, **what, reason=reason
            )
        else:
            audit_trail.record(
                Action.CERTIFICATE_STATUS,
                actor,
                subject=cert.audit_subject,
                ip=ip,
                **what,
                reason=reason,
            )
        cases.notify_firm(cert.case, f"certificates.notify.{action}")
        publish_revocations(now)
    return cert


def _event(cert, action, before, after, reason, actor, now) -> CertificateEvent:
    return CertificateEvent.objects.create(
        certificate=cert,
        at=now,
        action=action,
        from_status=before,
        to_status=after,
        reason=reason,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else audit_trail.SYSTEM,
    )


# -- checking ---------------------------------------------------------------------------------------


def check_token(token: str, now: datetime | None = None) -> Verdict:
    """The verdict on a token by the keys folder's trust and revocation lists."""
    trust, revocations = signed_lists()
    return verify(token, trust, revocations, now=now or timezone.now())


_lists_lock = threading.Lock()
_lists: dict[str, tuple[tuple, TrustList, RevocationList]] = {}


def signed_lists() -> tuple[TrustList, RevocationList]:
    """The keys folder's trust and revocation lists, checked against its root; read and checked
    again only when one of the folder's files changed (each is replaced whole: a new file).
    The public checker asks for them at every check."""
    store = KeyStore.default()
    files = (store.path / METADATA_FILE, store.trust_list_path, store.revocation_list_path)
    try:
        stamp = tuple((s.st_ino, s.st_mtime_ns, s.st_size) for s in (f.stat() for f in files))
    except OSError:
        stamp = None
    with _lists_lock:
        held = _lists.get(str(store.path))
    if stamp is not None and held is not None and held[0] == stamp:
        return held[1], held[2]
    store = key_store()
    trust = store.trust_list()
    revocations = store.revocation_list(trust)
    if stamp is not None:
        with _lists_lock:
            _lists[str(store.path)] = (stamp, trust, revocations)
    return trust, revocations


def find_by_code(number: str, check_code: str, card: str = ""):
    """The certificate (a quality certificate or a certificate of attendance, both with `token`)
    whose number, check code and card all match, else None: one answer for an unknown number and
    a wrong code or card (compared in constant time). The card is the firm's commercial card
    number the certificate names; a certificate of attendance of a member of the public names
    none, and matches an empty card only (docs/credentials.md, "The checker's paper form")."""
    from taraz.web.workshops import services as workshops

    number, check_code, card = (
        to_latin_digits(v or "").strip() for v in (number, check_code, card)
    )
    number = number.upper()
    found = Certificate.objects.select_related("exporter").filter(number=number).first()
    if found is not None:
        held = f"{found.check_code}|{found.exporter.card_number}"
    else:
        found = workshops.certificate_numbered(number)
        held = f"{found.check_code}|{found.claims.get('sub', '')}" if found else "-" * 9 + "|"
    wanted = f"{check_code.strip().upper()}|{card.strip()}".encode()
    matches = hmac.compare_digest(wanted, held.encode())
    return found if found is not None and matches else None


# -- the demo -------------------------------------------------------------------------------------


def seed_demo_certificates(out_dir, lang: str = "fa"):
    """The demo's certificates, their PDF and the offline verifier (`taraz demo`)."""
    from taraz.web.certificates.demo import seed_certificates

    return seed_certificates(out_dir, lang=lang)


def demo_certificate_lines(made, lang: str) -> list[str]:
    from taraz.web.certificates.demo import certificate_lines

    return certificate_lines(made, lang)


# -- paper for other kinds -------------------------------------------------------------------------


def signed_pdf(template: str, context: dict, *, number: str, token: str) -> bytes:
    """A signed certificate of another kind on paper, with the quality certificate's machinery
    (`certificates/pdf.py`): `template` extends `certificates/pdf_base.html` and fills its
    Persian and English columns; the QR code of the verification link and the token are added."""
    from taraz.web.certificates.pdf import signed_pdf as render

    return render(template, context, number=number, token=token)
