"""axe-core finds no WCAG 2.2 AA violation on discussion pages; a member posts by keyboard."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from convenor.engagement import discussions_services as services
from tests.browser.test_documents_accessibility import check, sign_in
from tests.engagement.factories import PostFactory
from tests.engagement.test_discussions_services import AS_OF, World, make_world
from tests.stakeholders.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    thread = PostFactory(
        discussion=world.discussion, author=PersonFactory(name="Cat Poster"), text="A first post"
    )
    PostFactory(discussion=world.discussion, parent=thread, text="A reply to it")
    hidden = PostFactory(discussion=world.discussion, author=world.member, text="Something rude")
    services.post_moderate(actor=world.staff, post=hidden, action="hide", reason="Rude")
    return world


def public_urls(live_server, world: World) -> list[str]:
    slug, pk = world.discussion.strategy.slug, world.discussion.pk
    return [
        live_server.url + reverse("discussions:discussion_list", args=[slug]),
        live_server.url + reverse("discussions:discussion_detail", args=[slug, pk]),
    ]


def test_discussion_pages_signed_out_have_no_violations(page, live_server, world):
    for url in public_urls(live_server, world):
        check(page, url)


def test_discussion_pages_signed_in_have_no_violations(page, live_server, world):
    sign_in(page, live_server.url, world.member_user.email)
    slug, pk = world.discussion.strategy.slug, world.discussion.pk
    thread = world.discussion.posts.get(text="A first post")
    for url in [
        *public_urls(live_server, world),
        live_server.url + reverse("discussions:thread_start", args=[slug, pk]),
        live_server.url + reverse("discussions:reply_create", args=[slug, pk, thread.pk]),
        live_server.url + reverse("discussions:flag", args=[slug, pk, thread.pk]),
    ]:
        check(page, url)


def test_staff_discussion_pages_have_no_violations(page, live_server, world):
    sign_in(page, live_server.url, world.staff.email)
    slug, pk = world.discussion.strategy.slug, world.discussion.pk
    thread = world.discussion.posts.get(text="A first post")
    for name, args in [
        ("discussions_staff:discussion_list", [slug]),
        ("discussions_staff:discussion_create", [slug]),
        ("discussions_staff:discussion_hub", [slug, pk]),
        ("discussions_staff:discussion_edit", [slug, pk]),
        ("discussions_staff:discussion_delete", [slug, pk]),
        ("discussions_staff:post_moderate", [slug, thread.pk]),
        ("documents_staff:moderation_queue", [slug]),
    ]:
        check(page, live_server.url + reverse(name, args=args))


def test_a_member_starts_a_thread_by_keyboard(page, live_server, world):
    sign_in(page, live_server.url, world.member_user.email)
    page.goto(
        live_server.url
        + reverse(
            "discussions:discussion_detail",
            args=[world.discussion.strategy.slug, world.discussion.pk],
        )
    )
    field = page.get_by_label("Start a new thread")
    for _ in range(200):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tabbing never reached the new thread field")
    page.keyboard.type("Evening buses, typed by keyboard.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("your post is published")
    expect(page.locator("main")).to_contain_text("Evening buses, typed by keyboard.")
