"""The public pages of reaction windows: reading, commenting, replying, reacting, reporting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.engagement import documents_services as services
from convenor.engagement.choices import ContentStatus, Moderation
from convenor.engagement.models import Comment, CommentFlag, Reaction
from tests.accounts.factories import UserFactory
from tests.engagement.factories import CommentFactory, DocumentFactory, ParticipantFactory
from tests.engagement.test_documents_services import AS_OF, LONDON, World, make_world
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def url(name: str, world: World, *args: int) -> str:
    return reverse(
        f"documents:{name}", args=[world.document.strategy.slug, world.document.pk, *args]
    )


def detail(world: World) -> str:
    return url("document_detail", world)


def member_client(client, world: World):
    client.force_login(world.member_user)
    return client


def other_member(world: World):
    user = UserFactory()
    person = PersonFactory(user=user, name="Otto Other")
    ParticipantFactory(sounding_board=world.document.strategy.sounding_board, person=person)
    return user, person


# Reading


def test_the_list_shows_opened_documents_open_first_with_their_state(client, world):
    strategy = world.document.strategy
    DocumentFactory(
        strategy=strategy,
        title="Not yet open",
        opens_at=datetime.datetime(2019, 6, 1, tzinfo=LONDON),
    )
    DocumentFactory(
        strategy=strategy,
        title="Closed draft",
        opens_at=datetime.datetime(2019, 3, 1, tzinfo=LONDON),
        closes_at=datetime.datetime(2019, 4, 1, 12, 0, tzinfo=LONDON),
    )
    CommentFactory(version=world.current(1))
    CommentFactory(version=world.current(1), status=ContentStatus.PENDING)
    response = client.get(reverse("documents:document_list", args=[strategy.slug]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Not yet open" not in text
    assert text.index("Draft early beta statement") < text.index("Closed draft")
    assert "until 30 June 2019, 17:00" in text
    assert "on 1 April 2019, 12:00" in text
    assert response.context["documents"][0].comment_count == 1


def test_a_document_not_yet_open_is_forbidden_to_the_public(client, world):
    world.document.opens_at = datetime.datetime(2019, 6, 1, tzinfo=LONDON)
    world.document.save()
    assert client.get(detail(world)).status_code == 403


def test_signed_out_the_document_is_readable_with_no_forms(client, world):
    CommentFactory(version=world.current(3), text="Towns matter")
    response = client.get(detail(world))
    text = response.content.decode()
    assert response.status_code == 200
    for anchor in ('id="paragraph-1"', 'id="paragraph-2"', 'id="paragraph-3"'):
        assert anchor in text
    assert "Paragraph 3" in text and "Towns matter" in text
    assert ">Introduction</h2>" in text
    assert "Join the sounding board to comment" in text
    assert "<textarea" not in text and "Support<span" not in text


def test_a_member_sees_a_comment_field_and_reaction_buttons_per_paragraph(client, world):
    text = member_client(client, world).get(detail(world)).content.decode()
    for n in (1, 2, 3):
        assert f'for="comment-on-{n}">Comment on paragraph {n}</label>' in text
    assert text.count('name="kind" value="support"') == 3


def test_a_signed_in_non_member_is_told_to_join_and_gets_no_forms(client, world):
    client.force_login(UserFactory())
    text = client.get(detail(world)).content.decode()
    assert "Only members of the sounding board can comment" in text
    assert "<textarea" not in text


# Commenting


def test_a_member_comments_and_sees_it_published(client, world):
    member_client(client, world)
    paragraph = world.paragraph(3)
    response = client.post(
        url("comment_create", world, paragraph.pk), {"text": "Say more about towns"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{detail(world)}#comment-{comment.pk}"
    assert (comment.author, comment.version, comment.status) == (
        world.member,
        world.current(3),
        "published",
    )
    assert "Say more about towns" in client.get(detail(world)).content.decode()


def test_an_empty_comment_shows_the_error_summary_on_its_own_page(client, world):
    member_client(client, world)
    response = client.post(url("comment_create", world, world.paragraph(2).pk), {"text": "  "})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text and "Enter your comment" in text
    assert not Comment.objects.exists()


def test_the_comment_page_works_without_javascript(client, world):
    member_client(client, world)
    response = client.get(url("comment_create", world, world.paragraph(2).pk))
    assert response.status_code == 200
    assert "Second paragraph," in response.content.decode()


def test_signed_out_taking_part_goes_to_sign_in_and_changes_nothing(client, world):
    comment = CommentFactory(version=world.current(1))
    for target in (
        url("comment_create", world, world.paragraph(1).pk),
        url("reply_create", world, comment.pk),
        url("react", world, world.paragraph(1).pk),
        url("flag", world, comment.pk),
    ):
        response = client.post(target, {"text": "x", "kind": "support"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], target
    assert (
        Comment.objects.count() == 1
        and not Reaction.objects.exists()
        and not CommentFlag.objects.exists()
    )


def test_a_non_member_gets_403_and_nothing_changes(client, world):
    comment = CommentFactory(version=world.current(1))
    client.force_login(UserFactory())
    for target in (
        url("comment_create", world, world.paragraph(1).pk),
        url("reply_create", world, comment.pk),
        url("react", world, world.paragraph(1).pk),
        url("flag", world, comment.pk),
    ):
        assert client.post(target, {"text": "x", "kind": "support"}).status_code == 403, target
    assert (
        Comment.objects.count() == 1
        and not Reaction.objects.exists()
        and not CommentFlag.objects.exists()
    )


def test_after_the_window_closes_everything_is_readable_with_no_forms_and_posts_are_403(
    client, world, settings
):
    comment = CommentFactory(version=world.current(1), text="Said while open")
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 7, 1, 9, 0, tzinfo=LONDON)
    member_client(client, world)
    text = client.get(detail(world)).content.decode()
    assert "This window closed on 30 June 2019 at 17:00" in text
    assert "Said while open" in text
    assert "<textarea" not in text and "<form" not in text.split("<main")[1].split("</main>")[
        0
    ].replace('action="/accounts/logout/"', "")
    assert ">Reply<" not in text and ">Report<" not in text
    for target in (
        url("comment_create", world, world.paragraph(1).pk),
        url("reply_create", world, comment.pk),
        url("react", world, world.paragraph(1).pk),
        url("flag", world, comment.pk),
    ):
        assert client.post(target, {"text": "late", "kind": "support"}).status_code == 403, target
    assert Comment.objects.count() == 1 and not Reaction.objects.exists()


# Replies, reactions, reports


def test_a_member_replies_and_the_reply_is_threaded_under_the_comment(client, world):
    comment = CommentFactory(version=world.current(2), text="Original")
    member_client(client, world)
    assert client.get(url("reply_create", world, comment.pk)).status_code == 200
    response = client.post(url("reply_create", world, comment.pk), {"text": "My reply"})
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == f"{detail(world)}#comment-{reply.pk}"
    text = client.get(detail(world)).content.decode()
    assert text.index("Original") < text.index("My reply")


def test_reacting_sets_changes_and_removes_the_reaction(client, world):
    member_client(client, world)
    target = url("react", world, world.paragraph(1).pk)
    client.post(target, {"kind": "support"})
    client.post(target, {"kind": "concern"})
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["concern"]
    text = client.get(detail(world)).content.decode()
    assert "Support: 0. Concern: 1." in text and "You have a concern about this paragraph" in text
    client.post(target, {"kind": "remove"})
    assert not Reaction.objects.exists()
    assert client.get(target).status_code == 405


def test_reporting_a_comment_with_a_reason(client, world):
    comment = CommentFactory(version=world.current(1))
    member_client(client, world)
    assert client.get(url("flag", world, comment.pk)).status_code == 200
    response = client.post(url("flag", world, comment.pk), {"reason": "Abusive"})
    assert response.status_code == 302
    assert CommentFlag.objects.get().reason == "Abusive"


# Moderation as readers see it


def test_pre_moderated_comments_are_seen_by_their_author_and_moderators_only(client, settings):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    member_client(client, world)
    client.post(url("comment_create", world, world.paragraph(1).pk), {"text": "Awaiting approval"})
    assert Comment.objects.get().status == ContentStatus.PENDING
    own = client.get(detail(world)).content.decode()
    assert "Awaiting approval" in own and "Waiting for moderation" in own
    other_user, _ = other_member(world)
    client.force_login(other_user)
    assert "Awaiting approval" not in client.get(detail(world)).content.decode()
    client.logout()
    assert "Awaiting approval" not in client.get(detail(world)).content.decode()
    client.force_login(world.staff)
    assert "Awaiting approval" in client.get(detail(world)).content.decode()


def test_a_hidden_comment_shows_its_reason_to_its_author_only(client, world):
    comment = CommentFactory(version=world.current(1), author=world.member, text="Spicy words")
    reply = CommentFactory(version=world.current(1), parent=comment, text="A calm reply")
    services.comment_moderate(
        actor=world.staff, comment=comment, action="hide", reason="Personal attack"
    )
    own = member_client(client, world).get(detail(world)).content.decode()
    assert "Spicy words" in own and "<strong>Hidden by a moderator:</strong> Personal attack" in own
    other_user, _ = other_member(world)
    client.force_login(other_user)
    others = client.get(detail(world)).content.decode()
    assert "Spicy words" not in others and "Personal attack" not in others
    assert "A comment was hidden by a moderator" in others
    assert reply.text in others


def test_moderators_reach_any_comment_from_the_page_and_others_do_not(client, world):
    # A post-moderated comment nobody reported is in no queue: the page itself leads to it.
    comment = CommentFactory(version=world.current(1), author=world.member, text="Fine words")
    moderate = reverse(
        "documents_staff:comment_moderate", args=[world.document.strategy.slug, comment.pk]
    )
    client.force_login(world.staff)
    assert f'href="{moderate}"' in client.get(detail(world)).content.decode()
    assert client.get(moderate).status_code == 200

    member_client(client, world)
    assert f'href="{moderate}"' not in client.get(detail(world)).content.decode()


def test_a_comment_on_an_earlier_version_is_marked_with_that_text(client, world):
    CommentFactory(version=world.current(2), text="About the old wording")
    services.document_revise(
        actor=world.staff,
        document=world.document,
        text="First paragraph.\n\nBrand new wording.\n\n## Towns\nThird paragraph.",
    )
    text = client.get(detail(world)).content.decode()
    assert "Brand new wording." in text
    assert "On an earlier version of this paragraph" in text
    assert "Second paragraph,<br>on two lines." in text
    assert "About the old wording" in text


# The posting limit


def test_the_posting_limit_answers_429_with_the_text_kept(client, world):
    member_client(client, world)
    target = url("comment_create", world, world.paragraph(1).pk)
    for n in range(services.POSTING_LIMIT):
        assert client.post(target, {"text": f"Comment {n}"}).status_code == 302
    response = client.post(target, {"text": "The eleventh <b>one</b>"})
    text = response.content.decode()
    assert response.status_code == 429
    assert "You are posting too quickly" in text
    assert "You can post again from" in text
    assert "The eleventh &lt;b&gt;one&lt;/b&gt;" in text
    assert Comment.objects.count() == services.POSTING_LIMIT
    comment = Comment.objects.first()
    assert (
        client.post(url("reply_create", world, comment.pk), {"text": "A reply"}).status_code == 429
    )


# Many comments: the page's queries stay the same


def _fill(world: World, count: int) -> None:
    people = [PersonFactory() for _ in range(5)]
    versions = [world.current(n) for n in (1, 2, 3)]
    comments = Comment.objects.bulk_create(
        Comment(version=versions[n % 3], author=people[n % 5], text=f"Comment {n}")
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(version=c.version, parent=c, author=people[0], text="Reply")
        for c in comments[: count // 5]
    )
    for n, person in enumerate(people):
        services.reaction_set(person=person, paragraph=world.paragraph(1 + n % 3), kind="support")


@pytest.mark.parametrize("signed_in", [False, True])
def test_document_page_queries_are_the_same_for_5_and_500_comments(
    client, settings, signed_in, django_assert_num_queries
):
    settings.CONVENOR_AS_OF = AS_OF
    counts = []
    for size in (5, 500):
        world = make_world()
        _fill(world, size)
        if signed_in:
            client.force_login(world.member_user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(detail(world))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    expected = 18 if signed_in else 9
    world = make_world()
    _fill(world, 50)
    if signed_in:
        client.force_login(world.member_user)
    with django_assert_num_queries(expected):
        client.get(detail(world))


def test_document_page_shows_the_first_comments_and_links_to_all(client, world):
    _fill(world, 90)
    text = client.get(detail(world)).content.decode()
    assert "Show all 30 comments on paragraph 1" in text
    response = client.get(url("paragraph_comments", world, world.paragraph(1).pk))
    assert response.status_code == 200
    assert len(response.context["comments"]) == 30


@pytest.mark.parametrize("size", [3, 30])
def test_list_and_paragraph_page_queries_do_not_grow(
    client, settings, size, django_assert_num_queries
):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    _fill(world, size)
    with django_assert_num_queries(3):
        client.get(reverse("documents:document_list", args=[world.document.strategy.slug]))
    with django_assert_num_queries(10):
        client.get(url("paragraph_comments", world, world.paragraph(1).pk))


# Hostile input through the pages


def _comment_refusals(text: str, limit: int, required: bool = True) -> list[str]:
    """What the comment, reply or report form must say to `text`: NUL cannot be stored, the
    limit is counted as typed, and a comment needs more than blank space."""
    refusals = []
    if len(text) > limit:
        refusals.append(f"must be {limit:,} characters or fewer")
    if "\x00" in text:
        refusals.append("Null characters are not allowed.")
    if required and not refusals and not text.strip():
        refusals.append("Enter your comment")
    return refusals


def test_naughty_strings_through_comments_replies_and_reports_are_shown_escaped(
    client, world, naughty_strings, monkeypatch
):
    monkeypatch.setattr(services, "POSTING_LIMIT", 10**6)
    member_client(client, world)
    parent = CommentFactory(version=world.current(1))
    failures = []
    comments, replies = [], []
    reason = ""
    posts = (
        ("comment", url("comment_create", world, world.paragraph(2).pk), "text", 10000),
        ("reply", url("reply_create", world, parent.pk), "text", 10000),
        ("report", url("flag", world, parent.pk), "reason", 2000),
    )
    for index, text in enumerate(naughty_strings):
        for what, path, field, limit in posts:
            response = client.post(path, {field: text})
            expected = _comment_refusals(text, limit, required=what != "report")
            if expected:
                # Refused with the reason, and the form keeps what was typed.
                html = response.content.decode() if response.status_code == 200 else ""
                missing = [message for message in expected if escape(message) not in html]
                if response.status_code != 200 or missing or escape(text) not in html:
                    failures.append((what, index, text, response.status_code, missing))
                continue
            if response.status_code != 302:
                failures.append((what, index, text, response.status_code))
            elif what == "report":
                # A second report by the same person keeps the earlier reason if given none.
                reason = text or reason
                if CommentFlag.objects.get().reason != reason:
                    failures.append((what, index, text, CommentFlag.objects.get().reason))
            else:
                stored = Comment.objects.filter(author=world.member).order_by("-pk").first()
                if stored is None or stored.text != text:
                    failures.append((what, index, text, stored and stored.text))
                else:
                    (replies if stored.parent_id else comments).append(stored.pk)
    assert failures == []
    assert (
        len(comments)
        == len(replies)
        == len([text for text in naughty_strings if text.strip() and "\x00" not in text])
    )
    # Every page of comments renders, with the hostile text escaped.
    page_number = 1
    while True:
        page = client.get(
            url("paragraph_comments", world, world.paragraph(2).pk), {"page": page_number}
        )
        assert page.status_code == 200
        body = page.content.decode()
        assert "<script>alert(0)</script>" not in body
        for comment in page.context["comments"]:
            if comment.text == "<script>alert(0)</script>":
                assert "&lt;script&gt;alert(0)&lt;/script&gt;" in body
        if not page.context["page_obj"].has_next():
            break
        page_number += 1


def test_nul_and_over_long_comments_replies_and_reports_get_a_message_keeping_the_text(
    client, world
):
    # The list holds neither, so the refusal above is also checked here, on its own.
    member_client(client, world)
    parent = CommentFactory(version=world.current(1))
    failures = []
    for text in ("Fast\x00broadband", "x" * 10001, "y" * 2001):
        for path, field, limit, required in (
            (url("comment_create", world, world.paragraph(2).pk), "text", 10000, True),
            (url("reply_create", world, parent.pk), "text", 10000, True),
            (url("flag", world, parent.pk), "reason", 2000, False),
        ):
            expected = _comment_refusals(text, limit, required=required)
            if not expected:
                continue
            response = client.post(path, {field: text})
            html = response.content.decode() if response.status_code == 200 else ""
            missing = [message for message in expected if escape(message) not in html]
            if response.status_code != 200 or missing or escape(text) not in html:
                failures.append((path, text[:20], response.status_code, missing))
    assert failures == []
    assert Comment.objects.count() == 1 and not CommentFlag.objects.exists()
