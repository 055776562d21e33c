"""axe-core finds no WCAG 2.2 AA violation on evidence staff pages or a research window's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from convenor.engagement import documents_services
from convenor.evidence import services
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.browser.axe import axe_violations, violations_described
from tests.browser.test_documents_accessibility import sign_in
from tests.engagement.factories import CommentFactory, ParticipantFactory, SoundingBoardFactory
from tests.evidence.test_pages import AS_OF, CLOSES, OPENED
from tests.evidence.test_services import pdf
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


@pytest.fixture
def research(settings):
    """An item with a PDF, opened for comments, one comment on it; staff and a member."""
    settings.CONVENOR_AS_OF = AS_OF
    board = SoundingBoardFactory()
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff,
        strategy=board.strategy,
        title="Towns and their economies",
        summary="Towns matter.\n\nThey grow slower than cities.",
        file=pdf("towns.pdf"),
        priorities=[PriorityFactory(strategy=board.strategy, title="Towns")],
        visibility="public",
    )
    document = documents_services.research_window_open(
        actor=staff, item=item, opens_at=OPENED, closes_at=CLOSES
    )
    CommentFactory(version=document.paragraphs.get(order=1).versions.get(), text="Agreed.")
    member = PersonFactory(user=UserFactory(), name="Mina Member")
    ParticipantFactory(sounding_board=board, person=member)
    return {"item": item, "document": document, "staff": staff, "member": member}


def test_evidence_staff_pages_have_no_violations(page, live_server, research):
    sign_in(page, live_server.url, research["staff"].email)
    item, document = research["item"], research["document"]
    slug = item.strategy.slug
    for url in [
        reverse("evidence_staff:item_list", args=[slug]),
        reverse("evidence_staff:item_create", args=[slug]),
        reverse("evidence_staff:item_detail", args=[slug, item.pk]),
        reverse("evidence_staff:item_edit", args=[slug, item.pk]),
        reverse("evidence_staff:item_delete", args=[slug, item.pk]),
        reverse("documents_staff:research_window_create", args=[slug, item.pk]),
        reverse("documents_staff:document_hub", args=[slug, document.pk]),
    ]:
        check(page, live_server.url + url)


def test_a_research_window_public_page_has_no_violations(page, live_server, research):
    document = research["document"]
    slug = document.strategy.slug
    urls = [
        reverse("documents:document_list", args=[slug]),
        reverse("documents:document_detail", args=[slug, document.pk]),
    ]
    for url in urls:
        check(page, live_server.url + url)
    sign_in(page, live_server.url, research["member"].user.email)
    for url in urls:
        check(page, live_server.url + url)
