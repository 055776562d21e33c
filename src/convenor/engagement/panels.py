"""PLACEHOLDER being written: engagement's panels on the staff home and priority pages."""


def engagement_panels_register() -> None:
    """Register engagement's panels (not yet written)."""
