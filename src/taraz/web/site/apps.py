from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "taraz.web.site"
    label = "taraz_site"
    verbose_name = "Site shell"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from taraz.web.paths import keep_database_private

        connection_created.connect(keep_database_private, dispatch_uid="taraz-private-database")
