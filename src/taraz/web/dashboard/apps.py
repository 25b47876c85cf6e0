from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "taraz.web.dashboard"
    label = "taraz_dashboard"
    verbose_name = "Public dashboard"
