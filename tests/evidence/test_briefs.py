"""Project briefs: the rules, the services' checks, the staff pages, the panel and the selector."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.evidence import brief_selectors, brief_services
from convenor.evidence.choices import BriefStatus
from convenor.evidence.models import ProjectBrief
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.factories import EvidenceItemFactory, ProjectBriefFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=datetime.UTC)
PAST = datetime.date(2019, 4, 30)
FUTURE = datetime.date(2019, 9, 30)


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.CONVENOR_AS_OF = AS_OF


def steering_member(priority):
    """A signed-in account whose person sits on a body that steers `priority`."""
    user = UserFactory()
    body = BodyFactory(strategy=priority.strategy)
    BodyPriorityFactory(body=body, priority=priority)
    MembershipFactory(body=body, person=PersonFactory(user=user))
    return user


def url(name, brief):
    return reverse(f"briefs_staff:{name}", args=[brief.priority.strategy.slug, brief.pk])


def create_url(priority):
    return reverse("briefs_staff:brief_create", args=[priority.strategy.slug, priority.number])


def list_url(strategy):
    return reverse("briefs_staff:brief_list", args=[strategy.slug])


def priority_url(priority):
    return reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, priority.number])


def form_data(**overrides):
    data = {
        "title": "Productivity study",
        "scope": "Output per hour across the 14 districts.",
        "questions": "Why does productivity lag?\nWhere is it highest?",
        "supplier": "Cambridge Econometrics",
        "budget": "25000",
        "due_on": "2019-09-30",
        "status": BriefStatus.COMMISSIONED,
    }
    data.update(overrides)
    return data


# Rules


@pytest.mark.parametrize("action", ["view", "add", "change", "delete"])
def test_staff_and_steering_members_may_others_may_not(action):
    brief = ProjectBriefFactory()
    target = brief.priority if action == "add" else brief
    perm = f"evidence.{action}_projectbrief"
    assert StaffUserFactory().has_perm(perm, target)
    assert steering_member(brief.priority).has_perm(perm, target)
    assert not steering_member(PriorityFactory(strategy=brief.priority.strategy)).has_perm(
        perm, target
    )
    assert not UserFactory().has_perm(perm, target)


def test_a_former_member_may_not():
    brief = ProjectBriefFactory()
    user = UserFactory()
    body = BodyFactory(strategy=brief.priority.strategy)
    BodyPriorityFactory(body=body, priority=brief.priority)
    MembershipFactory(
        body=body, person=PersonFactory(user=user), ends_on=datetime.date(2019, 1, 31)
    )
    assert not user.has_perm("evidence.change_projectbrief", brief)


def test_only_staff_see_the_strategy_list():
    brief = ProjectBriefFactory()
    strategy = brief.priority.strategy
    assert StaffUserFactory().has_perm("evidence.view_projectbrief", strategy)
    assert not steering_member(brief.priority).has_perm("evidence.view_projectbrief", strategy)


def test_pages_send_the_signed_out_to_sign_in_and_refuse_others(client):
    brief = ProjectBriefFactory(title="Kept")
    pages = [
        list_url(brief.priority.strategy),
        create_url(brief.priority),
        url("brief_detail", brief),
        url("brief_edit", brief),
        url("brief_delete", brief),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    client.force_login(steering_member(PriorityFactory(strategy=brief.priority.strategy)))
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert client.post(create_url(brief.priority), form_data()).status_code == 403
    assert client.post(url("brief_edit", brief), form_data(title="Changed")).status_code == 403
    assert client.post(url("brief_delete", brief)).status_code == 403
    brief.refresh_from_db()
    assert brief.title == "Kept"
    assert ProjectBrief.objects.count() == 1
    assert not AuditEvent.objects.filter(target_repr__in=["Kept", "Productivity study"]).exists()


def test_a_steering_member_manages_their_priority_briefs_but_not_the_list(client):
    priority = PriorityFactory()
    member = steering_member(priority)
    client.force_login(member)
    response = client.post(create_url(priority), form_data())
    brief = ProjectBrief.objects.get()
    assert response.status_code == 302 and response["Location"] == url("brief_detail", brief)
    assert client.get(url("brief_detail", brief)).status_code == 200
    assert client.post(url("brief_edit", brief), form_data(title="Renamed")).status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Renamed"
    assert client.get(list_url(priority.strategy)).status_code == 403
    response = client.post(url("brief_delete", brief))
    assert response["Location"] == priority_url(priority)
    assert not ProjectBrief.objects.exists()


# Services


def test_create_records_everything_and_an_audit_event():
    priority = PriorityFactory()
    staff = StaffUserFactory()
    brief = brief_services.brief_create(
        actor=staff,
        priority=priority,
        title="Towns study",
        scope="The 33 towns",
        questions="Which towns?",
        supplier="Metro Dynamics",
        budget=Decimal("40000.50"),
        due_on=FUTURE,
        status=BriefStatus.IN_PROGRESS,
    )
    brief.refresh_from_db()
    assert (brief.title, brief.budget, brief.due_on, brief.status) == (
        "Towns study",
        Decimal("40000.50"),
        FUTURE,
        BriefStatus.IN_PROGRESS,
    )
    event = AuditEvent.objects.get(verb="created", target_id=str(brief.pk))
    assert event.actor == staff


def test_a_negative_budget_is_refused_with_a_clear_message():
    priority = PriorityFactory()
    with pytest.raises(Exception) as error:
        brief_services.brief_create(
            actor=None, priority=priority, title="T", scope="S", budget=Decimal("-1")
        )
    assert error.value.message_dict == {"budget": [brief_services.NEGATIVE_BUDGET_MESSAGE]}
    assert not ProjectBrief.objects.exists()


def test_delivered_needs_an_evidence_item_delivered_under_it():
    brief = ProjectBriefFactory(status=BriefStatus.IN_PROGRESS)
    with pytest.raises(Exception) as error:
        brief_services.brief_update(actor=None, brief=brief, data={"status": BriefStatus.DELIVERED})
    assert error.value.message_dict == {"status": [brief_services.NOT_DELIVERED_MESSAGE]}
    brief.refresh_from_db()
    assert brief.status == BriefStatus.IN_PROGRESS
    EvidenceItemFactory(strategy=brief.priority.strategy, brief=brief)
    changed = brief_services.brief_update(
        actor=None, brief=brief, data={"status": BriefStatus.DELIVERED}
    )
    assert changed == ["status"]
    brief.refresh_from_db()
    assert brief.status == BriefStatus.DELIVERED


def test_a_new_brief_cannot_start_delivered():
    with pytest.raises(Exception) as error:
        brief_services.brief_create(
            actor=None,
            priority=PriorityFactory(),
            title="T",
            scope="S",
            status=BriefStatus.DELIVERED,
        )
    assert "status" in error.value.message_dict
    assert not ProjectBrief.objects.exists()


def test_delete_keeps_the_evidence_items():
    brief = ProjectBriefFactory()
    item = EvidenceItemFactory(strategy=brief.priority.strategy, brief=brief)
    pk = brief.pk
    brief_services.brief_delete(actor=None, brief=brief)
    item.refresh_from_db()
    assert item.brief is None
    assert AuditEvent.objects.filter(verb="deleted", target_id=str(pk)).exists()


# Selectors


def test_overdue_means_past_due_and_not_delivered_or_cancelled():
    priority = PriorityFactory()
    late = ProjectBriefFactory(priority=priority, title="Late", due_on=PAST)
    ProjectBriefFactory(priority=priority, title="Future", due_on=FUTURE)
    ProjectBriefFactory(priority=priority, title="Undated", due_on=None)
    ProjectBriefFactory(
        priority=priority, title="Cancelled", due_on=PAST, status=BriefStatus.CANCELLED
    )
    delivered = ProjectBriefFactory(priority=priority, title="Delivered", due_on=PAST)
    ProjectBrief.objects.filter(pk=delivered.pk).update(status=BriefStatus.DELIVERED)
    ProjectBriefFactory(title="Another strategy's", due_on=PAST)
    overdue = list(brief_selectors.briefs_overdue(strategy=priority.strategy))
    assert overdue == [late]
    assert overdue[0].is_overdue is True
    flags = {b.title: b.is_overdue for b in brief_selectors.brief_list(strategy=priority.strategy)}
    assert flags == {
        "Late": True,
        "Future": False,
        "Undated": False,
        "Cancelled": False,
        "Delivered": False,
    }


def test_the_list_filters_by_priority_status_and_overdue():
    first = PriorityFactory()
    second = PriorityFactory(strategy=first.strategy)
    a = ProjectBriefFactory(priority=first, due_on=PAST, status=BriefStatus.COMMISSIONED)
    b = ProjectBriefFactory(priority=second, due_on=FUTURE, status=BriefStatus.COMMISSIONED)
    c = ProjectBriefFactory(priority=second, due_on=PAST, status=BriefStatus.DRAFT)
    strategy = first.strategy
    assert list(brief_selectors.brief_list(strategy=strategy, priority=second)) == [c, b]
    assert list(brief_selectors.brief_list(strategy=strategy, status="commissioned")) == [a, b]
    assert list(brief_selectors.brief_list(strategy=strategy, overdue_only=True)) == [a, c]


# Pages


def test_add_from_a_priority_then_see_it(client):
    priority = PriorityFactory()
    client.force_login(StaffUserFactory())
    response = client.post(create_url(priority), form_data())
    brief = ProjectBrief.objects.get()
    assert response["Location"] == url("brief_detail", brief)
    assert brief.priority == priority and brief.budget == Decimal("25000")
    html = client.get(url("brief_detail", brief)).content.decode()
    assert "<li>Why does productivity lag?</li>" in html
    assert "<li>Where is it highest?</li>" in html
    assert "£25,000.00" in html
    assert "Cambridge Econometrics" in html
    assert "30 Sep 2019" in html


def test_a_negative_budget_on_the_form_keeps_what_was_typed(client):
    priority = PriorityFactory()
    client.force_login(StaffUserFactory())
    response = client.post(create_url(priority), form_data(budget="-5", title="Keep me"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The budget cannot be negative: enter 0 or more, in pounds" in html
    assert 'value="Keep me"' in html
    assert not ProjectBrief.objects.exists()


def test_marking_delivered_without_evidence_is_refused_on_the_form(client):
    brief = ProjectBriefFactory(status=BriefStatus.IN_PROGRESS)
    client.force_login(StaffUserFactory())
    response = client.post(url("brief_edit", brief), form_data(status=BriefStatus.DELIVERED))
    assert response.status_code == 200
    assert escape(brief_services.NOT_DELIVERED_MESSAGE) in response.content.decode()
    brief.refresh_from_db()
    assert brief.status == BriefStatus.IN_PROGRESS


def test_the_detail_lists_the_evidence_delivered_and_flags_overdue(client):
    brief = ProjectBriefFactory(due_on=PAST)
    EvidenceItemFactory(strategy=brief.priority.strategy, brief=brief, title="The study")
    client.force_login(StaffUserFactory())
    html = client.get(url("brief_detail", brief)).content.decode()
    assert "The study" in html
    assert "This brief is overdue" in html


def test_the_list_flags_overdue_and_filters(client):
    priority = PriorityFactory()
    ProjectBriefFactory(priority=priority, title="Late one", due_on=PAST)
    ProjectBriefFactory(priority=priority, title="On time", due_on=FUTURE)
    client.force_login(StaffUserFactory())
    html = client.get(list_url(priority.strategy)).content.decode()
    assert html.count(">Overdue</strong>") == 1
    html = client.get(list_url(priority.strategy), {"overdue": "on"}).content.decode()
    assert "Late one" in html and "On time" not in html


def test_the_list_has_an_empty_state(client):
    priority = PriorityFactory()
    client.force_login(StaffUserFactory())
    html = client.get(list_url(priority.strategy)).content.decode()
    assert "This strategy has no project briefs yet" in html
    html = client.get(list_url(priority.strategy), {"status": "delivered"}).content.decode()
    assert "No project brief matches the filters." in html


def test_the_priority_page_shows_its_briefs_and_the_add_link(client):
    priority = PriorityFactory()
    ProjectBriefFactory(priority=priority, title="Late one", due_on=PAST)
    client.force_login(steering_member(priority))
    html = client.get(priority_url(priority)).content.decode()
    assert "Late one" in html and ">Overdue</strong>" in html
    assert create_url(priority) in html
    # Members do not get the strategy's list.
    assert f'href="{list_url(priority.strategy)}"' not in html


def test_naughty_strings_are_stored_exactly_and_shown_escaped(client, naughty_strings):
    priority = PriorityFactory()
    client.force_login(StaffUserFactory())
    strings = [s for s in naughty_strings if "\x00" not in s and s.strip()][:250]
    for text in strings:
        response = client.post(
            create_url(priority),
            form_data(title=text[:200], scope=text, questions=text, supplier=text[:200]),
        )
        assert response.status_code == 302, (text, response.context["form"].errors)
    stored = list(
        ProjectBrief.objects.order_by("pk").values_list("title", "scope", "questions", "supplier")
    )
    assert stored == [(t[:200].strip(), t, t, t[:200]) for t in strings]
    for brief in ProjectBrief.objects.select_related("priority__strategy")[:60]:
        response = client.get(url("brief_detail", brief))
        assert response.status_code == 200
        assert "<script>alert(0)</script>" not in response.content.decode()
    assert client.get(list_url(priority.strategy)).status_code == 200
    assert client.get(priority_url(priority)).status_code == 200


def test_nul_characters_get_a_message(client):
    priority = PriorityFactory()
    client.force_login(StaffUserFactory())
    response = client.post(create_url(priority), form_data(scope="a\x00b"))
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


# Query counts


def _briefs(priority, count):
    for n in range(count):
        brief = ProjectBriefFactory(priority=priority, due_on=PAST if n % 2 else FUTURE)
        EvidenceItemFactory(strategy=priority.strategy, brief=brief)


# The staff pages' queries: session, user, strategy, then the page's own (briefs, a count for
# the paginator, evidence items); the priority page's count includes every app's panels.
PAGE_QUERIES = {
    "brief_list": 7,
    "brief_detail": 6,
    "brief_edit": 5,
    "brief_delete": 5,
    "brief_create": 5,
    "priority_edit": 16,
    "priority_edit (member)": 20,  # and whether they sit on its body, per rule asked
}


def _page_url(page, priority, brief):
    if page == "brief_list":
        return list_url(priority.strategy)
    if page == "brief_create":
        return create_url(priority)
    if page.startswith("priority_edit"):
        return priority_url(priority)
    return url(page, brief)


@pytest.mark.parametrize("page", PAGE_QUERIES)
@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_are_constant(client, django_assert_num_queries, page, count):
    priority = PriorityFactory()
    _briefs(priority, count)
    brief = ProjectBrief.objects.select_related("priority__strategy").first()
    user = steering_member(priority) if "member" in page else StaffUserFactory()
    client.force_login(user)
    page_url = _page_url(page, priority, brief)
    with django_assert_num_queries(PAGE_QUERIES[page]):
        response = client.get(page_url)
    assert response.status_code == 200
    if page.startswith("priority_edit"):
        # Every brief of the priority is listed in the panel.
        assert response.content.decode().count("/briefs/") >= count
