"""The second factor: TOTP (an authenticator app) with backup codes, through django-otp.

Signatories and administrators must have verified a second factor in their session before any
page (`middleware.TwoFactorMiddleware`); anyone may enrol. A sensitive action (issuing or
revoking a certificate) asks for a *fresh* check: `require_fresh_2fa(request, minutes=5)`.
"""

from __future__ import annotations

import time

import django_otp
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from taraz.errors import TarazError
from taraz.web.audit import services as audit_trail

FRESH_KEY = "taraz_2fa_at"  # session: when the second factor was last checked (epoch seconds)
BACKUP_CODES = 10
TOTP_NAME = "authenticator"
BACKUP_NAME = "backup"


class FreshTwoFactorRequired(PermissionDenied):
    """The action needs a second-factor check within the last `minutes`: the middleware sends
    the person to check it and back."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        self.error = TarazError("accounts.fresh-otp-required", minutes=minutes)
        super().__init__(self.error.message("en"))


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_enrolment(user) -> TOTPDevice:
    """The user's unconfirmed authenticator: the one begun before (a page reloaded after the QR
    was scanned still matches the app), or a new secret."""
    if has_device(user):
        raise TarazError("accounts.otp-already-enrolled")
    with transaction.atomic():
        begun = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        return begun or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def confirm_enrolment(request, device: TOTPDevice, token: str) -> list[str]:
    """The first code from the app confirms the device; backup codes are made (and shown
    once). The session counts as verified from now."""
    ip = _ip(request)
    if not _verify(device, token):
        audit_trail.record(
            audit_trail.Action.OTP_ENROL,
            request.user,
            outcome="failed",
            subject=_subject(device),
            ip=ip,
        )
        raise TarazError("accounts.otp-wrong")
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=device.user).delete()
        backup = StaticDevice.objects.create(user=device.user, name=BACKUP_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
        audit_trail.record(
            audit_trail.Action.OTP_ENROL,
            request.user,
            subject=_subject(device),
            ip=ip,
            backup_codes=len(codes),
        )
    _mark_verified(request, device)
    return codes


def issue_device(user, *, backup_codes: int = BACKUP_CODES) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator for `user` (the one they have, or a new secret) and fresh
    backup codes (the earlier ones end), made without a code from the app: for an account that
    a command makes and hands over with its secret (the demo's signatory). Audited as an
    enrolment by the actor of the moment (`audit.acting`)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
        if device is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(backup_codes)]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
        audit_trail.record_as_actor(
            audit_trail.Action.OTP_ENROL,
            subject=_subject(device),
            person=user.get_username(),
            backup_codes=len(codes),
            issued=True,
        )
    return device, codes


def authenticator_key(device: TOTPDevice) -> tuple[str, str]:
    """The device's secret as an authenticator app takes it by hand (base32), and its
    `otpauth://` URI (what the enrolment's QR code holds)."""
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii"), device.config_url


def verify_second_factor(request, token: str) -> bool:
    """Check a code from the app, or a backup code (used up), for the signed-in user."""
    user, ip = request.user, _ip(request)
    token = _digits(token)
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
        StaticDevice.objects.filter(user=user, confirmed=True)
    )
    if not devices:
        raise TarazError("accounts.otp-no-device")
    waits = []
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            waits.append(_wait_seconds(device))
            continue
        if _verify(device, token):
            _mark_verified(request, device)
            audit_trail.record(
                audit_trail.Action.OTP_VERIFY,
                user,
                subject=_subject(device),
                ip=ip,
                device=_kind(device),
            )
            return True
    audit_trail.record(
        audit_trail.Action.OTP_VERIFY,
        user,
        outcome="throttled" if len(waits) == len(devices) else "failed",
        subject=f"user:{user.pk}",
        ip=ip,
    )
    if len(waits) == len(devices):
        raise TarazError("accounts.otp-throttled", seconds=max(1, min(waits)))
    return False


def require_fresh_2fa(request, minutes: int = 5) -> None:
    """Raise `FreshTwoFactorRequired` unless this session checked a second factor within the
    last `minutes` (the person is sent to check it and comes back)."""
    user = getattr(request, "user", None)
    verified = user is not None and user.is_authenticated and _is_verified(user)
    at = request.session.get(FRESH_KEY) if hasattr(request, "session") else None
    if not verified or at is None or time.time() - float(at) > minutes * 60:
        raise FreshTwoFactorRequired(minutes)


def _verify(device, token: str) -> bool:
    token = _digits(token)
    if not token:
        return False
    with transaction.atomic():
        return bool(device.verify_token(token))


def _mark_verified(request, device) -> None:
    django_otp.login(request, device)
    request.session[FRESH_KEY] = time.time()


def _is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def _digits(token: str) -> str:
    from taraz.fa import to_latin_digits

    return to_latin_digits(str(token or "")).strip().replace(" ", "").lower()[:20]


def _wait_seconds(device) -> int:
    factor = device.get_throttle_factor()
    failures = device.throttling_failure_count
    if not device.throttling_failure_timestamp or not failures:
        return 1
    delay = factor * (2 ** (failures - 1))
    from django.utils import timezone

    passed = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    return int(max(1, delay - passed))


def _kind(device) -> str:
    return "backup" if isinstance(device, StaticDevice) else "totp"


def _subject(device) -> str:
    return f"user:{device.user_id}"


def _ip(request) -> str | None:
    from taraz.web.clients import client_ip

    return client_ip(request)


def otp_issuer() -> str:
    return getattr(settings, "OTP_TOTP_ISSUER", "taraz")
