"""The staff area's body pages: bodies, the priorities they steer, and memberships."""

import datetime

import pytest
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.governance.choices import BodyKind, MembershipRole, Openness
from convenor.governance.models import Body, BodyPriority, Membership
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def body_data(**overrides):
    data = {
        "name": "Skills Action Group",
        "slug": "skills",
        "kind": BodyKind.ACTION_GROUP,
        "openness": Openness.BY_INVITATION,
        "remit": "Steers the people theme.",
        "themes": "people",
        "reports_to": "",
    }
    data.update(overrides)
    return data


def test_body_list_searches_and_pages(client, staff):
    strategy = StrategyFactory()
    for number in range(26):
        BodyFactory(strategy=strategy, name=f"Working group {number:02d}")
    BodyFactory(strategy=strategy, name="Transport Action Group", themes="smart mobility")
    url = reverse("governance_staff:body_list", args=[strategy.slug])

    first = client.get(url)
    second = client.get(url, {"page": "2"})
    by_theme = client.get(url, {"q": "mobility"})
    nothing = client.get(url, {"q": "Atlantis"})

    assert len(first.context["object_list"]) == 25
    assert [body.name for body in second.context["object_list"]] == [
        "Working group 24",
        "Working group 25",
    ]
    assert [body.name for body in by_theme.context["object_list"]] == ["Transport Action Group"]
    assert "No body matches “Atlantis”." in text_of(nothing)


def test_body_list_empty_state(client, staff):
    strategy = StrategyFactory()
    response = client.get(reverse("governance_staff:body_list", args=[strategy.slug]))
    assert "This strategy has no bodies yet. Add a body to start." in text_of(response)


def test_body_create_saves_exact_values(client, staff):
    strategy = StrategyFactory()
    board = BodyFactory(strategy=strategy, name="Enterprise M3 Board")
    url = reverse("governance_staff:body_create", args=[strategy.slug])
    assert client.get(url).status_code == 200

    response = client.post(url, body_data(reports_to=str(board.pk)))

    body = Body.objects.get(slug="skills")
    assert response["Location"] == reverse(
        "governance_staff:body_edit", args=[strategy.slug, "skills"]
    )
    assert (body.name, body.kind, body.openness, body.remit, body.themes, body.reports_to) == (
        "Skills Action Group",
        BodyKind.ACTION_GROUP,
        Openness.BY_INVITATION,
        "Steers the people theme.",
        "people",
        board,
    )
    assert AuditEvent.objects.get().actor == staff


def test_a_body_cannot_report_to_itself_through_a_loop(client, staff):
    strategy = StrategyFactory()
    parent = BodyFactory(strategy=strategy, name="Steering group", slug="steering")
    child = BodyFactory(strategy=strategy, name="Skills", slug="skills", reports_to=parent)

    response = client.post(
        reverse("governance_staff:body_edit", args=[strategy.slug, "steering"]),
        body_data(name="Steering group", slug="steering", reports_to=str(child.pk)),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reports_to": ["That would make a loop: Steering group reports back to this body."]
    }
    parent.refresh_from_db()
    assert parent.reports_to is None


def test_body_edit_shows_its_priorities_and_members(client, staff):
    body = BodyFactory(name="Transport Action Group")
    priority = PriorityFactory(strategy=body.strategy, number=8, title="Smart mobility")
    BodyPriorityFactory(body=body, priority=priority, leads=True)
    membership = MembershipFactory(
        body=body, person=PersonFactory(name="Mike Short"), role=MembershipRole.CHAIR
    )

    response = client.get(
        reverse("governance_staff:body_edit", args=[body.strategy.slug, body.slug])
    )

    page = text_of(response)
    assert "8. Smart mobility Lead body" in page
    assert "Mike Short" in page and "Chair" in page
    html = response.content.decode()
    for name in ("membership_edit", "membership_end", "membership_delete"):
        url = reverse(
            f"governance_staff:{name}", args=[body.strategy.slug, body.slug, membership.pk]
        )
        assert f'href="{url}"' in html
    # The steering checkboxes are ticked for what the body steers and leads.
    assert f'name="steers" type="checkbox" value="{priority.pk}" checked' in html
    assert f'name="leads" type="checkbox" value="{priority.pk}" checked' in html


def test_body_priorities_set_from_the_checkboxes(client, staff):
    body = BodyFactory()
    towns, digital, housing = (
        PriorityFactory(strategy=body.strategy, number=number) for number in (3, 4, 7)
    )
    BodyPriorityFactory(body=body, priority=housing)
    url = reverse("governance_staff:body_priorities", args=[body.strategy.slug, body.slug])

    response = client.post(url, {"steers": [towns.pk, digital.pk], "leads": [digital.pk]})

    assert (
        response["Location"]
        == reverse("governance_staff:body_edit", args=[body.strategy.slug, body.slug])
        + "#priorities"
    )
    assert sorted(
        BodyPriority.objects.filter(body=body).values_list("priority__number", "leads")
    ) == [(3, False), (4, True)]


