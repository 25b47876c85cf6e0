from django.apps import AppConfig


class DatadeskConfig(AppConfig):
    name = "taraz.web.datadesk"
    label = "taraz_datadesk"
    verbose_name = "Data desk"
    default_auto_field = "django.db.models.BigAutoField"
