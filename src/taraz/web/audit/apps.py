from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "taraz.web.audit"
    label = "taraz_audit"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from taraz.web.audit import signals

        signals.connect_account_signals()
