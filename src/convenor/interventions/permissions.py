"""Who may see and change interventions (filled in by the interventions engineer)."""
