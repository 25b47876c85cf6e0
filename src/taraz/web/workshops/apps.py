from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "taraz.web.workshops"
    label = "taraz_workshops"
    verbose_name = "Workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from taraz.web.workshops import permissions  # noqa: F401  (registers the permissions)
