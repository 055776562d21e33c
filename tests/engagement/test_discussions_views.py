"""The public pages of discussions: the list, threads, starting and replying, reports, limits."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from convenor.engagement import discussions_services as services
from convenor.engagement import documents_services
from convenor.engagement.choices import ContentStatus, Moderation
from convenor.engagement.models import Post, PostFlag
from tests.accounts.factories import UserFactory
from tests.engagement.factories import DiscussionFactory, PostFactory
from tests.engagement.test_discussions_services import AS_OF, LONDON, World, make_world
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def url(name: str, world: World, *args: int) -> str:
    return reverse(
        f"discussions:{name}", args=[world.discussion.strategy.slug, world.discussion.pk, *args]
    )


def list_url(world: World) -> str:
    return reverse("discussions:discussion_list", args=[world.discussion.strategy.slug])


def detail(world: World) -> str:
    return url("discussion_detail", world)


# Reading


def test_the_list_shows_opened_discussions_newest_first_with_counts_and_a_filter(client, world):
    strategy = world.discussion.strategy
    DiscussionFactory(
        strategy=strategy,
        title="Not yet open",
        opens_at=datetime.datetime(2019, 6, 1, tzinfo=LONDON),
    )
    DiscussionFactory(
        strategy=strategy,
        title="Older and closed",
        priority=PriorityFactory(strategy=strategy, title="Skills"),
        opens_at=datetime.datetime(2019, 3, 1, tzinfo=LONDON),
        closes_at=datetime.datetime(2019, 4, 1, 12, 0, tzinfo=LONDON),
    )
    thread = PostFactory(discussion=world.discussion)
    PostFactory(discussion=world.discussion, parent=thread)
    PostFactory(discussion=world.discussion, status=ContentStatus.PENDING)
    response = client.get(list_url(world))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Not yet open" not in text
    assert text.index("Buses for the towns") < text.index("Older and closed")
    first = response.context["discussions"][0]
    assert (first.thread_count, first.post_count) == (1, 2)
    assert "Connected towns" in text and "on 1 April 2019, 12:00" in text
    skills = response.context["priorities"][
        0 if "Skills" in str(response.context["priorities"][0]) else 1
    ]
    filtered = client.get(list_url(world), {"priority": skills.pk})
    assert [d.title for d in filtered.context["discussions"]] == ["Older and closed"]


def test_the_list_has_an_empty_state(client, settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 4, 1, tzinfo=LONDON)
    world = make_world()
    text = client.get(list_url(world)).content.decode()
    assert "No discussion has opened yet." in text


def test_a_discussion_not_yet_open_is_forbidden_to_the_public(client, world):
    world.discussion.opens_at = datetime.datetime(2019, 6, 1, tzinfo=LONDON)
    world.discussion.save()
    assert client.get(detail(world)).status_code == 403


def test_signed_out_threads_are_readable_with_a_join_prompt_and_no_forms(client, world):
    thread = PostFactory(discussion=world.discussion, text="First thread")
    PostFactory(discussion=world.discussion, parent=thread, text="A reply to it")
    response = client.get(detail(world))
    text = response.content.decode()
    assert "How should buses serve the market towns?" in text
    assert "First thread" in text and "A reply to it" in text
    assert "Join the sounding board to take part" in text and "sign in" in text
    assert "<textarea" not in text


def test_a_signed_in_non_member_is_told_only_members_take_part(client, world):
    client.force_login(UserFactory())
    text = client.get(detail(world)).content.decode()
    assert "Only members of the sounding board can take part" in text
    assert "<textarea" not in text
    assert client.post(url("thread_start", world), {"text": "Hi"}).status_code == 403


def test_posting_pages_send_the_signed_out_to_sign_in(client, world):
    thread = PostFactory(discussion=world.discussion)
    for page in (
        url("thread_start", world),
        url("reply_create", world, thread.pk),
        url("flag", world, thread.pk),
    ):
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page


def test_threads_are_oldest_first_and_paginated(client, world):
    Post.objects.bulk_create(
        Post(discussion=world.discussion, author=world.member, text=f"Thread {n:02}")
        for n in range(25)
    )
    first = client.get(detail(world))
    assert [p.text for p in first.context["threads"]][:2] == ["Thread 00", "Thread 01"]
    assert len(first.context["threads"]) == 20
    second = client.get(detail(world), {"page": 2})
    assert [p.text for p in second.context["threads"]] == [f"Thread {n}" for n in range(20, 25)]


# Taking part


def test_a_member_starts_a_thread_and_replies(client, world):
    client.force_login(world.member_user)
    text = client.get(detail(world)).content.decode()
    assert 'for="id_text">Start a new thread</label>' in text
    response = client.post(url("thread_start", world), {"text": "More buses, please"})
    thread = Post.objects.get()
    assert response["Location"] == f"{detail(world)}#post-{thread.pk}"
    response = client.post(url("reply_create", world, thread.pk), {"text": "Seconded"})
    reply = Post.objects.get(parent=thread)
    assert response["Location"] == f"{detail(world)}#post-{reply.pk}"
    page = client.get(detail(world)).content.decode()
    assert "More buses, please" in page and "Seconded" in page


def test_an_empty_post_shows_the_error_summary(client, world):
    client.force_login(world.member_user)
    response = client.post(url("thread_start", world), {"text": "  "})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text and "Enter your post" in text


def test_the_author_sees_their_pending_and_hidden_posts_with_the_reason(client, settings):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world(moderation=Moderation.PRE)
    client.force_login(world.member_user)
    client.post(url("thread_start", world), {"text": "Waiting one"})
    hidden = PostFactory(discussion=world.discussion, author=world.member, text="Rude one")
    services.post_moderate(actor=world.staff, post=hidden, action="hide", reason="Be kind")
    text = client.get(detail(world)).content.decode()
    assert "Waiting one" in text and "Waiting for moderation" in text
    assert "Rude one" in text and "Be kind" in text
    client.logout()
    text = client.get(detail(world)).content.decode()
    assert "Waiting one" not in text and "Rude one" not in text
    assert "A post was hidden by a moderator" in text


def test_a_member_reports_a_post(client, world):
    post = PostFactory(discussion=world.discussion, text="Spam")
    client.force_login(world.member_user)
    assert client.get(url("flag", world, post.pk)).status_code == 200
    response = client.post(url("flag", world, post.pk), {"reason": "It is spam"})
    assert response.status_code == 302
    assert PostFlag.objects.get().reason == "It is spam"


def test_after_closing_the_page_says_closed_stays_readable_and_takes_nothing(
    client, world, settings
):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 7, 1, tzinfo=LONDON)
    post = PostFactory(discussion=world.discussion, text="Said while open")
    client.force_login(world.member_user)
    text = client.get(detail(world)).content.decode()
    assert "This discussion closed on 30 June 2019 at 17:00" in text
    assert "Said while open" in text and "<textarea" not in text
    assert client.post(url("thread_start", world), {"text": "Late"}).status_code == 403
    assert client.post(url("reply_create", world, post.pk), {"text": "Late"}).status_code == 403
    assert client.post(url("flag", world, post.pk), {"reason": "x"}).status_code == 403
    assert Post.objects.count() == 1


def test_the_posting_limit_page_keeps_the_text(client, world):
    client.force_login(world.member_user)
    for n in range(documents_services.POSTING_LIMIT):
        services.thread_start(author=world.member, discussion=world.discussion, text=f"P{n}")
    response = client.post(url("thread_start", world), {"text": "The eleventh <b>one</b>"})
    text = response.content.decode()
    assert response.status_code == 429
    assert "You are posting too quickly" in text
    assert "The eleventh &lt;b&gt;one&lt;/b&gt;" in text
    assert Post.objects.count() == documents_services.POSTING_LIMIT


# Hostile input


def test_naughty_strings_through_posts_replies_and_reports_are_shown_escaped(
    client, world, naughty_strings, monkeypatch
):
    monkeypatch.setattr(documents_services, "POSTING_LIMIT", 10**6)
    client.force_login(world.member_user)
    parent = PostFactory(discussion=world.discussion)
    for text in naughty_strings:
        response = client.post(url("thread_start", world), {"text": text})
        assert response.status_code in (200, 302), text
        if text.strip():
            assert Post.objects.filter(text=text, parent=None).exists(), text
        response = client.post(url("reply_create", world, parent.pk), {"text": text})
        assert response.status_code in (200, 302), text
        if text.strip():
            assert Post.objects.filter(text=text, parent=parent).exists(), text
        assert client.post(url("flag", world, parent.pk), {"reason": text}).status_code == 302
        assert PostFlag.objects.get().reason == text
    page_number = 1
    while True:
        page = client.get(detail(world), {"page": page_number})
        assert page.status_code == 200
        assert "<script>alert(" not in page.content.decode()
        if not page.context["page_obj"].has_next():
            break
        page_number += 1


# Queries: the same for few and many posts


def _fill(world: World, count: int) -> None:
    people = [PersonFactory() for _ in range(5)]
    threads = Post.objects.bulk_create(
        Post(discussion=world.discussion, author=people[n % 5], text=f"Thread {n}")
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(discussion=world.discussion, parent=t, author=people[1], text="Reply") for t in threads
    )
    for n in range(count):
        DiscussionFactory(
            strategy=world.discussion.strategy,
            priority=world.discussion.priority if n % 2 else None,
        )


PUBLIC_QUERIES = {
    # (page, signed in): queries
    ("discussion_list", False): 5,
    ("discussion_list", True): 7,
    ("discussion_detail", False): 6,
    ("discussion_detail", True): 13,
    ("thread_start", True): 7,
    ("reply_create", True): 8,
    ("flag", True): 8,
}


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(("name", "signed_in"), list(PUBLIC_QUERIES))
def test_public_page_queries_do_not_grow(
    client, settings, size, name, signed_in, django_assert_num_queries
):
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    _fill(world, size)
    if signed_in:
        client.force_login(world.member_user)
    first = Post.objects.filter(parent=None).order_by("pk").first()
    page = {
        "discussion_list": list_url(world),
        "discussion_detail": detail(world),
        "thread_start": url("thread_start", world),
        "reply_create": url("reply_create", world, first.pk),
        "flag": url("flag", world, first.pk),
    }[name]
    with django_assert_num_queries(PUBLIC_QUERIES[(name, signed_in)]):
        assert client.get(page).status_code == 200
