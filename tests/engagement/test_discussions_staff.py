"""Staff pages of discussions: list, add, edit, delete, the hub, announcing, moderation, queue."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.engagement import discussions_services as services
from convenor.engagement.choices import ContentStatus
from convenor.engagement.models import Discussion, Post, PostFlag
from tests.engagement.factories import CommentFactory, PostFactory
from tests.engagement.test_discussions_services import AS_OF, LONDON, World, make_world
from tests.engagement.test_documents_services import make_world as make_document_world
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def staff_url(name: str, world: World, *args: int) -> str:
    return reverse(f"discussions_staff:{name}", args=[world.discussion.strategy.slug, *args])


def hub(world: World) -> str:
    return staff_url("discussion_hub", world, world.discussion.pk)


def all_pages(world: World, post: Post) -> list[str]:
    pk = world.discussion.pk
    return [
        staff_url("discussion_list", world),
        staff_url("discussion_create", world),
        hub(world),
        staff_url("discussion_edit", world, pk),
        staff_url("discussion_delete", world, pk),
        staff_url("post_moderate", world, post.pk),
    ]


FORM = {
    "title": "Skills for all",
    "prompt": "What skills do local employers lack?",
    "priority": "",
    "opens_on": "2019-05-10",
    "opens_time": "09:00",
    "closes_on": "2019-06-10",
    "closes_time": "17:00",
    "moderation": "post",
}


def test_staff_pages_send_the_signed_out_to_sign_in_and_refuse_members(client, world):
    post = PostFactory(discussion=world.discussion)
    pages = all_pages(world, post)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    client.force_login(world.member_user)
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert (
        client.post(staff_url("discussion_announce", world, world.discussion.pk)).status_code == 403
    )
    response = client.post(
        staff_url("post_moderate", world, post.pk), {"action": "hide", "reason": "x"}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.status == ContentStatus.PUBLISHED


def test_staff_add_a_discussion_and_keep_what_they_typed_on_error(client, world):
    client.force_login(world.staff)
    bad = client.post(staff_url("discussion_create", world), {**FORM, "closes_on": "2019-05-01"})
    text = bad.content.decode()
    assert "There is a problem" in text and "The window must close after it opens" in text
    assert "What skills do local employers lack?" in text
    response = client.post(
        staff_url("discussion_create", world),
        {**FORM, "priority": str(world.discussion.priority_id)},
    )
    created = Discussion.objects.get(title="Skills for all")
    assert response["Location"] == staff_url("discussion_hub", world, created.pk)
    assert created.opens_at == datetime.datetime(2019, 5, 10, 9, 0, tzinfo=LONDON)
    assert created.priority == world.discussion.priority


def test_staff_edit_a_discussion(client, world):
    client.force_login(world.staff)
    form = client.get(staff_url("discussion_edit", world, world.discussion.pk))
    assert "How should buses serve the market towns?" in form.content.decode()
    client.post(staff_url("discussion_edit", world, world.discussion.pk), FORM)
    world.discussion.refresh_from_db()
    assert (world.discussion.title, world.discussion.priority) == ("Skills for all", None)


def test_deleting_is_refused_with_a_clear_page_once_there_are_posts(client, world):
    client.force_login(world.staff)
    PostFactory(discussion=world.discussion)
    page = client.get(staff_url("discussion_delete", world, world.discussion.pk)).content.decode()
    assert "cannot be deleted" in page and "never dropped" in page
    client.post(staff_url("discussion_delete", world, world.discussion.pk))
    assert Discussion.objects.filter(pk=world.discussion.pk).exists()
    Post.objects.all().delete()
    response = client.post(staff_url("discussion_delete", world, world.discussion.pk))
    assert response["Location"] == staff_url("discussion_list", world)
    assert not Discussion.objects.exists()


def test_the_hub_counts_shares_and_announces(client, world, mailoutbox):
    thread = PostFactory(discussion=world.discussion)
    PostFactory(discussion=world.discussion, parent=thread)
    PostFactory(discussion=world.discussion, status=ContentStatus.PENDING)
    PostFactory(discussion=world.discussion, status=ContentStatus.HIDDEN)
    services.post_flag(person=world.member, post=thread)
    client.force_login(world.staff)
    response = client.get(hub(world))
    counts = response.context["counts"]
    assert (counts.threads, counts.replies, counts.pending, counts.hidden, counts.open_flags) == (
        3,
        1,
        1,
        1,
        1,
    )
    text = response.content.decode()
    assert "Share on LinkedIn" in text and "linkedin.com/sharing" in text
    client.post(staff_url("discussion_announce", world, world.discussion.pk))
    assert services.discussion_was_announced(discussion=world.discussion)
    assert "has been announced" in client.get(hub(world)).content.decode()


def test_a_closed_discussion_is_not_shared_or_announced(client, world, settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 7, 1, tzinfo=LONDON)
    client.force_login(world.staff)
    text = client.get(hub(world)).content.decode()
    assert "Share on LinkedIn" not in text
    client.post(staff_url("discussion_announce", world, world.discussion.pk))
    assert not services.discussion_was_announced(discussion=world.discussion)


def test_moderating_a_post_from_the_hub(client, world):
    post = PostFactory(discussion=world.discussion, text="Rude")
    client.force_login(world.staff)
    page = staff_url("post_moderate", world, post.pk)
    response = client.post(page, {"action": "hide", "reason": "", "note": ""})
    assert "Enter the reason, which the author will see" in response.content.decode()
    response = client.post(page, {"action": "hide", "reason": "Abuse", "note": "Seen"})
    assert response["Location"] == hub(world)
    post.refresh_from_db()
    assert (post.status, post.moderation_reason, post.moderator_note) == ("hidden", "Abuse", "Seen")
    client.post(page, {"action": "restore", "reason": "", "note": "Seen"})
    post.refresh_from_db()
    assert post.status == "published"


def test_the_one_moderation_queue_holds_comments_and_posts(client, settings):
    settings.CONVENOR_AS_OF = AS_OF
    document_world = make_document_world()
    strategy = document_world.document.strategy
    discussion = services.discussion_create(
        actor=document_world.staff,
        strategy=strategy,
        title="Skills",
        prompt="?",
        opens_at=datetime.datetime(2019, 5, 1, tzinfo=LONDON),
    )
    comment = CommentFactory(version=document_world.current(1), status=ContentStatus.PENDING)
    pending = PostFactory(discussion=discussion, status=ContentStatus.PENDING, text="Waiting post")
    flagged = PostFactory(discussion=discussion, text="Flagged post")
    PostFactory(discussion=discussion, text="Fine post")
    services.post_flag(person=document_world.member, post=flagged, reason="Spam")
    client.force_login(document_world.staff)
    queue = client.get(reverse("documents_staff:moderation_queue", args=[strategy.slug]))
    assert [(i.is_post, i.pk) for i in queue.context["object_list"]] == [
        (False, comment.pk),
        (True, pending.pk),
        (True, flagged.pk),
    ]
    assert queue.context["counts"] == {"pending": 2, "flagged": 1}
    text = queue.content.decode()
    assert reverse("discussions_staff:post_moderate", args=[strategy.slug, flagged.pk]) in text
    assert "Discussion: Skills" in text
    client.post(
        reverse("discussions_staff:post_moderate", args=[strategy.slug, flagged.pk]),
        {"action": "dismiss_flags", "reason": "", "note": ""},
    )
    assert PostFlag.objects.get().resolved_at is not None
    assert AuditEvent.objects.filter(verb="moderated (dismiss flags)").exists()


def test_naughty_strings_in_staff_text_fields(client, world, naughty_strings):
    client.force_login(world.staff)
    for text in naughty_strings:
        for field in ("title", "prompt"):
            response = client.post(staff_url("discussion_create", world), {**FORM, field: text})
            assert response.status_code in (200, 302), (field, text)
            if response.status_code == 302:
                assert Discussion.objects.filter(**{field: text}).exists(), (field, text)
                assert client.get(response["Location"]).status_code == 200
    post = PostFactory(discussion=world.discussion)
    page = staff_url("post_moderate", world, post.pk)
    for text in naughty_strings:
        response = client.post(page, {"action": "note", "reason": text, "note": text})
        assert response.status_code == 302, text
        post.refresh_from_db()
        assert post.moderator_note == text
        response = client.post(page, {"action": "hide", "reason": text, "note": ""})
        assert response.status_code in (200, 302), text
        if text.strip():
            post.refresh_from_db()
            assert post.moderation_reason == text
            client.post(page, {"action": "restore", "reason": "", "note": ""})
    assert client.get(staff_url("discussion_list", world)).status_code == 200


def _many(world: World, count: int) -> None:
    people = [PersonFactory() for _ in range(3)]
    posts = Post.objects.bulk_create(
        Post(
            discussion=world.discussion,
            author=people[n % 3],
            text=f"P{n}",
            status=ContentStatus.PENDING if n % 2 else ContentStatus.PUBLISHED,
        )
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(discussion=world.discussion, parent=p, author=people[0], text="R") for p in posts[::2]
    )
    PostFlag.objects.bulk_create(PostFlag(post=p, person=people[0]) for p in posts[::3])
    for n in range(count):
        services.discussion_create(
            actor=None, strategy=world.discussion.strategy, title=f"D{n}", prompt="?"
        )


STAFF_QUERIES = {
    "discussion_list": 6,
    "discussion_create": 5,
    "discussion_hub": 10,
    "discussion_edit": 6,
    "discussion_delete": 7,
    "post_moderate": 6,
    "moderation_queue": 7,  # and how many submitted statements wait
}


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("name", list(STAFF_QUERIES))
def test_staff_page_queries_do_not_grow(client, settings, size, name, django_assert_num_queries):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    _many(world, size)
    client.force_login(world.staff)
    post = Post.objects.order_by("pk").first()
    page = {
        "discussion_list": staff_url("discussion_list", world),
        "discussion_create": staff_url("discussion_create", world),
        "discussion_hub": hub(world),
        "discussion_edit": staff_url("discussion_edit", world, world.discussion.pk),
        "discussion_delete": staff_url("discussion_delete", world, world.discussion.pk),
        "post_moderate": staff_url("post_moderate", world, post.pk),
        "moderation_queue": reverse(
            "documents_staff:moderation_queue", args=[world.discussion.strategy.slug]
        ),
    }[name]
    with django_assert_num_queries(STAFF_QUERIES[name]):
        assert client.get(page).status_code == 200
