"""App configuration for convenor.governance."""

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "convenor.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from convenor.governance import permissions  # noqa: F401  (registers the rules)
        from convenor.governance.history import membership_history
        from convenor.stakeholders.history import history_source_register

        # Joining and leaving bodies, in each person's engagement history.
        history_source_register(membership_history)
        from convenor.governance.gates import governance_gates_register

        governance_gates_register()
