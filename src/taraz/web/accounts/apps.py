from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "taraz.web.accounts"
    label = "taraz_accounts"
    verbose_name = "Accounts and bodies"
    default_auto_field = "django.db.models.BigAutoField"
