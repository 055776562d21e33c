"""Who may see, add, change and delete evidence items: each rule, and the pages that use them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from convenor.accounts.models import User
from convenor.core.models import AuditEvent
from convenor.evidence import services
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem, EvidenceTerm
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.test_services import pdf
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import LineOfEnquiryFactory, PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@dataclass
class Team:
    """A strategy with two priorities, each steered by its own action group with one member.

    `partner` sits on a body of the strategy that steers nothing; `outsider` on no body.
    `item` is a staff-only item tagged with `ours`, answering `line`.
    """

    strategy: Strategy
    ours: Priority
    theirs: Priority
    line: LineOfEnquiry
    staff: User
    member: User
    other_member: User
    partner: User
    outsider: User
    item: EvidenceItem


def member_of(body: Any, **kwargs: Any) -> User:
    """A signed-in account whose person is a member of `body`."""
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user), **kwargs)
    return user


def make_team() -> Team:
    """Build the Team (see its docstring)."""
    strategy = StrategyFactory()
    ours = PriorityFactory(strategy=strategy, title="Skills")
    theirs = PriorityFactory(strategy=strategy, title="Transport")
    ours_group = BodyPriorityFactory(body__strategy=strategy, priority=ours).body
    theirs_group = BodyPriorityFactory(body__strategy=strategy, priority=theirs).body
    line = LineOfEnquiryFactory(priority=ours, question="Where are the skills gaps?")
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff,
        strategy=strategy,
        title="Skills survey",
        summary="Employers struggle to hire.",
        url="https://example.org/skills",
        priorities=[ours],
        lines_of_enquiry=[line],
    )
    return Team(
        strategy=strategy,
        ours=ours,
        theirs=theirs,
        line=line,
        staff=staff,
        member=member_of(ours_group),
        other_member=member_of(theirs_group),
        partner=member_of(BodyFactory(strategy=strategy)),
        outsider=UserFactory(),
        item=item,
    )


@pytest.fixture
def team() -> Team:
    return make_team()


def snapshot() -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    return (
        list(EvidenceItem.objects.order_by("pk").values()),
        list(EvidenceItem.priorities.through.objects.order_by("pk").values()),
        list(EvidenceItem.lines_of_enquiry.through.objects.order_by("pk").values()),
        list(EvidenceTerm.objects.order_by("pk").values_list("item_id", "term")),
        AuditEvent.objects.count(),
    )


def item_form(**fields: Any) -> dict[str, Any]:
    return {"kind": "qualitative", "visibility": "staff", **fields}


# The rules, one by one


def test_view_staff_steering_members_and_as_visibility_allows(team):
    view = "evidence.view_evidenceitem"
    assert team.staff.has_perm(view, team.item)
    assert team.member.has_perm(view, team.item)
    for user in (team.other_member, team.partner, team.outsider):
        assert not user.has_perm(view, team.item)
    team.item.visibility = Visibility.PARTNERS
    assert team.partner.has_perm(view, team.item) and team.other_member.has_perm(view, team.item)
    assert not team.outsider.has_perm(view, team.item)
    team.item.visibility = Visibility.PUBLIC
    assert team.outsider.has_perm(view, team.item)


def test_view_needs_a_current_membership(team, settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=datetime.UTC)
    body = team.ours.steering.get().body
    lapsed = member_of(body, ends_on=datetime.date(2019, 1, 31))
    future = member_of(body, starts_on=datetime.date(2019, 6, 1))
    assert not lapsed.has_perm("evidence.view_evidenceitem", team.item)
    assert not future.has_perm("evidence.change_evidenceitem", team.item)


def test_add_is_checked_against_the_priority(team):
    add = "evidence.add_evidenceitem"
    assert team.staff.has_perm(add) and team.staff.has_perm(add, team.theirs)
    assert team.member.has_perm(add, team.ours)
    assert not team.member.has_perm(add, team.theirs)
    assert not team.member.has_perm(add)  # the strategy-wide add page is for staff
    assert not team.partner.has_perm(add, team.ours)


@pytest.mark.parametrize("action", ["change", "delete"])
def test_change_and_delete_staff_or_members_steering_one_of_its_priorities(team, action):
    perm = f"evidence.{action}_evidenceitem"
    assert team.staff.has_perm(perm, team.item) and team.member.has_perm(perm, team.item)
    for user in (team.other_member, team.partner, team.outsider):
        assert not user.has_perm(perm, team.item)
    team.item.visibility = Visibility.PUBLIC  # seeing it is not changing it
    assert not team.outsider.has_perm(perm, team.item)
    team.item.priorities.add(team.theirs)
    assert team.other_member.has_perm(perm, team.item)


def test_the_strategy_wide_list_is_for_staff(team):
    assert team.staff.has_perm("evidence.view_evidenceitem_list")
    assert not team.member.has_perm("evidence.view_evidenceitem_list")


# The pages, for a member of the steering body


def staff_url(name: str, team: Team, *args: Any) -> str:
    return reverse(f"evidence_staff:{name}", args=[team.strategy.slug, *args])


def test_a_member_adds_evidence_from_their_priority_and_works_on_it(client, team):
    client.force_login(team.member)
    add_url = reverse(
        "evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]
    )
    form = client.get(add_url).content.decode()
    assert "Add evidence to priority" in form
    assert f'value="{team.ours.pk}" checked' in form and "Transport" not in form
    response = client.post(
        add_url,
        item_form(
            title="Roundtable notes",
            summary="What employers told us.",
            key_findings="Apprenticeship levy unspent.",
            file=pdf("notes.pdf"),
            priorities=[team.ours.pk],
            lines_of_enquiry=[team.line.pk],
        ),
    )
    item = EvidenceItem.objects.get(title="Roundtable notes")
    assert response.status_code == 302
    assert response["Location"] == staff_url("item_detail", team, item.pk)
    assert list(item.lines_of_enquiry.all()) == [team.line]
    detail = client.get(response["Location"]).content.decode()
    assert "Apprenticeship levy unspent." in detail and ">Edit<" in detail
    edit = client.post(
        staff_url("item_edit", team, item.pk),
        item_form(
            title="Roundtable notes, revised",
            summary="What employers told us.",
            priorities=[team.ours.pk],
        ),
    )
    assert edit.status_code == 302
    item.refresh_from_db()
    assert item.title == "Roundtable notes, revised" and item.file
    assert client.get(staff_url("item_download", team, item.pk)).status_code == 200
    gone = client.post(staff_url("item_delete", team, item.pk))
    assert gone["Location"] == reverse(
        "strategy_staff:priority_edit", args=[team.strategy.slug, team.ours.number]
    )
    assert not EvidenceItem.objects.filter(pk=item.pk).exists()


def test_a_member_tagging_another_groups_priority_gets_a_clear_error(client, team):
    client.force_login(team.member)
    before = snapshot()
    response = client.post(
        reverse("evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]),
        item_form(
            title="Keep me",
            summary="S",
            url="https://example.org/x",
            priorities=[team.ours.pk, team.theirs.pk],
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in text
    # A choice not offered is refused by the form; the service says the same in words.
    assert "Keep me" in text
    assert snapshot() == before


def test_a_member_cannot_remove_another_groups_priority_from_an_item(client, team):
    team.item.priorities.add(team.theirs)
    client.force_login(team.member)
    form = client.get(staff_url("item_edit", team, team.item.pk)).content.decode()
    assert "Transport" in form  # kept on the form, so that it is not lost
    before = snapshot()
    response = client.post(
        staff_url("item_edit", team, team.item.pk),
        item_form(
            title="Skills survey",
            summary="S",
            url="https://example.org/skills",
            priorities=[team.ours.pk],
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "You can tag evidence only with the priorities your groups steer" in text
    assert f"priority {team.theirs.number}, Transport" in text
    assert snapshot() == before


def test_a_member_of_another_group_is_refused_and_nothing_changes(client, team):
    client.force_login(team.other_member)
    pk = team.item.pk
    add_url = reverse(
        "evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]
    )
    before = snapshot()
    for url in [
        add_url,
        staff_url("item_detail", team, pk),
        staff_url("item_edit", team, pk),
        staff_url("item_delete", team, pk),
        staff_url("item_download", team, pk),
        staff_url("item_list", team),
        staff_url("item_create", team),
        reverse("strategy_staff:priority_edit", args=[team.strategy.slug, team.ours.number]),
    ]:
        assert client.get(url).status_code == 403, url
    post = item_form(
        title="Hijacked", summary="S", url="https://example.org/h", priorities=[team.ours.pk]
    )
    assert client.post(add_url, post).status_code == 403
    assert client.post(staff_url("item_edit", team, pk), post).status_code == 403
    assert client.post(staff_url("item_delete", team, pk)).status_code == 403
    assert client.post(staff_url("item_create", team), post).status_code == 403
    assert snapshot() == before


def test_a_member_sees_items_pages_but_not_the_strategy_wide_list(client, team):
    client.force_login(team.member)
    assert client.get(staff_url("item_list", team)).status_code == 403
    assert client.get(staff_url("item_create", team)).status_code == 403
    detail = client.get(staff_url("item_detail", team, team.item.pk)).content.decode()
    assert "Staff area" not in detail
    assert reverse("strategy:priority_detail", args=[team.strategy.slug, team.ours.number]) in (
        detail
    )


def test_signed_out_people_are_sent_to_sign_in(client, team):
    url = reverse(
        "evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]
    )
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
