"""App configuration for convenor.ui."""

from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "convenor.ui"
    label = "ui"
    verbose_name = "User interface"
