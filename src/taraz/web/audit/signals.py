"""Log-ins, failed log-ins and log-outs go to the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from taraz.web.audit.models import AuditEvent
from taraz.web.audit.services import record
from taraz.web.clients import client_ip


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, user, ip=client_ip(request) if request else None)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, user, ip=client_ip(request) if request else None)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(
        AuditEvent.Action.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150] or "anonymous",
        outcome="failed",
        ip=client_ip(request) if request else None,
    )
