"""Project briefs' and indicators' panels on other apps' pages (core.panels)."""


def brief_panels_register() -> None:
    """Register them (called from the app's ready())."""
