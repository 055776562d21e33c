"""axe-core finds no WCAG 2.2 AA violation on document pages; a member comments by keyboard."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.engagement import documents_services as services
from tests.accounts.factories import PASSWORD
from tests.browser.axe import axe_violations, violations_described
from tests.engagement.factories import CommentFactory
from tests.engagement.test_documents_services import AS_OF, World, make_world
from tests.stakeholders.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    world = make_world()
    comment = CommentFactory(
        version=world.current(1), author=PersonFactory(name="Cat Commenter"), text="A first comment"
    )
    CommentFactory(version=world.current(1), parent=comment, text="A reply to it")
    hidden = CommentFactory(version=world.current(2), author=world.member, text="Something rude")
    services.comment_moderate(actor=world.staff, comment=hidden, action="hide", reason="Rude")
    services.reaction_set(person=world.member, paragraph=world.paragraph(1), kind="support")
    return world


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")
    expect(page.locator("footer")).to_contain_text(f"Signed in as {email}")


def urls(live_server, world: World) -> list[str]:
    slug, pk = world.document.strategy.slug, world.document.pk
    return [
        live_server.url + reverse("documents:document_list", args=[slug]),
        live_server.url + reverse("documents:document_detail", args=[slug, pk]),
        live_server.url
        + reverse("documents:paragraph_comments", args=[slug, pk, world.paragraph(1).pk]),
    ]


def test_document_pages_signed_out_have_no_violations(page, live_server, world):
    for url in urls(live_server, world):
        check(page, url)


def test_document_pages_signed_in_have_no_violations(page, live_server, world):
    sign_in(page, live_server.url, world.member_user.email)
    slug, pk = world.document.strategy.slug, world.document.pk
    comment = world.current(1).comments.filter(parent=None).get()
    for url in [
        *urls(live_server, world),
        live_server.url
        + reverse("documents:comment_create", args=[slug, pk, world.paragraph(2).pk]),
        live_server.url + reverse("documents:reply_create", args=[slug, pk, comment.pk]),
        live_server.url + reverse("documents:flag", args=[slug, pk, comment.pk]),
    ]:
        check(page, url)


def test_staff_document_pages_have_no_violations(page, live_server, world):
    sign_in(page, live_server.url, world.staff.email)
    slug, pk = world.document.strategy.slug, world.document.pk
    comment = world.current(1).comments.filter(parent=None).get()
    for name, args in [
        ("document_list", [slug]),
        ("document_create", [slug]),
        ("document_hub", [slug, pk]),
        ("document_edit", [slug, pk]),
        ("document_revise", [slug, pk]),
        ("moderation_queue", [slug]),
        ("comment_moderate", [slug, comment.pk]),
    ]:
        check(page, live_server.url + reverse(f"documents_staff:{name}", args=args))


def test_a_member_comments_on_paragraph_three_by_keyboard(page, live_server, world):
    sign_in(page, live_server.url, world.member_user.email)
    page.goto(
        live_server.url
        + reverse(
            "documents:document_detail", args=[world.document.strategy.slug, world.document.pk]
        )
    )
    field = page.get_by_label("Comment on paragraph 3")
    for _ in range(200):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tabbing never reached the comment field of paragraph 3")
    page.keyboard.type("Towns need better buses, typed by keyboard.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("your comment is published")
    expect(page.locator("#paragraph-3")).to_contain_text(
        "Towns need better buses, typed by keyboard."
    )
    violations = axe_violations(page)
    assert not violations, violations_described(violations)
