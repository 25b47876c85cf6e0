from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "taraz.web.cases"
    label = "taraz_cases"
    verbose_name = "Cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from taraz.web.cases import permissions  # noqa: F401  (registers the object permissions)
