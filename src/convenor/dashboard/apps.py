"""App configuration for convenor.dashboard."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "convenor.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
