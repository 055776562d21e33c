"""The evidence criteria of the stage gates (strategy.gates)."""


def evidence_gates_register() -> None:
    """Register them (called from the app's ready())."""
