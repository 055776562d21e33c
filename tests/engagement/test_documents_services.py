"""Reaction windows: the text parsed into paragraphs, revisions, comments, reactions, moderation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from convenor.accounts.models import User
from convenor.core.models import AuditEvent
from convenor.engagement import documents_services as services
from convenor.engagement.choices import ContentStatus, Moderation
from convenor.engagement.documents_services import ParsedParagraph, document_text_parse
from convenor.engagement.models import Comment, CommentFlag, Document, Paragraph, Reaction
from convenor.stakeholders.models import Person
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import CommentFactory, ParticipantFactory, SoundingBoardFactory
from tests.stakeholders.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
TEXT = (
    "## Introduction\nFirst paragraph.\n\nSecond paragraph,\non two lines.\n\n"
    "## Towns\nThird paragraph."
)


@dataclass
class World:
    """A strategy with a sounding board, an open document of three paragraphs, a member, staff."""

    document: Document
    member: Person
    member_user: User
    staff: User

    def paragraph(self, order: int) -> Paragraph:
        return self.document.paragraphs.get(order=order)

    def current(self, order: int):
        return self.paragraph(order).versions.order_by("-number").first()


def make_world(*, moderation: str = Moderation.POST, text: str = TEXT) -> World:
    """Build the world every documents test starts from."""
    board = SoundingBoardFactory()
    staff = StaffUserFactory()
    document = services.document_create(
        actor=staff,
        strategy=board.strategy,
        title="Draft early beta statement",
        text=text,
        opens_at=datetime.datetime(2019, 5, 1, 9, 0, tzinfo=LONDON),
        closes_at=datetime.datetime(2019, 6, 30, 17, 0, tzinfo=LONDON),
        moderation=moderation,
    )
    user = UserFactory()
    member = PersonFactory(user=user, name="Mina Member")
    ParticipantFactory(sounding_board=board, person=member)
    return World(document=document, member=member, member_user=user, staff=staff)


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


# The text


def test_text_is_split_on_blank_lines_with_headings_for_the_next_paragraph():
    assert document_text_parse(TEXT) == [
        ParsedParagraph(heading="Introduction", text="First paragraph."),
        ParsedParagraph(heading="", text="Second paragraph,\non two lines."),
        ParsedParagraph(heading="Towns", text="Third paragraph."),
    ]


def test_text_parsing_ignores_extra_blank_lines_windows_line_ends_and_trailing_space():
    text = "\r\n\r\nOne.  \r\n\r\n\r\n\r\nTwo.\r\n   \r\nThree.\n\n"
    assert [p.text for p in document_text_parse(text)] == ["One.", "Two.", "Three."]


def test_a_heading_with_no_paragraph_before_the_next_heading_gives_way_to_it():
    assert document_text_parse("## A\n\n## B\nText.") == [
        ParsedParagraph(heading="B", text="Text.")
    ]


def test_a_line_with_hashes_but_no_space_is_text():
    assert document_text_parse("##not a heading") == [
        ParsedParagraph(heading="", text="##not a heading")
    ]


def test_render_is_the_inverse_of_parse():
    parsed = document_text_parse(TEXT)
    rendered = services.document_text_render((p.heading, p.text) for p in parsed)
    assert document_text_parse(rendered) == parsed


@pytest.mark.django_db
def test_creating_a_document_makes_paragraphs_at_version_one(world):
    paragraphs = list(world.document.paragraphs.order_by("order"))
    assert [(p.order, p.heading) for p in paragraphs] == [
        (1, "Introduction"),
        (2, ""),
        (3, "Towns"),
    ]
    assert [p.versions.get().number for p in paragraphs] == [1, 1, 1]
    assert AuditEvent.objects.filter(verb="created", target_id=str(world.document.pk)).exists()


@pytest.mark.django_db
def test_a_document_needs_text():
    board = SoundingBoardFactory()
    with pytest.raises(ValidationError) as error:
        services.document_create(actor=None, strategy=board.strategy, title="T", text=" \n\n ")
    assert error.value.message_dict == {"text": ["Enter the text of the document"]}
    assert not Document.objects.exists()


# Revisions


@pytest.mark.django_db
def test_revision_versions_changed_paragraphs_and_keeps_comments_on_theirs(world):
    old_second = world.current(2)
    first = world.current(1)
    comment = CommentFactory(version=old_second, author=world.member, text="On the old text")
    result = services.document_revise(
        actor=world.staff,
        document=world.document,
        text=(
            "## Introduction\nFirst paragraph.\n\nSecond paragraph, revised.\n\n"
            "## Towns\nThird paragraph.\n\nA new fourth."
        ),
    )
    assert result == services.RevisionResult(changed=1, unchanged=2, added=1, removed=0)
    assert world.current(1) == first
    assert world.current(2).number == 2
    assert world.current(2).text == "Second paragraph, revised."
    comment.refresh_from_db()
    assert comment.version == old_second
    assert world.paragraph(4).versions.get().text == "A new fourth."
    assert AuditEvent.objects.filter(verb="revised", detail__changed=1).count() == 1


@pytest.mark.django_db
def test_a_shorter_text_marks_the_rest_removed_and_a_longer_one_brings_them_back(world):
    CommentFactory(version=world.current(3), author=world.member)
    result = services.document_revise(
        actor=world.staff, document=world.document, text="One.\n\nTwo."
    )
    assert result.removed == 1
    assert world.paragraph(3).is_removed
    assert Comment.objects.filter(version__paragraph=world.paragraph(3)).count() == 1
    services.document_revise(
        actor=world.staff, document=world.document, text="One.\n\nTwo.\n\nThird paragraph."
    )
    assert not world.paragraph(3).is_removed
    assert world.current(3).number == 1


@pytest.mark.django_db
def test_a_document_with_comments_cannot_be_deleted(world):
    CommentFactory(version=world.current(1), author=world.member)
    with pytest.raises(ValidationError):
        services.document_delete(actor=world.staff, document=world.document)
    assert Document.objects.filter(pk=world.document.pk).exists()


@pytest.mark.django_db
def test_a_document_without_comments_is_deleted_with_an_audit_event(world):
    services.document_delete(actor=world.staff, document=world.document)
    assert not Document.objects.exists()
    assert AuditEvent.objects.filter(verb="deleted").count() == 1


# Comments, replies, reactions, flags


@pytest.mark.django_db
def test_post_moderation_publishes_at_once_and_pre_moderation_waits(settings):
    settings.CONVENOR_AS_OF = AS_OF
    post = make_world()
    assert (
        services.comment_create(author=post.member, version=post.current(1), text="Hi").status
        == ContentStatus.PUBLISHED
    )
    pre = make_world(moderation=Moderation.PRE)
    assert (
        services.comment_create(author=pre.member, version=pre.current(1), text="Hi").status
        == ContentStatus.PENDING
    )


@pytest.mark.django_db
def test_a_reply_to_a_reply_answers_the_comment_on_its_version(world):
    other = PersonFactory()
    comment = services.comment_create(author=other, version=world.current(2), text="A comment")
    reply = services.reply_create(author=world.member, parent=comment, text="A reply")
    second = services.reply_create(author=other, parent=reply, text="A reply to the reply")
    assert (reply.parent, second.parent) == (comment, comment)
    assert second.version == comment.version


@pytest.mark.django_db
def test_a_pending_or_hidden_comment_cannot_be_replied_to(settings):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    comment = services.comment_create(author=world.member, version=world.current(1), text="Wait")
    with pytest.raises(ValidationError):
        services.reply_create(author=world.member, parent=comment, text="Reply")


@pytest.mark.django_db
def test_the_eleventh_comment_in_a_minute_is_refused_with_when_to_try_again(world):
    for n in range(services.POSTING_LIMIT):
        services.comment_create(author=world.member, version=world.current(1), text=f"Comment {n}")
    with pytest.raises(services.PostingLimitReached) as error:
        services.reply_create(author=world.member, parent=Comment.objects.first(), text="One more")
    first = Comment.objects.order_by("created_at").first()
    assert error.value.retry_at == first.created_at + services.POSTING_PERIOD
    assert Comment.objects.count() == services.POSTING_LIMIT
    # Someone else is not held back by another's posting.
    services.comment_create(author=PersonFactory(), version=world.current(1), text="Mine")


@pytest.mark.django_db
def test_a_reaction_is_one_per_person_changeable_and_removable(world):
    paragraph = world.paragraph(1)
    services.reaction_set(person=world.member, paragraph=paragraph, kind="support")
    services.reaction_set(person=world.member, paragraph=paragraph, kind="concern")
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["concern"]
    services.reaction_set(person=world.member, paragraph=paragraph, kind=None)
    assert not Reaction.objects.exists()
    with pytest.raises(ValidationError):
        services.reaction_set(person=world.member, paragraph=paragraph, kind="love")


@pytest.mark.django_db
def test_flagging_twice_updates_the_one_flag(world):
    comment = CommentFactory(version=world.current(1))
    _, created = services.comment_flag(person=world.member, comment=comment, reason="Rude")
    _, again = services.comment_flag(person=world.member, comment=comment, reason="Very rude")
    assert (created, again) == (True, False)
    assert list(CommentFlag.objects.values_list("reason", flat=True)) == ["Very rude"]


# Moderation


@pytest.mark.django_db
def test_hiding_needs_a_reason_and_resolves_flags_with_an_audit_event(world):
    comment = CommentFactory(version=world.current(1))
    services.comment_flag(person=world.member, comment=comment)
    with pytest.raises(ValidationError):
        services.comment_moderate(actor=world.staff, comment=comment, action="hide", reason=" ")
    comment.refresh_from_db()
    assert comment.status == ContentStatus.PUBLISHED
    services.comment_moderate(
        actor=world.staff,
        comment=comment,
        action="hide",
        reason="Personal details",
        note="Called them",
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason, comment.moderator_note) == (
        ContentStatus.HIDDEN,
        "Personal details",
        "Called them",
    )
    assert comment.moderated_by == world.staff
    assert CommentFlag.objects.get().resolved_at is not None
    event = AuditEvent.objects.get(verb="moderated (hide)")
    assert event.detail == {
        "from": "published",
        "to": "hidden",
        "flags_resolved": 1,
        "reason": "Personal details",
    }
    services.comment_moderate(actor=world.staff, comment=comment, action="restore")
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (ContentStatus.PUBLISHED, "")
    assert AuditEvent.objects.filter(verb="moderated (restore)").count() == 1


@pytest.mark.django_db
def test_a_note_alone_changes_nothing_else_and_is_audited(world):
    comment = CommentFactory(version=world.current(1))
    services.comment_flag(person=world.member, comment=comment)
    services.comment_moderate(actor=world.staff, comment=comment, action="note", note="Watching")
    comment.refresh_from_db()
    assert (comment.status, comment.moderator_note, comment.moderated_at) == (
        "published",
        "Watching",
        None,
    )
    assert CommentFlag.objects.get().resolved_at is None
    assert AuditEvent.objects.filter(verb="moderated (note)").count() == 1


# Hostile input


def _refused(call, *args, **kwargs) -> dict[str, list[str]] | None:
    """The service's messages by field if it refuses, else None."""
    try:
        call(*args, **kwargs)
    except ValidationError as error:
        return error.message_dict
    return None


