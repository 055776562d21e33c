"""PLACEHOLDER being written: engagement's entries in a person's engagement history."""


def engagement_history_register() -> None:
    """Register engagement's history source (not yet written)."""
