"""App configuration for convenor.accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "convenor.accounts"
    label = "accounts"
    verbose_name = "Accounts"
