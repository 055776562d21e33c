"""The intervention criteria of the stage gates (strategy.gates)."""


def interventions_gates_register() -> None:
    """Register them (called from the app's ready())."""