@pytest.mark.django_db
def test_naughty_strings_are_stored_exactly_in_comments_replies_flags_and_documents(
    world, naughty_strings, monkeypatch
):
    # The posting limit is tested on its own; here one person writes every string.
    monkeypatch.setattr(services, "POSTING_LIMIT", 10**6)
    other = PersonFactory()
    parent = CommentFactory(version=world.current(1))
    failures = []
    for index, text in enumerate(naughty_strings):
        if not text.strip():
            # Blank space is no comment: refused with the message the form shows.
            for call, kwargs in (
                (services.comment_create, {"author": other, "version": world.current(1)}),
                (services.reply_create, {"author": world.member, "parent": parent}),
            ):
                if _refused(call, text=text, **kwargs) != {"text": ["Enter your comment"]}:
                    failures.append((call.__name__, index, text))
            comment = CommentFactory(version=world.current(1))
        else:
            comment = services.comment_create(author=other, version=world.current(1), text=text)
            reply = services.reply_create(author=world.member, parent=comment, text=text)
            stored = list(Comment.objects.filter(pk__in=[comment.pk, reply.pk]).order_by("pk"))
            if [c.text for c in stored] != [text, text]:
                failures.append(("comment and reply", index, text, [c.text for c in stored]))
        flag, _ = services.comment_flag(person=world.member, comment=comment, reason=text)
        if CommentFlag.objects.get(pk=flag.pk).reason != text:
            failures.append(("comment_flag", index, text))

        # A document's title is at most 200 characters and its text needs a paragraph.
        expected = {}
        if not text:
            expected["title"] = ["This field cannot be blank."]
        elif len(text) > 200:
            expected["title"] = [
                f"Ensure this value has at most 200 characters (it has {len(text)})."
            ]
        if not document_text_parse(text):
            expected = {"text": ["Enter the text of the document"]}
        if expected:
            refused = _refused(
                services.document_create,
                actor=world.staff,
                strategy=world.document.strategy,
                title=text,
                summary=text,
                text=text,
            )
            if refused != expected:
                failures.append(("document_create", index, text, refused))
            continue
        document = services.document_create(
            actor=world.staff, strategy=world.document.strategy, title=text, summary=text, text=text
        )
        stored_document = Document.objects.get(pk=document.pk)
        paragraphs = [
            (p.heading, v.text)
            for p in stored_document.paragraphs.order_by("order")
            for v in p.versions.all()
        ]
        if (stored_document.title, stored_document.summary) != (text, text) or paragraphs != [
            (p.heading, p.text) for p in document_text_parse(text)
        ]:
            failures.append(("document_create", index, text, stored_document.title, paragraphs))
    assert failures == []
