"""Interventions' panels on other apps' pages (core.panels)."""


def interventions_panels_register() -> None:
    """Register them (called from the app's ready())."""
