"""Discussion mail: a reply to one's post, and a discussion opened on a followed priority."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convenor.engagement import discussions_services as services
from convenor.engagement.choices import Moderation, NotificationChoice
from convenor.engagement.models import Participant
from convenor.stakeholders.privacy import person_erase
from tests.engagement.factories import ParticipantFactory, RelationshipFactory
from tests.engagement.test_discussions_services import AS_OF, World, make_world
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def member(world: World, **person: object) -> Participant:
    notifications = person.pop("notifications", NotificationChoice.IMMEDIATE)
    return ParticipantFactory(
        sounding_board=world.discussion.strategy.sounding_board,
        person=PersonFactory(**person),
        notifications=notifications,
    )


def test_the_author_of_a_post_is_emailed_a_reply_with_the_unsubscribe_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    author = member(world, name="Ann Author", email="ann@example.org").person
    post = services.thread_start(author=author, discussion=world.discussion, text="Mine")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_create(author=world.member, parent=post, text="Yes <b>indeed</b>")
    (message,) = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "A reply to your post in Buses for the towns"
    assert "Mina Member replied to your post" in message.body
    assert "Yes <b>indeed</b>" in message.body
    assert "Yes &lt;b&gt;indeed&lt;/b&gt;" in message.alternatives[0][0]
    assert "/sounding-board/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<")
    detail = reverse(
        "discussions:discussion_detail",
        args=[world.discussion.strategy.slug, world.discussion.pk],
    )
    assert f"{detail}#post-{reply.pk}" in message.body


def test_no_reply_mail_to_oneself_or_to_those_who_chose_weekly_or_none(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    weekly = member(world, notifications=NotificationChoice.WEEKLY).person
    nothing = member(world, notifications=NotificationChoice.NONE).person
    own = services.thread_start(author=world.member, discussion=world.discussion, text="Mine")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=world.member, parent=own, text="Me again")
        for person in (weekly, nothing):
            post = services.thread_start(author=person, discussion=world.discussion, text="x")
            services.reply_create(author=world.member, parent=post, text="Reply")
    assert mailoutbox == []


def test_opted_out_erased_and_emailless_authors_get_no_reply_mail(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    opted_out = member(world, opted_out=True).person
    emailless = member(world, email="").person
    erased = member(world).person
    posts = [
        services.thread_start(author=person, discussion=world.discussion, text="x")
        for person in (opted_out, emailless, erased)
    ]
    person_erase(person=erased, actor=world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        for post in posts:
            assert services.reply_create(author=world.member, parent=post, text="Reply").pk
    assert mailoutbox == []


def test_a_pre_moderated_reply_is_mailed_when_a_moderator_approves_it(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    author = member(world, email="ann@example.org").person
    post = services.thread_start(author=author, discussion=world.discussion, text="Mine")
    services.post_moderate(actor=world.staff, post=post, action="publish")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_create(author=world.member, parent=post, text="Later")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.post_moderate(actor=world.staff, post=reply, action="publish")
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]


def test_announcing_mails_members_following_its_priority_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    towns = world.discussion.priority
    skills = PriorityFactory(strategy=world.discussion.strategy)
    follower = member(world, email="follower@example.org").person
    RelationshipFactory(person=follower).priorities.set([towns])
    other = member(world, email="other@example.org").person
    RelationshipFactory(person=other).priorities.set([skills])
    weekly = member(world, notifications=NotificationChoice.WEEKLY).person
    RelationshipFactory(person=weekly).priorities.set([towns])
    outsider = PersonFactory(email="outsider@example.org")
    RelationshipFactory(person=outsider).priorities.set([towns])
    blocked = [member(world, opted_out=True).person, member(world, email="").person]
    blocked.append(member(world).person)
    for person in blocked:
        RelationshipFactory(person=person).priorities.set([towns])
    person_erase(person=blocked[2], actor=world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.discussion_announce(actor=world.staff, discussion=world.discussion)
    assert [m.to for m in mailoutbox] == [["follower@example.org"]]
    assert len(sent.skipped) == 3
    (message,) = mailoutbox
    assert message.subject == "Join the discussion: Buses for the towns"
    assert "until 30 June 2019, 17:00 (UK time)" in message.body
    assert "Connected towns, a priority you follow" in message.body
    assert "/sounding-board/unsubscribe/" in message.body


def test_a_discussion_on_the_whole_strategy_is_announced_to_every_member(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.discussion.priority = None
    world.discussion.save()
    member(world, email="a@example.org")
    member(world, email="b@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.discussion_announce(actor=world.staff, discussion=world.discussion)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["a@example.org", "b@example.org", world.member.email]
    )


def test_an_opt_out_between_announcing_and_sending_stops_the_mail(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    follower = member(world, email="follower@example.org").person
    RelationshipFactory(person=follower).priorities.set([world.discussion.priority])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.discussion_announce(actor=world.staff, discussion=world.discussion)
    follower.opted_out = True
    follower.save()
    for callback in callbacks:
        callback()
    assert mailoutbox == []
