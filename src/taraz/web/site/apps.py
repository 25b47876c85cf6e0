from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "taraz.web.site"
    label = "taraz_site"
    verbose_name = "Site shell"
