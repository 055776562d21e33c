"""Stage gates: each stage's exit criteria, evaluated from the data."""


def strategy_gates_register() -> None:
    """Register them (called from the app's ready())."""
