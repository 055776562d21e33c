"""The governance criteria of the stage gates (strategy.gates)."""


def governance_gates_register() -> None:
    """Register them (called from the app's ready())."""
