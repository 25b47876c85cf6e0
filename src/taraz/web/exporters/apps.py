from django.apps import AppConfig


class ExportersConfig(AppConfig):
    name = "taraz.web.exporters"
    label = "taraz_exporters"
    verbose_name = "Exporters"
    default_auto_field = "django.db.models.BigAutoField"
