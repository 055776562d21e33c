"""Background tasks of insight: recomputing tags, themes and opinion groups (`convenor worker`)."""

from __future__ import annotations

from django_tasks import task

from convenor.insights.models import ThemeRun


@task()
def analysis_task(*, run_id: int) -> str:
    """Run one queued analysis; the run records its finish or its failure itself."""
    from convenor.insights.services import analysis_run_queued

    run = ThemeRun.objects.filter(pk=run_id).select_related("strategy").first()
    if run is None:
        return "gone"
    return analysis_run_queued(run=run)
