"""Something said or voted on in engagement queues a fresh analysis in insight, after commit."""

import datetime

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from convenor.engagement import activity_services, documents_services, statements_services
from convenor.engagement.choices import ContentStatus, ContributionKind, VoteChoice
from convenor.insights.choices import RunStatus, ThemeScope
from convenor.insights.models import ThemeRun
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ParagraphVersionFactory,
    StatementFactory,
)
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

ANALYSIS_TASK = "convenor.insights.tasks.analysis_task"


class RolledBack(Exception):
    """Raised inside a transaction to roll it back."""


def contribute(activity):
    return activity_services.contribution_create(
        actor=StaffUserFactory(),
        activity=activity,
        kind=ContributionKind.IDEA,
        text="Homes for key workers near the hospital.",
        made_on=datetime.date(2019, 6, 12),
        author=PersonFactory(),
    )


def comment(version):
    return documents_services.comment_create(
        author=PersonFactory(), version=version, text="Paragraph 3 forgets the buses."
    )


def vote(statement):
    return statements_services.vote_cast(
        statement=statement, person=PersonFactory(), choice=VoteChoice.AGREE
    )


CASES = {
    "contribution": (lambda: ActivityFactory(), contribute),
    "comment": (lambda: ParagraphVersionFactory(), comment),
    "vote": (lambda: StatementFactory(status=ContentStatus.PUBLISHED), vote),
}


def strategy_of(source):
    if hasattr(source, "paragraph"):
        return source.paragraph.document.strategy
    return source.strategy


def queued(strategy):
    return list(
        ThemeRun.objects.filter(strategy=strategy).values_list("scope", "status", "priority")
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_is_said_queues_an_analysis_after_commit(case, django_capture_on_commit_callbacks):
    make_source, say = CASES[case]
    source = make_source()
    strategy = strategy_of(source)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        say(source)
        # Nothing is queued before the transaction commits.
        assert queued(strategy) == []

    assert len(callbacks) == 1
    assert queued(strategy) == [(ThemeScope.STRATEGY, RunStatus.QUEUED, None)]
    run = ThemeRun.objects.get(strategy=strategy)
    (task,) = DBTaskResult.objects.filter(task_path=ANALYSIS_TASK)
    assert task.args_kwargs == {"args": [], "kwargs": {"run_id": run.pk}}


@pytest.mark.parametrize("case", sorted(CASES))
def test_nothing_is_queued_when_the_transaction_rolls_back(
    case, django_capture_on_commit_callbacks
):
    make_source, say = CASES[case]
    source = make_source()
    strategy = strategy_of(source)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        say(source)
        raise RolledBack

    assert callbacks == []
    assert queued(strategy) == []
    assert not DBTaskResult.objects.filter(task_path=ANALYSIS_TASK).exists()


def test_more_said_while_an_analysis_waits_queues_no_second(django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    statement = StatementFactory(strategy=activity.strategy, status=ContentStatus.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        contribute(activity)
    with django_capture_on_commit_callbacks(execute=True):
        contribute(activity)
        vote(statement)

    assert queued(activity.strategy) == [(ThemeScope.STRATEGY, RunStatus.QUEUED, None)]
    assert DBTaskResult.objects.filter(task_path=ANALYSIS_TASK).count() == 1
