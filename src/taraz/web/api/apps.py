from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "taraz.web.api"
    label = "taraz_api"
    verbose_name = "Open data API"
