"""PLACEHOLDER being written: the register filters engagement adds (body, priority, quadrant)."""


def engagement_register_filters_add() -> None:
    """Add engagement's register filters (not yet written)."""
