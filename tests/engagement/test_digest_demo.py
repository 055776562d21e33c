"""The weekly digest on the Enterprise M3 demo as of its moment: what it holds for members."""

from __future__ import annotations

import datetime

import pytest
from django.utils.dateparse import parse_datetime
from django.utils.timezone import make_aware

from convenor.cli import DEMO_SCENARIO, _scenario_as_of
from convenor.engagement import digest_mail
from convenor.engagement.choices import (
    ActivityStatus,
    ContentStatus,
    NotificationChoice,
    ParticipantStatus,
)
from convenor.engagement.digest_selectors import digest_for
from convenor.engagement.models import (
    Activity,
    Comment,
    Discussion,
    Document,
    Participant,
    Post,
    Relationship,
    Statement,
)
from convenor.scenarios.loader import scenario_load
from convenor.stakeholders.privacy import reason_not_contactable

pytestmark = pytest.mark.django_db


def _published(item: Comment | Post) -> datetime.datetime:
    return item.moderated_at or item.created_at


def _expected(participant: Participant, end: datetime.datetime) -> dict[str, list[int]]:
    """What the participant should hear of, worked out from every row in the database."""
    start = participant.digest_sent_at or participant.created_at
    if start >= end:  # the demo's rows are stamped when loaded, after the demo's moment
        start = end - datetime.timedelta(days=7)
    strategy = participant.sounding_board.strategy
    relationship = Relationship.objects.filter(person=participant.person).first()
    followed = set(relationship.priorities.values_list("pk", flat=True)) if relationship else set()
    person_id = participant.person_id

    def in_period(moment: datetime.datetime | None) -> bool:
        return moment is not None and start < moment <= end

    def reply_pks(items: list) -> list[int]:
        chosen = [
            item
            for item in items
            if item.parent is not None
            and item.parent.author_id == person_id
            and item.author_id != person_id
            and item.status == ContentStatus.PUBLISHED
            and in_period(_published(item))
        ]
        return [item.pk for item in sorted(chosen, key=lambda i: (_published(i), i.pk))]

    comments = Comment.objects.filter(
        version__paragraph__document__strategy=strategy
    ).select_related("parent")
    posts = Post.objects.filter(discussion__strategy=strategy).select_related("parent")
    documents = [
        d
        for d in Document.objects.filter(strategy=strategy).prefetch_related("priorities")
        if in_period(d.opens_at) and followed & {p.pk for p in d.priorities.all()}
    ]
    discussions = [
        d
        for d in Discussion.objects.filter(strategy=strategy)
        if in_period(d.opens_at) and d.priority_id in followed
    ]
    statements = [
        s
        for s in Statement.objects.filter(strategy=strategy, submitted_by_id=person_id)
        if s.status == ContentStatus.PUBLISHED and in_period(s.moderated_at)
    ]
    workshops = [
        a
        for a in Activity.objects.filter(strategy=strategy).prefetch_related("priorities")
        if a.is_open_for_sign_up
        and a.status != ActivityStatus.CANCELLED
        and a.starts_at > end
        and a.updated_at > start
        and followed & {p.pk for p in a.priorities.all()}
    ]
    return {
        "comment_replies": reply_pks(list(comments)),
        "post_replies": reply_pks(list(posts)),
        "documents": [d.pk for d in sorted(documents, key=lambda d: (d.opens_at, d.title, d.pk))],
        "discussions": [
            d.pk for d in sorted(discussions, key=lambda d: (d.opens_at, d.title, d.pk))
        ],
        "statements": [s.pk for s in sorted(statements, key=lambda s: (s.moderated_at, s.pk))],
        "workshops": [a.pk for a in sorted(workshops, key=lambda a: (a.starts_at, a.title, a.pk))],
    }


def test_each_weekly_member_of_the_demo_gets_what_the_demo_holds_for_them(settings, mailoutbox):
    scenario_load(path=DEMO_SCENARIO, build_publications=False)
    parsed = parse_datetime(_scenario_as_of(DEMO_SCENARIO))
    assert parsed is not None
    moment = make_aware(parsed) if parsed.tzinfo is None else parsed
    settings.CONVENOR_AS_OF = moment
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    weekly = list(
        Participant.objects.filter(
            status=ParticipantStatus.MEMBER, notifications=NotificationChoice.WEEKLY
        ).select_related("person", "sounding_board__strategy")
    )
    assert weekly
    # The demo's weekly members follow no priority yet: the first of them follows them all here,
    # so that the windows and workshops of the demo are checked too.
    follower = weekly[0]
    relationship, _ = Relationship.objects.get_or_create(person=follower.person)
    relationship.priorities.set(follower.sounding_board.strategy.priorities.all())

    expected_mail = set()
    totals = dict.fromkeys(("comment_replies", "documents", "workshops"), 0)
    for participant in weekly:
        digest = digest_for(participant=participant, end=moment)
        expected = _expected(participant, moment)
        # Replies are matched on their text and place; the rest on the rows themselves.
        comment_replies = [Comment.objects.get(pk=pk).text for pk in expected["comment_replies"]]
        assert [r.text for r in digest.comment_replies] == comment_replies, participant
        assert [r.text for r in digest.post_replies] == [
            Post.objects.get(pk=pk).text for pk in expected["post_replies"]
        ]
        assert [d.pk for d in digest.documents_opened] == expected["documents"]
        assert [d.pk for d in digest.discussions_opened] == expected["discussions"]
        assert [s.pk for s in digest.statements_published] == expected["statements"]
        assert [a.pk for a in digest.workshops] == expected["workshops"]
        for key in totals:
            totals[key] += len(expected[key])
        if not digest.is_empty and reason_not_contactable(participant.person) is None:
            expected_mail.add(participant.person.email)
    # The demo has something of these kinds for its weekly members, so the test is not empty.
    assert all(totals.values()), totals

    run = digest_mail.digests_send()

    assert {m.to[0] for m in mailoutbox} == expected_mail
    assert len(mailoutbox) == len(expected_mail) == len(run.sent)
