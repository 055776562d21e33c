"""The weekly digest: what it lists, in which order, to whom it goes, and when."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from smtplib import SMTPRecipientsRefused
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from convenor.engagement import digest_mail
from convenor.engagement.choices import (
    ActivityStatus,
    ContentStatus,
    Moderation,
    NotificationChoice,
    ParticipantStatus,
    StatementKind,
)
from convenor.engagement.digest_selectors import digest_for
from convenor.engagement.models import Participant, SoundingBoard
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import person_erase
from convenor.strategy.models import Priority
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    CommentFactory,
    DiscussionFactory,
    DocumentFactory,
    ParagraphFactory,
    ParagraphVersionFactory,
    ParticipantFactory,
    PostFactory,
    RelationshipFactory,
    SoundingBoardFactory,
    StatementFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
LAST = datetime.datetime(2019, 5, 15, 17, 0, tzinfo=LONDON)


def at(day: int, hour: int = 10) -> datetime.datetime:
    """A moment in May 2019, London time."""
    return datetime.datetime(2019, 5, day, hour, 0, tzinfo=LONDON)


def dated(obj, **moments: datetime.datetime):
    """Set timestamps that auto_now(_add) would otherwise fill with the real time."""
    type(obj).objects.filter(pk=obj.pk).update(**moments)
    obj.refresh_from_db()
    return obj


@pytest.fixture(autouse=True)
def _demo_moment(settings):
    settings.CONVENOR_AS_OF = NOW
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@dataclass
class World:
    board: SoundingBoard
    towns: Priority
    skills: Priority
    ann: Participant


def weekly_member(board: SoundingBoard, *, follows=(), **person: object) -> Participant:
    participant = ParticipantFactory(
        sounding_board=board,
        person=PersonFactory(**person),
        notifications=NotificationChoice.WEEKLY,
        digest_sent_at=LAST,
    )
    RelationshipFactory(person=participant.person).priorities.set(list(follows))
    return participant


@pytest.fixture
def world() -> World:
    board = SoundingBoardFactory(strategy__name="Enterprise M3")
    towns = PriorityFactory(strategy=board.strategy, title="Thriving towns")
    skills = PriorityFactory(strategy=board.strategy, title="Skills")
    ann = weekly_member(board, follows=[towns], name="Ann Weekly", email="ann@example.org")
    return World(board=board, towns=towns, skills=skills, ann=ann)


def comment_by(person: Person, *, document=None, order: int = 1, **extra: object):
    version = ParagraphVersionFactory(
        paragraph=ParagraphFactory(document=document or DocumentFactory(), order=order)
    )
    return CommentFactory(version=version, author=person, **extra)


def reply_to(parent, *, author: Person, text: str, created: datetime.datetime, **extra: object):
    reply = CommentFactory(version=parent.version, parent=parent, author=author, text=text, **extra)
    return dated(reply, created_at=created)


def full_world(world: World) -> dict[str, object]:
    """Something of every kind for Ann, in the period and out of it, shown and not."""
    strategy = world.board.strategy
    bob = ParticipantFactory(sounding_board=world.board, person=PersonFactory(name="Bob Reply"))
    document = DocumentFactory(
        strategy=strategy, title="Draft early beta statement", opens_at=at(20, 9)
    )
    document.priorities.set([world.towns, world.skills])
    DocumentFactory(strategy=strategy, title="Skills only", opens_at=at(20)).priorities.set(
        [world.skills]
    )
    DocumentFactory(strategy=strategy, title="Opened earlier", opens_at=at(10)).priorities.set(
        [world.towns]
    )
    DocumentFactory(strategy=strategy, title="Opens later", opens_at=at(23)).priorities.set(
        [world.towns]
    )
    mine = comment_by(world.ann.person, document=document, order=3, text="How were they chosen?")
    reply_to(mine, author=bob.person, text="By the Board.", created=at(18))
    reply_to(
        mine,
        author=bob.person,
        text="Held, then published.",
        created=at(14),
        status=ContentStatus.PUBLISHED,
        moderated_at=at(21),
    )
    reply_to(mine, author=bob.person, text="Before the period", created=at(14))
    reply_to(mine, author=bob.person, text="Waiting", created=at(19), status=ContentStatus.PENDING)
    reply_to(
        mine,
        author=bob.person,
        text="Rude",
        created=at(19),
        status=ContentStatus.HIDDEN,
        moderation_reason="Be kind",
        moderated_at=at(19, 12),
    )
    reply_to(mine, author=world.ann.person, text="Replying to myself", created=at(19))
    discussion = DiscussionFactory(
        strategy=strategy, title="High streets", priority=world.towns, opens_at=at(19)
    )
    DiscussionFactory(strategy=strategy, title="Everything", priority=None, opens_at=at(19))
    DiscussionFactory(
        strategy=strategy, title="Apprenticeships", priority=world.skills, opens_at=at(19)
    )
    post = PostFactory(discussion=discussion, author=world.ann.person, text="Markets matter")
    dated(
        PostFactory(discussion=discussion, parent=post, author=bob.person, text="They do."),
        created_at=at(20, 8),
    )
    dated(
        PostFactory(
            discussion=discussion,
            parent=post,
            author=bob.person,
            text="Pending post",
            status=ContentStatus.PENDING,
        ),
        created_at=at(20, 8),
    )
    StatementFactory(
        strategy=strategy,
        kind=StatementKind.PARTICIPANT,
        submitted_by=world.ann.person,
        text="Towns need buses.",
        moderated_at=at(20, 11),
    )
    StatementFactory(
        strategy=strategy,
        kind=StatementKind.PARTICIPANT,
        submitted_by=world.ann.person,
        text="Not yet moderated",
        status=ContentStatus.PENDING,
    )
    StatementFactory(
        strategy=strategy,
        kind=StatementKind.PARTICIPANT,
        submitted_by=world.ann.person,
        text="Published long ago",
        moderated_at=at(2),
    )
    workshop = ActivityFactory(
        strategy=strategy,
        title="Towns workshop",
        is_open_for_sign_up=True,
        starts_at=datetime.datetime(2019, 6, 5, 14, 0, tzinfo=LONDON),
    )
    workshop.priorities.set([world.towns])
    dated(workshop, created_at=at(20), updated_at=at(20))
    for title, extra in (
        ("Not open", {"is_open_for_sign_up": False}),
        ("Already started", {"is_open_for_sign_up": True, "starts_at": at(21)}),
        ("Cancelled", {"is_open_for_sign_up": True, "status": ActivityStatus.CANCELLED}),
        ("Unchanged since", {"is_open_for_sign_up": True}),
    ):
        other = ActivityFactory(strategy=strategy, title=title, **extra)
        other.priorities.set([world.towns])
        if title == "Unchanged since":
            dated(other, created_at=at(1), updated_at=at(2))
    return {"document": document, "discussion": discussion, "workshop": workshop}


def test_the_digest_lists_each_kind_of_item_of_the_period_in_order(world):
    full_world(world)
    digest = digest_for(participant=world.ann, end=NOW)

    assert (digest.start, digest.end) == (LAST, NOW)
    assert [(r.author_name, r.text, r.what, r.place) for r in digest.comment_replies] == [
        (
            "Bob Reply",
            "By the Board.",
            "How were they chosen?",
            "paragraph 3 of Draft early beta statement",
        ),
        (
            "Bob Reply",
            "Held, then published.",
            "How were they chosen?",
            "paragraph 3 of Draft early beta statement",
        ),
    ]
    assert [(r.text, r.place) for r in digest.post_replies] == [("They do.", "High streets")]
    assert [d.title for d in digest.documents_opened] == ["Draft early beta statement"]
    assert [d.title for d in digest.discussions_opened] == ["High streets"]
    assert [s.text for s in digest.statements_published] == ["Towns need buses."]
    assert [a.title for a in digest.workshops] == ["Towns workshop"]
    assert digest.item_count == 7


def test_the_mail_lists_the_items_in_that_order_with_links_and_unsubscribe(world, mailoutbox):
    objects = full_world(world)
    slug = world.board.strategy.slug

    run = digest_mail.digests_send()

    assert [d.participant.pk for d in run.sent] == [world.ann.pk]
    (message,) = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "Your weekly sounding board digest: Enterprise M3"
    body = message.body
    expected_in_order = [
        "Dear Ann Weekly,",
        "between 15 May 2019, 17:00 and 22 May 2019, 17:00 (UK time)",
        "REPLIES TO YOUR COMMENTS",
        "Bob Reply replied to your comment on paragraph 3 of Draft early beta statement.",
        "Their reply: By the Board.",
        f"/s/{slug}/documents/{objects['document'].pk}/#paragraph-3",
        "Their reply: Held, then published.",
        "REPLIES TO YOUR POSTS IN DISCUSSIONS",
        "Bob Reply replied to your post in High streets.",
        "Their reply: They do.",
        "OPEN FOR YOUR COMMENTS, ON PRIORITIES YOU FOLLOW",
        "Draft early beta statement (until 30 June 2019, 17:00)",
        "DISCUSSIONS OPENED ON PRIORITIES YOU FOLLOW",
        "High streets (until 30 June 2019, 17:00)",
        "YOUR STATEMENTS, NOW PUBLISHED FOR VOTING",
        "“Towns need buses.”",
        f"/s/{slug}/statements/",
        "WORKSHOPS OPEN FOR SIGN-UP, ON PRIORITIES YOU FOLLOW",
        "Towns workshop, 5 June 2019, 14:00, Enterprise M3 offices, Basingstoke",
        f"/s/{slug}/sounding-board/profile/",
        f"/s/{slug}/sounding-board/unsubscribe/",
    ]
    positions = [body.index(text) for text in expected_in_order]
    assert positions == sorted(positions)
    for absent in (
        "Waiting",
        "Rude",
        "Before the period",
        "Replying to myself",
        "Pending post",
        "Skills only",
        "Opened earlier",
        "Opens later",
        "Everything",
        "Apprenticeships",
        "Not yet moderated",
        "Published long ago",
        "Not open",
        "Already started",
        "Cancelled",
        "Unchanged since",
    ):
        assert absent not in body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    html = message.alternatives[0][0]
    assert "<h2>Replies to your comments</h2>" in html
    world.ann.refresh_from_db()
    assert world.ann.digest_sent_at == NOW


def test_user_text_is_escaped_in_the_html_and_whole_in_the_text(world, mailoutbox):
    bob = PersonFactory(name="<b>Bob</b>")
    document = DocumentFactory(strategy=world.board.strategy)
    mine = comment_by(world.ann.person, document=document, text="Mine & <i>yours</i>")
    reply_to(mine, author=bob, text="<script>alert(1)</script>\nline two", created=at(18))

    digest_mail.digests_send()

    (message,) = mailoutbox
    assert "<script>alert(1)</script>\nline two" in message.body
    html = message.alternatives[0][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>line two" in html
    assert "&lt;b&gt;Bob&lt;/b&gt;" in html
    assert "Mine &amp; &lt;i&gt;yours&lt;/i&gt;" in html


def test_running_twice_sends_once_and_nothing_new_sends_no_mail(world, mailoutbox, settings):
    full_world(world)
    digest_mail.digests_send()
    digest_mail.digests_send()
    assert len(mailoutbox) == 1

    # A week on, the next period holds only the window that opened on 23 May.
    settings.CONVENOR_AS_OF = NOW + datetime.timedelta(days=7)
    (digest,) = digest_mail.digests_send().sent
    assert (digest.start, digest.item_count) == (NOW, 1)
    assert [d.title for d in digest.documents_opened] == ["Opens later"]

    # Another week with nothing new: no mail, and the period is closed all the same.
    settings.CONVENOR_AS_OF = NOW + datetime.timedelta(days=14)
    run = digest_mail.digests_send()
    assert len(mailoutbox) == 2
    assert [p.pk for p in run.empty] == [world.ann.pk]
    world.ann.refresh_from_db()
    assert world.ann.digest_sent_at == NOW + datetime.timedelta(days=14)


def test_a_member_is_due_a_week_after_their_last_digest(world, mailoutbox, settings):
    full_world(world)
    Participant.objects.filter(pk=world.ann.pk).update(
        digest_sent_at=NOW - datetime.timedelta(days=5)
    )
    digest_mail.digests_send()
    assert mailoutbox == []

    Participant.objects.filter(pk=world.ann.pk).update(digest_sent_at=at(14, 17))
    digest_mail.digests_send()
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]


def test_never_sent_covers_the_time_since_joining(world, mailoutbox):
    mine = comment_by(world.ann.person, document=DocumentFactory(strategy=world.board.strategy))
    Participant.objects.filter(pk=world.ann.pk).update(digest_sent_at=None, created_at=at(17))
    reply_to(mine, author=PersonFactory(), text="Before joining", created=at(16))
    reply_to(mine, author=PersonFactory(), text="After joining", created=at(18))
    world.ann.refresh_from_db()

    digest = digest_for(participant=world.ann, end=NOW)

    assert (digest.start, [r.text for r in digest.comment_replies]) == (at(17), ["After joining"])


def test_only_current_members_who_chose_weekly_get_one(world, mailoutbox):
    full_world(world)
    others = {
        "immediate": {"notifications": NotificationChoice.IMMEDIATE},
        "none": {"notifications": NotificationChoice.NONE},
        "left": {"status": ParticipantStatus.LEFT},
        "pending": {"status": ParticipantStatus.PENDING},
        "declined": {"status": ParticipantStatus.DECLINED},
    }
    for name, fields in others.items():
        participant = weekly_member(world.board, follows=[world.towns], email=f"{name}@example.org")
        Participant.objects.filter(pk=participant.pk).update(**fields)

    digest_mail.digests_send()

    assert [m.to for m in mailoutbox] == [["ann@example.org"]]


def test_a_member_who_switches_or_leaves_after_the_list_is_drawn_gets_none(
    world, mailoutbox, monkeypatch
):
    full_world(world)
    stale = list(digest_mail.participants_due(now=NOW))
    monkeypatch.setattr(digest_mail, "participants_due", lambda now: stale)
    Participant.objects.filter(pk=world.ann.pk).update(notifications=NotificationChoice.NONE)
    digest_mail.digests_send()
    Participant.objects.filter(pk=world.ann.pk).update(
        notifications=NotificationChoice.WEEKLY, status=ParticipantStatus.LEFT
    )
    digest_mail.digests_send()
    assert mailoutbox == []


def test_opted_out_erased_and_emailless_members_get_none(world, mailoutbox, monkeypatch):
    full_world(world)
    # Each follows the towns priority, so each has windows, a discussion and a workshop to hear of.
    opted_out = weekly_member(world.board, follows=[world.towns], opted_out=True)
    emailless = weekly_member(world.board, follows=[world.towns], email="")
    erased = weekly_member(world.board, follows=[world.towns], email="erased@example.org")
    # Erased after the list is drawn up: the guard asked just before addressing still stops it.
    stale = list(digest_mail.participants_due(now=NOW))
    monkeypatch.setattr(digest_mail, "participants_due", lambda now: stale)
    person_erase(person=erased.person, actor=StaffUserFactory())

    run = digest_mail.digests_send()

    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    assert sorted(p.pk for p, _ in run.skipped) == sorted([opted_out.pk, emailless.pk, erased.pk])
    assert set(
        Participant.objects.filter(pk__in=[opted_out.pk, emailless.pk, erased.pk]).values_list(
            "digest_sent_at", flat=True
        )
    ) == {LAST}


class RefusesOneAddress(EmailBackend):
    """A mail server that refuses fail@example.org."""

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        for message in messages:
            if "fail@example.org" in message.to:
                raise SMTPRecipientsRefused({"fail@example.org": (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_address_leaves_that_period_for_next_time_and_others_still_get_theirs(
    world, mailoutbox, settings
):
    full_world(world)
    # Alphabetical: "Ada" is mailed before Ann, "Zed" after; Ada's address is refused.
    ada = weekly_member(
        world.board, follows=[world.towns], name="Ada Fail", email="fail@example.org"
    )
    zed = weekly_member(world.board, follows=[world.towns], name="Zed Ok", email="zed@example.org")
    settings.EMAIL_BACKEND = "tests.engagement.test_digest_mail.RefusesOneAddress"

    run = digest_mail.digests_send()

    assert [m.to for m in mail.outbox] == [["ann@example.org"], ["zed@example.org"]]
    assert [p.pk for p in run.failed] == [ada.pk]
    assert dict(
        Participant.objects.filter(pk__in=[ada.pk, zed.pk]).values_list("pk", "digest_sent_at")
    ) == {
        ada.pk: LAST,
        zed.pk: NOW,
    }

    # The server takes it the next day: Ada gets the same period, the others nothing again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CONVENOR_AS_OF = NOW + datetime.timedelta(days=1)
    run = digest_mail.digests_send()
    assert [d.participant.pk for d in run.sent] == [ada.pk]
    assert run.sent[0].start == LAST
    assert [m.to for m in mail.outbox][-1] == ["fail@example.org"]


def test_pre_moderated_reply_published_later_comes_in_the_later_digest(world, mailoutbox, settings):
    document = DocumentFactory(strategy=world.board.strategy, moderation=Moderation.PRE)
    mine = comment_by(world.ann.person, document=document)
    reply = reply_to(
        mine, author=PersonFactory(), text="Held", created=at(20), status=ContentStatus.PENDING
    )
    digest_mail.digests_send()
    assert mailoutbox == []

    dated(reply, status=ContentStatus.PUBLISHED, moderated_at=at(24))
    settings.CONVENOR_AS_OF = NOW + datetime.timedelta(days=7)
    digest_mail.digests_send()
    (message,) = mailoutbox
    assert "Their reply: Held" in message.body


def test_dry_run_prints_who_would_get_what_and_changes_nothing(world, mailoutbox, capsys):
    full_world(world)
    call_command("send_digests", "--dry-run")
    out = capsys.readouterr().out
    assert mailoutbox == []
    assert (
        "Would send to Ann Weekly <ann@example.org> "
        "(2019-05-15 17:00 to 2019-05-22 17:00): 7 item(s)" in out
    )
    assert "  workshop open for sign-up: Towns workshop" in out
    assert "Would send 1 digest(s) up to 2019-05-22 17:00" in out
    world.ann.refresh_from_db()
    assert world.ann.digest_sent_at == LAST


def test_the_command_sends_and_reports(world, mailoutbox, capsys):
    full_world(world)
    call_command("send_digests")
    assert len(mailoutbox) == 1
    assert "Sent 1 digest(s) up to 2019-05-22 17:00; 0 with nothing new" in capsys.readouterr().out
