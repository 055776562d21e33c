"""App configuration for convenor.interventions."""

from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "convenor.interventions"
    label = "interventions"
    verbose_name = "Interventions"

    def ready(self) -> None:
        from convenor.interventions import permissions  # noqa: F401  (registers the rules)
        from convenor.interventions.gates import interventions_gates_register
        from convenor.interventions.panels import interventions_panels_register

        interventions_panels_register()
        interventions_gates_register()