def test_a_body_cannot_take_the_lead_another_body_holds(client, staff):
    body = BodyFactory(name="Skills")
    other = BodyFactory(strategy=body.strategy, name="Enterprise and Innovation")
    priority = PriorityFactory(strategy=body.strategy, number=1, title="Innovation")
    BodyPriorityFactory(body=other, priority=priority, leads=True)
    url = reverse("governance_staff:body_priorities", args=[body.strategy.slug, body.slug])

    response = client.post(url, {"steers": [priority.pk], "leads": [priority.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "leads": [
            "1. Innovation already has a lead body: Enterprise and Innovation. "
            "Remove the lead there first."
        ]
    }
    html = response.content.decode()
    # What was ticked is still ticked.
    assert f'name="steers" type="checkbox" value="{priority.pk}" checked' in html
    assert not BodyPriority.objects.filter(body=body).exists()


def test_membership_create_edit_end_and_delete(client, staff):
    body = BodyFactory()
    person = PersonFactory(name="Stacey King")
    council = OrganisationFactory(name="Surrey County Council")
    base = reverse("governance_staff:body_edit", args=[body.strategy.slug, body.slug])
    create_url = reverse("governance_staff:membership_create", args=[body.strategy.slug, body.slug])
    assert client.get(create_url).status_code == 200

    created = client.post(
        create_url,
        {
            "person": person.pk,
            "role": MembershipRole.CHAIR,
            "starts_on": "2019-05-22",
            "ends_on": "",
            "representing": council.pk,
            "note": "",
        },
    )
    membership = Membership.objects.get()
    assert (
        membership.person,
        membership.role,
        membership.starts_on,
        membership.ends_on,
        membership.representing,
    ) == (person, MembershipRole.CHAIR, datetime.date(2019, 5, 22), None, council)
    args = [body.strategy.slug, body.slug, membership.pk]
    edited = client.post(
        reverse("governance_staff:membership_edit", args=args),
        {
            "person": person.pk,
            "role": MembershipRole.VICE_CHAIR,
            "starts_on": "2019-05-22",
            "ends_on": "",
            "representing": "",
            "note": "Board sponsor",
        },
    )
    membership.refresh_from_db()
    assert (membership.role, membership.representing, membership.note) == (
        MembershipRole.VICE_CHAIR,
        None,
        "Board sponsor",
    )
    ended = client.post(
        reverse("governance_staff:membership_end", args=args), {"ends_on": "2020-03-31"}
    )
    membership.refresh_from_db()
    assert membership.ends_on == datetime.date(2020, 3, 31)
    deleted = client.post(reverse("governance_staff:membership_delete", args=args))

    assert [r["Location"] for r in (created, edited, ended, deleted)] == [f"{base}#members"] * 4
    assert not Membership.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("verb", "detail")) == [
        ("created", {}),
        ("changed", {"fields": ["note", "representing", "role"]}),
        ("changed", {"fields": ["ends_on"]}),
        ("deleted", {}),
    ]


def test_a_membership_cannot_end_before_it_starts(client, staff):
    membership = MembershipFactory(starts_on=datetime.date(2019, 5, 22))
    url = reverse(
        "governance_staff:membership_end",
        args=[membership.body.strategy.slug, membership.body.slug, membership.pk],
    )

    response = client.post(url, {"ends_on": "2019-01-01"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["A membership cannot end before it starts."]
    }
    assert 'value="2019-01-01"' in response.content.decode()
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_body_delete_says_its_memberships_go_too(client, staff):
    body = BodyFactory(name="HEI Group")
    MembershipFactory.create_batch(3, body=body)
    url = reverse("governance_staff:body_delete", args=[body.strategy.slug, body.slug])
    assert client.get(url).context["also_deleted"] == ["3 memberships"]
    client.post(url)
    assert not Body.objects.exists()


def test_members_of_a_body_cannot_edit_the_body(client):
    body = BodyFactory(name="Skills")
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    client.force_login(user)

    response = client.post(
        reverse("governance_staff:body_edit", args=[body.strategy.slug, body.slug]),
        body_data(name="Renamed", slug=body.slug),
    )

    assert response.status_code == 403
    body.refresh_from_db()
    assert body.name == "Skills"
    assert AuditEvent.objects.count() == 0
