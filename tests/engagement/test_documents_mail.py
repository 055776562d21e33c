"""Reaction window mail: replies to one's comment, and a window opening on a followed priority."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convenor.engagement import documents_services as services
from convenor.engagement.choices import Moderation, NotificationChoice
from convenor.engagement.models import Participant
from convenor.stakeholders.privacy import person_erase
from tests.engagement.factories import ParticipantFactory, RelationshipFactory
from tests.engagement.test_documents_services import AS_OF, World, make_world
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
        sounding_board=world.document.strategy.sounding_board,
        person=PersonFactory(**person),
        notifications=notifications,
    )


def test_the_author_of_a_comment_is_emailed_a_reply_with_the_unsubscribe_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    author = member(world, name="Ann Author", email="ann@example.org").person
    comment = services.comment_create(author=author, version=world.current(2), text="Mine")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=world.member, parent=comment, text="I agree <b>strongly</b>")
    (message,) = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "A reply to your comment on Draft early beta statement"
    assert "Mina Member replied to your comment on paragraph 2" in message.body
    assert "I agree <b>strongly</b>" in message.body
    html = message.alternatives[0][0]
    assert "I agree &lt;b&gt;strongly&lt;/b&gt;" in html
    assert "/sounding-board/unsubscribe/" in message.body
    assert (
        reverse("documents:document_detail", args=[world.document.strategy.slug, world.document.pk])
        in message.body
    )


def test_no_mail_for_replying_to_oneself_or_to_people_who_chose_weekly_or_none(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    weekly = member(world, notifications=NotificationChoice.WEEKLY).person
    nothing = member(world, notifications=NotificationChoice.NONE).person
    own = services.comment_create(author=world.member, version=world.current(1), text="Mine")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=world.member, parent=own, text="Me again")
        for person in (weekly, nothing):
            comment = services.comment_create(author=person, version=world.current(1), text="x")
            services.reply_create(author=world.member, parent=comment, text="Reply")
    # The weekly digest is not built yet: "weekly" sends nothing for now.
    assert mailoutbox == []


def test_opted_out_erased_and_emailless_authors_get_no_reply_mail(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    opted_out = member(world, opted_out=True).person
    emailless = member(world, email="").person
    erased = member(world).person
    comments = [
        services.comment_create(author=person, version=world.current(1), text="x")
        for person in (opted_out, emailless, erased)
    ]
    person_erase(person=erased, actor=world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        for comment in comments:
            sent = services.reply_create(author=world.member, parent=comment, text="Reply")
            assert sent.pk
    assert mailoutbox == []


def test_a_pre_moderated_reply_is_mailed_when_a_moderator_publishes_it(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    author = member(world, email="ann@example.org").person
    comment = services.comment_create(author=author, version=world.current(1), text="Mine")
    services.comment_moderate(actor=world.staff, comment=comment, action="publish")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_create(author=world.member, parent=comment, text="Later")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(actor=world.staff, comment=reply, action="publish")
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]


def test_announcing_a_window_mails_members_following_its_priorities_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    towns, skills = (
        PriorityFactory(strategy=world.document.strategy),
        PriorityFactory(strategy=world.document.strategy),
    )
    world.document.priorities.set([towns])
    follower = member(world, email="follower@example.org").person
    RelationshipFactory(person=follower).priorities.set([towns])
    other = member(world, email="other@example.org").person
    RelationshipFactory(person=other).priorities.set([skills])
    weekly = member(world, notifications=NotificationChoice.WEEKLY).person
    RelationshipFactory(person=weekly).priorities.set([towns])
    non_member = PersonFactory(email="outsider@example.org")
    RelationshipFactory(person=non_member).priorities.set([towns])
    blocked = [
        member(world, opted_out=True).person,
        member(world, email="").person,
        member(world).person,
    ]
    for person in blocked:
        RelationshipFactory(person=person).priorities.set([towns])
    person_erase(person=blocked[2], actor=world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.document_announce(actor=world.staff, document=world.document)
    assert [m.to for m in mailoutbox] == [["follower@example.org"]]
    assert len(sent.skipped) == 3
    (message,) = mailoutbox
    assert message.subject == "Open for your comments: Draft early beta statement"
    assert "until 30 June 2019, 17:00 (UK time)" in message.body
    assert "/sounding-board/unsubscribe/" in message.body


def test_an_opt_out_between_announcing_and_sending_stops_the_mail(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    towns = PriorityFactory(strategy=world.document.strategy)
    world.document.priorities.set([towns])
    follower = member(world, email="follower@example.org").person
    RelationshipFactory(person=follower).priorities.set([towns])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.document_announce(actor=world.staff, document=world.document)
    follower.opted_out = True
    follower.save()
    for callback in callbacks:
        callback()
    assert mailoutbox == []
