"""Notifications through an outbox: a message is a row written in the transaction of the change
it tells about, and sent after that commits (and again by the daily `casework` command until it
goes). E-mail goes through Django's e-mail backend (`EMAIL_BACKEND`); SMS through a provider
named by `TARAZ_SMS_PROVIDER` (a dotted path to a class with `send(to, text)`), which is
outside taraz: tests replace it, and without one SMS messages wait in the outbox.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from taraz.web.cases.models import Notification
from taraz.web.site.services import say

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


class SmsProvider:
    """The interface an SMS provider implements."""

    def send(self, to: str, text: str) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


def sms_provider() -> SmsProvider | None:
    path = getattr(settings, "TARAZ_SMS_PROVIDER", "")
    return import_string(path)() if path else None


def queue_notification(user, case, key: str, body=None) -> Notification | None:
    """One message to `user` about `case`, in both languages (Persian first), by e-mail where
    the user has an address."""
    if not user.email:
        return None
    values = {
        "reference": case.reference,
        "body_fa": body.name_fa if body is not None else "",
        "body_en": body.name_en if body is not None else "",
    }
    subject = f"{case.reference} — {say(key + '.subject', 'fa')} / {say(key + '.subject', 'en')}"
    text = f"{say(key + '.text', 'fa', **values)}\n\n{say(key + '.text', 'en', **values)}"
    return Notification.objects.create(
        channel=Notification.Channel.EMAIL,
        to=user.email,
        user=user,
        case=case,
        subject=subject[:200],
        text=text,
    )


def queue_message(to: str, key: str, *, user=None, **values) -> Notification | None:
    """One e-mail to `to` about something that is not a case (wording `key`.subject and
    `key`.text filled with `values`), in both languages (Persian first)."""
    if not to:
        return None
    subject = f"{say(key + '.subject', 'fa')} / {say(key + '.subject', 'en')}"
    text = f"{say(key + '.text', 'fa', **values)}\n\n{say(key + '.text', 'en', **values)}"
    return Notification.objects.create(
        channel=Notification.Channel.EMAIL, to=to, user=user, subject=subject[:200], text=text
    )


def send_pending(limit: int = 200) -> int:
    """Send what waits (oldest first); a failure is kept on the row and tried again later."""
    sent = 0
    sms = None
    waiting = Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    for note in waiting.order_by("created_at", "id")[:limit]:
        try:
            if note.channel == Notification.Channel.EMAIL:
                send_mail(note.subject, note.text, None, [note.to])
            else:
                sms = sms or sms_provider()
                if sms is None:
                    continue
                sms.send(note.to, note.text)
        except Exception as exc:
            log.warning("notification %s not sent: %s", note.pk, type(exc).__name__)
            with transaction.atomic():
                Notification.objects.filter(pk=note.pk).update(
                    attempts=note.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
                )
            continue
        Notification.objects.filter(pk=note.pk).update(
            sent_at=timezone.now(), attempts=note.attempts + 1, last_error=""
        )
        sent += 1
    return sent
