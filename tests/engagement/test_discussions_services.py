"""Discussions: opening, threads and replies, the shared posting limit, flags, moderation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from convenor.accounts.models import User
from convenor.core.models import AuditEvent
from convenor.engagement import discussions_services as services
from convenor.engagement import documents_services
from convenor.engagement.choices import ContentStatus, Moderation
from convenor.engagement.models import Discussion, Post, PostFlag
from convenor.stakeholders.models import Person
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import ParticipantFactory, PostFactory, SoundingBoardFactory
from tests.engagement.test_documents_services import AS_OF, LONDON
from tests.engagement.test_documents_services import make_world as make_document_world
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """A strategy with a sounding board, an open discussion, a member and staff."""

    discussion: Discussion
    member: Person
    member_user: User
    staff: User


def make_world(*, moderation: str = Moderation.POST) -> World:
    """Build the world every discussions test starts from."""
    board = SoundingBoardFactory()
    staff = StaffUserFactory()
    discussion = services.discussion_create(
        actor=staff,
        strategy=board.strategy,
        title="Buses for the towns",
        prompt="How should buses serve the market towns?",
        priority=PriorityFactory(strategy=board.strategy, title="Connected towns"),
        opens_at=datetime.datetime(2019, 5, 1, 9, 0, tzinfo=LONDON),
        closes_at=datetime.datetime(2019, 6, 30, 17, 0, tzinfo=LONDON),
        moderation=moderation,
    )
    user = UserFactory()
    member = PersonFactory(user=user, name="Mina Member")
    ParticipantFactory(sounding_board=board, person=member)
    return World(discussion=discussion, member=member, member_user=user, staff=staff)


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def test_creating_a_discussion_is_audited_and_a_foreign_priority_refused(world):
    assert AuditEvent.objects.filter(target_id=str(world.discussion.pk)).exists()
    with pytest.raises(ValidationError) as error:
        services.discussion_create(
            actor=world.staff,
            strategy=world.discussion.strategy,
            title="x",
            prompt="y",
            priority=PriorityFactory(strategy=StrategyFactory()),
        )
    assert "priority" in error.value.message_dict


def test_updating_records_what_changed(world):
    changed = services.discussion_update(
        actor=world.staff, discussion=world.discussion, title="Trains too", prompt="Same?"
    )
    assert sorted(changed) == ["prompt", "title"]
    world.discussion.refresh_from_db()
    assert world.discussion.title == "Trains too"


def test_a_thread_and_a_reply_are_published_under_post_moderation(world):
    thread = services.thread_start(author=world.member, discussion=world.discussion, text="Yes")
    reply = services.reply_create(author=world.member, parent=thread, text="And more")
    assert (thread.status, thread.parent, reply.status, reply.parent) == (
        ContentStatus.PUBLISHED,
        None,
        ContentStatus.PUBLISHED,
        thread,
    )


def test_a_reply_to_a_reply_answers_its_thread(world):
    thread = services.thread_start(author=world.member, discussion=world.discussion, text="A")
    reply = services.reply_create(author=world.member, parent=thread, text="B")
    again = services.reply_create(author=world.member, parent=reply, text="C")
    assert again.parent == thread


def test_pre_moderation_holds_posts_and_a_pending_thread_cannot_be_replied_to(settings):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    thread = services.thread_start(author=world.member, discussion=world.discussion, text="A")
    assert thread.status == ContentStatus.PENDING
    with pytest.raises(ValidationError):
        services.reply_create(author=world.member, parent=thread, text="B")


def test_an_empty_post_is_refused(world):
    with pytest.raises(ValidationError):
        services.thread_start(author=world.member, discussion=world.discussion, text="  \n")
    assert not Post.objects.exists()


def test_the_posting_limit_counts_comments_and_posts_together(world, settings):
    document_world = make_document_world()
    for n in range(documents_services.POSTING_LIMIT - 1):
        documents_services.comment_create(
            author=world.member, version=document_world.current(1), text=f"C{n}"
        )
    services.thread_start(author=world.member, discussion=world.discussion, text="Last one")
    with pytest.raises(services.PostingLimitReached):
        services.thread_start(author=world.member, discussion=world.discussion, text="Too many")
    with pytest.raises(documents_services.PostingLimitReached):
        documents_services.comment_create(
            author=world.member, version=document_world.current(1), text="Too many"
        )
    assert Post.objects.count() == 1


def test_flagging_twice_updates_the_one_report(world):
    post = PostFactory(discussion=world.discussion)
    flag, created = services.post_flag(person=world.member, post=post, reason="Rude")
    again, created_again = services.post_flag(person=world.member, post=post, reason="Very")
    assert (created, created_again, again.pk, PostFlag.objects.get().reason) == (
        True,
        False,
        flag.pk,
        "Very",
    )


def test_hiding_needs_a_reason_resolves_flags_and_is_audited(world):
    post = PostFactory(discussion=world.discussion)
    services.post_flag(person=world.member, post=post)
    with pytest.raises(ValidationError):
        services.post_moderate(actor=world.staff, post=post, action="hide", reason=" ")
    hidden = services.post_moderate(
        actor=world.staff, post=post, action="hide", reason="Personal details", note="Phone no."
    )
    assert (hidden.status, hidden.moderation_reason, hidden.moderator_note) == (
        ContentStatus.HIDDEN,
        "Personal details",
        "Phone no.",
    )
    assert PostFlag.objects.get().resolved_at is not None
    restored = services.post_moderate(actor=world.staff, post=post, action="restore")
    assert (restored.status, restored.moderation_reason) == (ContentStatus.PUBLISHED, "")
    verbs = list(
        AuditEvent.objects.filter(target_id=str(post.pk), verb__startswith="moderated")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["moderated (hide)", "moderated (restore)"]


def test_a_note_alone_leaves_flags_open(world):
    post = PostFactory(discussion=world.discussion)
    services.post_flag(person=world.member, post=post)
    services.post_moderate(actor=world.staff, post=post, action="note", note="Watching")
    assert PostFlag.objects.get().resolved_at is None


def test_a_discussion_with_posts_cannot_be_deleted(world):
    PostFactory(discussion=world.discussion)
    with pytest.raises(ValidationError):
        services.discussion_delete(actor=world.staff, discussion=world.discussion)
    Post.objects.all().delete()
    services.discussion_delete(actor=world.staff, discussion=world.discussion)
    assert not Discussion.objects.exists()


def test_a_discussion_is_announced_once(world):
    services.discussion_announce(actor=world.staff, discussion=world.discussion)
    assert services.discussion_was_announced(discussion=world.discussion)
    with pytest.raises(ValidationError):
        services.discussion_announce(actor=world.staff, discussion=world.discussion)


def test_naughty_strings_are_stored_exactly(world, naughty_strings, monkeypatch):
    monkeypatch.setattr(documents_services, "POSTING_LIMIT", 10**6)
    for text in naughty_strings:
        if not text.strip():
            continue
        post = services.thread_start(author=world.member, discussion=world.discussion, text=text)
        post.refresh_from_db()
        assert post.text == text
