"""Staff pages of reaction windows: documents, revisions, per-paragraph counts, moderation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.engagement import documents_services as services
from convenor.engagement.choices import ContentStatus
from convenor.engagement.models import Comment, CommentFlag, Document
from tests.accounts.factories import UserFactory
from tests.engagement.factories import CommentFactory, StatementFactory
from tests.engagement.test_documents_services import AS_OF, World, make_world
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def staff_url(name: str, world: World, *args: int) -> str:
    return reverse(f"documents_staff:{name}", args=[world.document.strategy.slug, *args])


def doc_url(name: str, world: World) -> str:
    return staff_url(name, world, world.document.pk)


def all_staff_pages(world: World, comment: Comment) -> list[str]:
    return [
        staff_url("document_list", world),
        staff_url("document_create", world),
        doc_url("document_hub", world),
        doc_url("document_edit", world),
        doc_url("document_revise", world),
        doc_url("document_delete", world),
        staff_url("moderation_queue", world),
        staff_url("comment_moderate", world, comment.pk),
    ]


def test_staff_pages_send_the_signed_out_to_sign_in_and_refuse_others(client, world):
    comment = CommentFactory(version=world.current(1))
    pages = all_staff_pages(world, comment)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    client.force_login(world.member_user)
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert client.post(doc_url("document_announce", world)).status_code == 403
    assert (
        client.post(
            staff_url("comment_moderate", world, comment.pk), {"action": "hide", "reason": "x"}
        ).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.status == ContentStatus.PUBLISHED
    client.force_login(world.staff)
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_staff_create_a_document_from_typed_text_in_london_time(client, world):
    priority = PriorityFactory(strategy=world.document.strategy)
    client.force_login(world.staff)
    response = client.post(
        staff_url("document_create", world),
        {
            "title": "Draft strategy",
            "summary": "",
            "priorities": [priority.pk],
            "opens_on": "2019-06-01",
            "opens_time": "09:00",
            "closes_on": "2019-07-01",
            "closes_time": "17:30",
            "moderation": "pre",
            "text": "## Part one\nAlpha.\n\nBeta.",
        },
    )
    document = Document.objects.get(title="Draft strategy")
    assert response.status_code == 302
    assert document.opens_at.isoformat() == "2019-06-01T08:00:00+00:00"
    assert document.moderation == "pre"
    assert list(document.priorities.all()) == [priority]
    assert [(p.order, p.heading) for p in document.paragraphs.all()] == [(1, "Part one"), (2, "")]


def test_a_window_that_closes_before_it_opens_is_refused_and_the_text_kept(client, world):
    client.force_login(world.staff)
    response = client.post(
        staff_url("document_create", world),
        {
            "title": "Backwards",
            "opens_on": "2019-06-01",
            "opens_time": "09:00",
            "closes_on": "2019-05-01",
            "closes_time": "09:00",
            "moderation": "post",
            "text": "Keep me.",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "The window must close after it opens" in text and "Keep me." in text


def test_edit_shows_the_window_and_revise_shows_the_text_as_typed(client, world):
    client.force_login(world.staff)
    edit = client.get(doc_url("document_edit", world)).content.decode()
    assert 'value="09:00"' in edit and 'value="2019-05-01"' in edit
    revise = client.get(doc_url("document_revise", world)).content.decode()
    assert "## Introduction\nFirst paragraph.\n\nSecond paragraph,\non two lines." in revise


def test_revising_through_the_page_keeps_comments_on_their_versions(client, world):
    comment = CommentFactory(version=world.current(1))
    client.force_login(world.staff)
    response = client.post(
        doc_url("document_revise", world),
        {"text": "Changed first.\n\nSecond paragraph,\non two lines."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.version.number == 1 and world.current(1).number == 2
    assert world.paragraph(3).is_removed


def test_deleting_a_document_with_comments_is_refused(client, world):
    CommentFactory(version=world.current(1))
    client.force_login(world.staff)
    assert "cannot be deleted" in client.get(doc_url("document_delete", world)).content.decode()
    client.post(doc_url("document_delete", world))
    assert Document.objects.filter(pk=world.document.pk).exists()


def test_the_hub_counts_each_paragraph_exactly(client, world):
    member = world.member
    published = CommentFactory(version=world.current(1))
    CommentFactory(version=world.current(1), parent=published)
    CommentFactory(version=world.current(1), status=ContentStatus.PENDING)
    CommentFactory(version=world.current(2), status=ContentStatus.HIDDEN)
    flagged = CommentFactory(version=world.current(2))
    services.comment_flag(person=member, comment=flagged)
    services.comment_flag(person=PersonFactory(), comment=flagged)
    services.reaction_set(person=member, paragraph=world.paragraph(1), kind="support")
    services.reaction_set(person=PersonFactory(), paragraph=world.paragraph(1), kind="concern")
    services.reaction_set(person=PersonFactory(), paragraph=world.paragraph(3), kind="concern")
    client.force_login(world.staff)
    rows = client.get(doc_url("document_hub", world)).context["rows"]
    assert [(r.published, r.pending, r.hidden, r.support, r.concern, r.flags) for r in rows] == [
        (2, 1, 0, 1, 1, 0),
        (1, 0, 1, 0, 0, 2),
        (0, 0, 0, 0, 1, 0),
    ]


def test_moderating_from_the_queue(client, world):
    pending = CommentFactory(
        version=world.current(1), status=ContentStatus.PENDING, text="Pending one"
    )
    flagged = CommentFactory(version=world.current(2), text="Flagged one")
    CommentFactory(version=world.current(2), text="Fine one")
    services.comment_flag(person=world.member, comment=flagged, reason="Rude")
    client.force_login(world.staff)
    queue = client.get(staff_url("moderation_queue", world))
    assert [c.pk for c in queue.context["object_list"]] == [pending.pk, flagged.pk]
    assert queue.context["counts"] == {"pending": 1, "flagged": 1}
    response = client.post(
        staff_url("comment_moderate", world, flagged.pk),
        {"action": "hide", "reason": "", "note": ""},
    )
    assert "Enter the reason, which the author will see" in response.content.decode()
    client.post(
        staff_url("comment_moderate", world, flagged.pk),
        {"action": "hide", "reason": "Abuse", "note": "n"},
    )
    client.post(
        staff_url("comment_moderate", world, pending.pk),
        {"action": "publish", "reason": "", "note": ""},
    )
    flagged.refresh_from_db()
    pending.refresh_from_db()
    assert (flagged.status, flagged.moderation_reason, pending.status) == (
        "hidden",
        "Abuse",
        "published",
    )
    assert CommentFlag.objects.get().resolved_at is not None
    assert list(client.get(staff_url("moderation_queue", world)).context["object_list"]) == []
    assert AuditEvent.objects.filter(verb__startswith="moderated").count() == 2


def test_the_queue_says_how_many_submitted_statements_wait(client, world):
    StatementFactory.create_batch(2, strategy=world.document.strategy, status="pending")
    StatementFactory(strategy=world.document.strategy)  # published: nothing to do
    client.force_login(world.staff)

    page = client.get(staff_url("moderation_queue", world)).content.decode()

    assert "2 submitted statements wait for moderation" in page
    statements = reverse("statements_staff:statement_list", args=[world.document.strategy.slug])
    assert f'href="{statements}"' in page


def _many(world: World, count: int) -> None:
    people = [PersonFactory() for _ in range(3)]
    comments = Comment.objects.bulk_create(
        Comment(
            version=world.current(1 + n % 3),
            author=people[n % 3],
            text=f"C{n}",
            status=ContentStatus.PENDING if n % 2 else ContentStatus.PUBLISHED,
        )
        for n in range(count)
    )
    CommentFlag.objects.bulk_create(CommentFlag(comment=c, person=people[0]) for c in comments[::3])


@pytest.mark.parametrize("size", [3, 60])
def test_staff_page_queries_do_not_grow(client, settings, size, django_assert_num_queries):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    _many(world, size)
    client.force_login(world.staff)
    with django_assert_num_queries(12):
        client.get(doc_url("document_hub", world))
    # The queue holds comments and discussion posts: one query each, counted from the rows; and
    # how many submitted statements wait.
    with django_assert_num_queries(7):
        client.get(staff_url("moderation_queue", world))
    with django_assert_num_queries(7):
        client.get(staff_url("document_list", world))


def test_announcing_the_window_once(client, world, mailoutbox):
    client.force_login(world.staff)
    client.post(doc_url("document_announce", world))
    again = client.post(doc_url("document_announce", world), follow=True).content.decode()
    assert AuditEvent.objects.filter(verb=services.ANNOUNCED_VERB).count() == 1
    assert "This window has already been announced." in again
    assert "The window has been announced" in again


def test_a_non_staff_user_cannot_announce(client, world):
    client.force_login(UserFactory())
    assert client.post(doc_url("document_announce", world)).status_code == 403
    assert not AuditEvent.objects.filter(verb=services.ANNOUNCED_VERB).exists()


def test_every_naughty_string_as_title_summary_and_text_is_kept_or_refused_with_a_message(
    client, world, naughty_strings
):
    client.force_login(world.staff)
    failures = []
    created = {}
    for index, text in enumerate(naughty_strings):
        response = client.post(
            staff_url("document_create", world),
            {"title": text, "summary": text, "moderation": "post", "text": text},
        )
        # A title is up to 200 characters; NUL cannot be stored; the text needs a paragraph
        # (which the service checks once the form is content).
        expected = []
        if not text:
            expected = ["Enter a title", "Enter the text of the document"]
        if len(text) > 200:
            expected.append(f"Ensure this value has at most 200 characters (it has {len(text)}).")
        if "\x00" in text:
            expected.append("Null characters are not allowed.")
        if not expected and not services.document_text_parse(text):
            expected = ["Enter the text of the document"]
        if expected:
            html = response.content.decode() if response.status_code == 200 else ""
            missing = [message for message in expected if escape(message) not in html]
            if response.status_code != 200 or missing or escape(text) not in html:
                failures.append((index, text, response.status_code, missing))
            continue
        document = Document.objects.filter(title=text).order_by("-pk").first()
        if (
            response.status_code != 302
            or document is None
            or document.summary != text
            or [(p.heading, p.versions.get().text) for p in document.paragraphs.order_by("order")]
            != [(p.heading, p.text) for p in services.document_text_parse(text)]
        ):
            failures.append((index, text, response.status_code, document))
        else:
            created[document.pk] = text
    assert failures == []
    assert len(created) > 450
    assert Document.objects.count() == len(created) + 1

    # The list shows every title escaped; no page runs a script.
    listing = client.get(staff_url("document_list", world)).content.decode()
    assert "<script>alert(0)</script>" not in listing
    assert [text for text in created.values() if escape(text) not in listing] == []
    for pk, text in created.items():
        if "<" in text:
            page = client.get(staff_url("document_hub", world, pk))
            assert page.status_code == 200, text
            assert "<script>alert(0)</script>" not in page.content.decode()
