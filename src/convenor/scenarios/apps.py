"""App configuration for convenor.scenarios (no models: the scenario files and their loader)."""

from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "convenor.scenarios"
    label = "scenarios"
    verbose_name = "Scenarios"
