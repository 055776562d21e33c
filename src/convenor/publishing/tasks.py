"""Background tasks of publishing: building a version's files (run by `convenor worker`)."""

from __future__ import annotations

from django_tasks import task

from convenor.publishing.models import PublicationVersion


@task()
def version_build_task(*, version_id: int) -> str:
    """Build one version's files; the version records progress and any failure itself."""
    from convenor.publishing.services import version_build

    version = PublicationVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "gone"
    return version_build(version=version).build_status
