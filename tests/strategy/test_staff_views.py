"""The staff area's strategy pages: who may open them, what they show, and what they save."""

import datetime
import re

import pytest
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.strategy.choices import (
    EnquiryStatus,
    LepRole,
    PriorityStatus,
    StageKind,
    StageStatus,
)
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    MilestoneFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffUserFactory(email="lead@example.org", name="Kevin Lloyd")
    client.force_login(user)
    return user


def steering_member(priority):
    """A signed-in account whose person sits on a body that steers `priority`."""
    user = UserFactory()
    body = BodyFactory(strategy=priority.strategy)
    BodyPriorityFactory(body=body, priority=priority)
    MembershipFactory(body=body, person=PersonFactory(user=user))
    return user


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed, for asserting on sentences."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# The staff home


def test_home_lists_strategies_with_edit_links_and_the_latest_changes(client, staff):
    strategy = StrategyFactory(name="EM3 Local Industrial Strategy", area_name="Enterprise M3")
    client.post(
        reverse("strategy_staff:stage_create", args=[strategy.slug]),
        {
            "name": "Set up",
            "kind": StageKind.SET_UP,
            "order": "1",
            "starts_on": "2018-11-01",
            "ends_on": "2019-01-31",
            "status": StageStatus.COMPLETE,
        },
    )

    response = client.get(reverse("strategy_staff:home"))

    assert response.status_code == 200
    edit_url = reverse("strategy_staff:strategy_edit", args=[strategy.slug])
    assert f'href="{edit_url}"' in response.content.decode()
    assert "EM3 Local Industrial Strategy" in text_of(response)
    assert "Created stage “Set up”" in text_of(response)
    assert "Kevin Lloyd" in text_of(response)


def test_home_shows_at_most_the_last_20_changes(client, staff):
    strategy = StrategyFactory()
    for number in range(1, 23):
        client.post(
            reverse("strategy_staff:priority_create", args=[strategy.slug]),
            {
                "number": str(number),
                "title": f"Priority {number}",
                "lep_role": LepRole.BOTH,
                "status": PriorityStatus.SCOPING,
            },
        )
    assert AuditEvent.objects.count() == 22

    response = client.get(reverse("strategy_staff:home"))

    assert len(response.context["audit_events"]) == 20
    assert "Created priority “22. Priority 22”" in text_of(response)
    assert "“2. Priority 2”" not in text_of(response)


def test_home_search_and_pagination_of_strategies(client, staff):
    for number in range(30):
        StrategyFactory(name=f"Strategy {number:02d}")
    StrategyFactory(name="Solent Local Industrial Strategy")

    first_page = client.get(reverse("strategy_staff:home"))
    second_page = client.get(reverse("strategy_staff:home"), {"page": "2"})
    searched = client.get(reverse("strategy_staff:home"), {"q": "solent"})
    nothing = client.get(reverse("strategy_staff:home"), {"q": "Atlantis"})

    assert len(first_page.context["object_list"]) == 25
    assert len(second_page.context["object_list"]) == 6
    assert 'href="?page=2"' in first_page.content.decode()
    assert [s.name for s in searched.context["object_list"]] == ["Solent Local Industrial Strategy"]
    assert "No strategy matches “Atlantis”." in text_of(nothing)


def test_home_empty_state(client, staff):
    response = client.get(reverse("strategy_staff:home"))
    assert "There are no strategies yet. Add a strategy to start." in text_of(response)
    assert "Nothing has been changed yet." in text_of(response)


# Who may come in


def test_anonymous_people_are_sent_to_sign_in(client):
    url = reverse("strategy_staff:home")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_signed_in_people_who_are_not_staff_get_a_govuk_403_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("strategy_staff:home"))
    assert response.status_code == 403
    assert "You cannot see or change this" in text_of(response)
    assert 'class="govuk-heading-l"' in response.content.decode()


def test_a_member_of_a_steering_body_reaches_that_priority_and_nothing_else(client):
    priority = PriorityFactory(number=3, title="Towns")
    other = PriorityFactory(strategy=priority.strategy, number=4)
    line = LineOfEnquiryFactory(priority=priority)
    client.force_login(steering_member(priority))
    slug = priority.strategy.slug

    allowed = [
        reverse("strategy_staff:priority_edit", args=[slug, 3]),
        reverse("strategy_staff:line_of_enquiry_create", args=[slug, 3]),
        reverse("strategy_staff:line_of_enquiry_edit", args=[slug, 3, line.pk]),
        reverse("strategy_staff:line_of_enquiry_delete", args=[slug, 3, line.pk]),
    ]
    refused = [
        reverse("strategy_staff:home"),
        reverse("strategy_staff:strategy_create"),
        reverse("strategy_staff:strategy_edit", args=[slug]),
        reverse("strategy_staff:priority_edit", args=[slug, other.number]),
        reverse("strategy_staff:priority_delete", args=[slug, 3]),
        reverse("strategy_staff:priority_create", args=[slug]),
        reverse("strategy_staff:stage_create", args=[slug]),
        reverse("strategy_staff:milestone_create", args=[slug]),
        reverse("governance_staff:body_list", args=[slug]),
        reverse("stakeholders_staff:organisation_list"),
        reverse("stakeholders_staff:person_list"),
    ]
    assert [client.get(url).status_code for url in allowed] == [200] * len(allowed)
    assert [client.get(url).status_code for url in refused] == [403] * len(refused)


def test_a_member_sees_no_staff_area_link_in_the_priority_breadcrumbs(client):
    priority = PriorityFactory(number=3)
    client.force_login(steering_member(priority))
    response = client.get(reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, 3]))
    assert response.context["breadcrumbs"] == [
        (
            priority.strategy.name,
            reverse("strategy:strategy_detail", args=[priority.strategy.slug]),
        ),
        ("Priority 3", None),
    ]


def test_a_refused_post_changes_nothing(client):
    priority = PriorityFactory(number=3, title="Towns")
    other = PriorityFactory(strategy=priority.strategy, number=4, title="Digital")
    client.force_login(steering_member(priority))
    events_before = AuditEvent.objects.count()

    response = client.post(
        reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, 4]),
        {
            "number": "4",
            "title": "Hijacked",
            "lep_role": LepRole.BOTH,
            "status": PriorityStatus.AGREED,
        },
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert (other.title, other.status) == ("Digital", PriorityStatus.SCOPING)
    assert AuditEvent.objects.count() == events_before


def test_a_refused_stage_post_by_a_member_changes_nothing(client):
    priority = PriorityFactory()
    stage = StageFactory(strategy=priority.strategy, name="Develop")
    client.force_login(steering_member(priority))

    response = client.post(
        reverse("strategy_staff:stage_delete", args=[priority.strategy.slug, stage.pk])
    )

    assert response.status_code == 403
    assert Stage.objects.filter(pk=stage.pk, name="Develop").exists()
    assert AuditEvent.objects.count() == 0


# Strategies


def test_strategy_create_saves_exact_values(client, staff):
    areas = [AreaFactory(name="Guildford"), AreaFactory(name="Hart")]
    lead = OrganisationFactory(name="Enterprise M3 LEP")
    url = reverse("strategy_staff:strategy_create")
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "name": "EM3 Local Industrial Strategy",
            "slug": "em3-lis",
            "area_name": "Enterprise M3",
            "areas": [str(area.pk) for area in areas],
            "lead_organisation": str(lead.pk),
            "vision": "A productive economy.",
            "theory_of_change": "Collaboration and co-design.",
            "narrative": "",
            "is_public": "on",
        },
    )

    strategy = Strategy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy_staff:strategy_edit", args=["em3-lis"])
    assert (strategy.name, strategy.slug, strategy.area_name, strategy.lead_organisation) == (
        "EM3 Local Industrial Strategy",
        "em3-lis",
        "Enterprise M3",
        lead,
    )
    assert (strategy.vision, strategy.theory_of_change, strategy.is_public) == (
        "A productive economy.",
        "Collaboration and co-design.",
        True,
    )
    assert sorted(strategy.areas.values_list("name", flat=True)) == ["Guildford", "Hart"]
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.target_repr) == (
        staff,
        "created",
        "EM3 Local Industrial Strategy",
    )
    banner = text_of(client.get(response["Location"]))
    assert "Success Added EM3 Local Industrial Strategy." in banner


def test_strategy_edit_is_the_hub_with_stages_milestones_priorities_and_bodies(client, staff):
    strategy = StrategyFactory(name="EM3 LIS")
    stage = StageFactory(strategy=strategy, name="Engage", order=3)
    milestone = MilestoneFactory(strategy=strategy, title="AGM and early beta launch")
    priority = PriorityFactory(strategy=strategy, number=8, title="Smart mobility")
    body = BodyFactory(strategy=strategy, name="Transport Action Group")
    BodyPriorityFactory(body=body, priority=priority, leads=True)

    response = client.get(reverse("strategy_staff:strategy_edit", args=[strategy.slug]))

    html = response.content.decode()
    page = text_of(response)
    assert "3. Engage" in page
    assert "AGM and early beta launch" in page
    assert "8. Smart mobility" in page
    assert "Transport Action Group (lead)" in page
    for url in [
        reverse("strategy_staff:stage_edit", args=[strategy.slug, stage.pk]),
        reverse("strategy_staff:stage_create", args=[strategy.slug]),
        reverse("strategy_staff:milestone_edit", args=[strategy.slug, milestone.pk]),
        reverse("strategy_staff:milestone_create", args=[strategy.slug]),
        reverse("strategy_staff:priority_edit", args=[strategy.slug, 8]),
        reverse("strategy_staff:priority_create", args=[strategy.slug]),
        reverse("governance_staff:body_edit", args=[strategy.slug, body.slug]),
        reverse("governance_staff:body_create", args=[strategy.slug]),
    ]:
        assert f'href="{url}"' in html


def test_strategy_edit_query_count_does_not_grow_with_the_strategy(
    client, staff, django_assert_num_queries
):
    def build(size):
        strategy = StrategyFactory()
        for number in range(1, size + 1):
            StageFactory(strategy=strategy, order=number)
            MilestoneFactory(strategy=strategy, title=f"Milestone {number}")
            priority = PriorityFactory(strategy=strategy, number=number)
            LineOfEnquiryFactory(priority=priority)
            body = BodyFactory(strategy=strategy)
            BodyPriorityFactory(body=body, priority=priority)
            MembershipFactory(body=body)
        return strategy

    small, large = build(1), build(10)
    # The strategy, session, user, the strategy's areas, the strategy in the navigation, the
    # form's three lists of choices, then stages, milestones, priorities with their steering
    # bodies (three queries) and bodies: the same for any size of strategy.
    with django_assert_num_queries(14):
        client.get(reverse("strategy_staff:strategy_edit", args=[small.slug]))
    with django_assert_num_queries(14):
        client.get(reverse("strategy_staff:strategy_edit", args=[large.slug]))


def test_strategy_delete_says_what_else_goes_and_then_deletes_it(client, staff):
    strategy = StrategyFactory(name="EM3 LIS")
    StageFactory.create_batch(2, strategy=strategy)
    priority = PriorityFactory(strategy=strategy)
    LineOfEnquiryFactory(priority=priority)
    url = reverse("strategy_staff:strategy_delete", args=[strategy.slug])

    confirmation = client.get(url)
    response = client.post(url)

    assert "Delete strategy “EM3 LIS”?" in text_of(confirmation)
    assert confirmation.context["also_deleted"] == [
        "1 line of enquiry",
        "1 priority",
        "2 stages",
    ]
    assert response["Location"] == reverse("strategy_staff:home")
    assert not Strategy.objects.exists()
    assert AuditEvent.objects.get().verb == "deleted"


# Stages


def stage_data(**overrides):
    data = {
        "name": "Develop",
        "kind": StageKind.DEVELOP,
        "order": "2",
        "period_label": "Winter/Spring 2019",
        "starts_on": "2019-01-01",
        "ends_on": "2019-04-30",
        "may_overlap": "on",
        "status": StageStatus.NOT_STARTED,
        "focus": "Detailed work on interventions",
        "action": "Project briefs; lines of enquiry",
        "exit_criteria": "",
    }
    data.update(overrides)
    return data


def test_stage_create_saves_exact_values(client, staff):
    strategy = StrategyFactory()
    url = reverse("strategy_staff:stage_create", args=[strategy.slug])
    form_page = client.get(url)
    assert form_page.context["form"]["order"].value() == 1

    response = client.post(url, stage_data())

    stage = Stage.objects.get()
    assert response["Location"] == (
        reverse("strategy_staff:strategy_edit", args=[strategy.slug]) + "#stages"
    )
    assert (stage.name, stage.kind, stage.order, stage.period_label, stage.may_overlap) == (
        "Develop",
        StageKind.DEVELOP,
        2,
        "Winter/Spring 2019",
        True,
    )
    assert (stage.starts_on, stage.ends_on) == (
        datetime.date(2019, 1, 1),
        datetime.date(2019, 4, 30),
    )
    assert (stage.focus, stage.action, stage.status) == (
        "Detailed work on interventions",
        "Project briefs; lines of enquiry",
        StageStatus.NOT_STARTED,
    )


def test_a_stage_ending_before_it_starts_is_refused_with_the_message_on_the_field(client, staff):
    strategy = StrategyFactory()
    url = reverse("strategy_staff:stage_create", args=[strategy.slug])

    response = client.post(
        url, stage_data(starts_on="2019-05-01", ends_on="2019-04-01", focus="Keep <this>")
    )

    assert response.status_code == 200
    assert not Stage.objects.exists()
    html = response.content.decode()
    # In the summary, linking to the field...
    assert '<a href="#id_ends_on">A stage cannot end before it starts.</a>' in html
    # ...and next to the field, which the input points to.
    assert (
        '<p id="id_ends_on_error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> A stage cannot end before it starts.'
        "</p>"
    ) in html
    assert 'aria-describedby="id_ends_on_error"' in html
    assert "govuk-input--error" in html
    # What was typed is all still there.
    assert 'value="2019-05-01"' in html
    assert 'value="2019-04-01"' in html
    assert 'value="Develop"' in html
    assert "Keep &lt;this&gt;</textarea>" in html
    assert response.context["page_title"] == "Add a stage"
    assert "<title>Error: Add a stage" in html


def test_making_a_stage_current_completes_the_previous_current_stage(client, staff):
    strategy = StrategyFactory()
    develop = StageFactory(strategy=strategy, name="Develop", order=2, status=StageStatus.CURRENT)
    engage = StageFactory(strategy=strategy, name="Engage", kind=StageKind.ENGAGE, order=3)

    response = client.post(
        reverse("strategy_staff:stage_edit", args=[strategy.slug, engage.pk]),
        stage_data(name="Engage", kind=StageKind.ENGAGE, order="3", status=StageStatus.CURRENT),
    )

    assert response.status_code == 302
    develop.refresh_from_db()
    engage.refresh_from_db()
    assert (develop.status, engage.status) == (StageStatus.COMPLETE, StageStatus.CURRENT)
    assert list(AuditEvent.objects.order_by("id").values_list("target_repr", "detail")) == [
        ("Develop", {"fields": ["status"]}),
        ("Engage", {"fields": ["action", "ends_on", "focus", "period_label", "status"]}),
    ]


def test_stage_edit_records_which_fields_changed(client, staff):
    strategy = StrategyFactory()
    stage = StageFactory(
        strategy=strategy,
        name="Develop",
        kind=StageKind.DEVELOP,
        order=2,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 4, 30),
        period_label="Winter/Spring 2019",
        focus="Detailed work on interventions",
        action="Project briefs; lines of enquiry",
    )

    client.post(
        reverse("strategy_staff:stage_edit", args=[strategy.slug, stage.pk]),
        stage_data(ends_on="2019-05-31", exit_criteria="Briefs agreed"),
    )

    stage.refresh_from_db()
    assert (stage.ends_on, stage.exit_criteria) == (datetime.date(2019, 5, 31), "Briefs agreed")
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.detail) == (
        staff,
        "changed",
        {"fields": ["ends_on", "exit_criteria"]},
    )


def test_stage_delete_keeps_its_milestones(client, staff):
    strategy = StrategyFactory()
    stage = StageFactory(strategy=strategy)
    milestone = MilestoneFactory(strategy=strategy, stage=stage)
    url = reverse("strategy_staff:stage_delete", args=[strategy.slug, stage.pk])

    confirmation = client.get(url)
    client.post(url)

    assert "Nothing else is deleted with it." in text_of(confirmation)
    assert "Its milestones stay on the timetable" in text_of(confirmation)
    milestone.refresh_from_db()
    assert milestone.stage is None
    assert not Stage.objects.exists()


# Milestones


def test_milestone_create_and_edit_save_exact_values(client, staff):
    strategy = StrategyFactory()
    stage = StageFactory(strategy=strategy, name="Engage")
    StageFactory()  # another strategy's stage is not offered
    create_url = reverse("strategy_staff:milestone_create", args=[strategy.slug])
    assert list(client.get(create_url).context["form"].fields["stage"].queryset) == [stage]

    client.post(
        create_url,
        {
            "title": "AGM and early beta launch",
            "date": "2019-06-21",
            "stage": str(stage.pk),
            "description": "Launch of the early beta statement.",
        },
    )
    milestone = Milestone.objects.get()
    client.post(
        reverse("strategy_staff:milestone_edit", args=[strategy.slug, milestone.pk]),
        {"title": "AGM", "date": "2019-06-21", "stage": "", "description": ""},
    )

    milestone.refresh_from_db()
    assert (milestone.title, milestone.date, milestone.stage, milestone.description) == (
        "AGM",
        datetime.date(2019, 6, 21),
        None,
        "",
    )


def test_milestone_delete(client, staff):
    milestone = MilestoneFactory(title="Board meeting")
    url = reverse("strategy_staff:milestone_delete", args=[milestone.strategy.slug, milestone.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    assert not Milestone.objects.exists()


# Priorities and lines of enquiry


def priority_data(**overrides):
    data = {
        "number": "3",
        "title": "The productive capacity and vitality of towns",
        "short_title": "Towns",
        "summary": "Town centres that work.",
        "lep_role": LepRole.CONVENING,
        "status": PriorityStatus.DEVELOPING,
        "board_sponsor": "",
        "lead_officer": "",
    }
    data.update(overrides)
    return data


def test_priority_create_saves_exact_values(client, staff):
    strategy = StrategyFactory()
    sponsor = PersonFactory(name="Stacey King")
    url = reverse("strategy_staff:priority_create", args=[strategy.slug])
    assert client.get(url).status_code == 200

    response = client.post(url, priority_data(board_sponsor=str(sponsor.pk)))

    priority = Priority.objects.get()
    assert response["Location"] == reverse("strategy_staff:priority_edit", args=[strategy.slug, 3])
    assert (
        priority.number,
        priority.title,
        priority.short_title,
        priority.lep_role,
        priority.status,
        priority.board_sponsor,
        priority.lead_officer,
        priority.is_reconstructed,
    ) == (
        3,
        "The productive capacity and vitality of towns",
        "Towns",
        LepRole.CONVENING,
        PriorityStatus.DEVELOPING,
        sponsor,
        None,
        False,
    )


def test_a_member_edits_the_priority_their_body_steers(client):
    priority = PriorityFactory(number=3, title="Towns")
    member = steering_member(priority)
    client.force_login(member)
    url = reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, 3])

    page = client.get(url)
    response = client.post(url, priority_data(title="Towns and high streets"))

    assert "Edit priority 3: Towns" in text_of(page)
    assert "Delete priority 3" not in text_of(page)
    assert response["Location"] == url
    priority.refresh_from_db()
    assert priority.title == "Towns and high streets"
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb) == (member, "changed")
    assert event.detail == {"fields": ["lep_role", "short_title", "status", "summary", "title"]}


def test_a_duplicate_priority_number_is_refused_on_the_field(client, staff):
    strategy = StrategyFactory()
    PriorityFactory(strategy=strategy, number=3)
    response = client.post(
        reverse("strategy_staff:priority_create", args=[strategy.slug]), priority_data()
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "number": ["There is already a priority 3. Choose another number."]
    }
    assert '<a href="#id_number">There is already a priority 3.' in response.content.decode()
    assert Priority.objects.count() == 1


def test_priority_edit_lists_its_lines_of_enquiry_in_order(client, staff):
    priority = PriorityFactory(number=2)
    LineOfEnquiryFactory(priority=priority, order=2, question="Which skills are short?")
    LineOfEnquiryFactory(priority=priority, order=1, question="Who is not in work?")
    response = client.get(reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, 2]))
    page = text_of(response)
    assert page.index("Who is not in work?") < page.index("Which skills are short?")


def test_line_of_enquiry_create_edit_and_delete_by_a_member(client):
    priority = PriorityFactory(number=3)
    LineOfEnquiryFactory(priority=priority, order=1)
    member = steering_member(priority)
    client.force_login(member)
    slug = priority.strategy.slug
    create_url = reverse("strategy_staff:line_of_enquiry_create", args=[slug, 3])
    assert client.get(create_url).context["form"]["order"].value() == 2

    created = client.post(
        create_url,
        {"question": "What would revive town centres?", "order": "2", "status": EnquiryStatus.OPEN},
    )
    line = LineOfEnquiry.objects.get(order=2)
    edited = client.post(
        reverse("strategy_staff:line_of_enquiry_edit", args=[slug, 3, line.pk]),
        {
            "question": "What would revive town centres?",
            "order": "5",
            "status": EnquiryStatus.BEING_ANSWERED,
        },
    )
    line.refresh_from_db()
    assert (line.question, line.order, line.status) == (
        "What would revive town centres?",
        5,
        EnquiryStatus.BEING_ANSWERED,
    )
    deleted = client.post(reverse("strategy_staff:line_of_enquiry_delete", args=[slug, 3, line.pk]))

    priority_url = reverse("strategy_staff:priority_edit", args=[slug, 3])
    assert [created["Location"], edited["Location"], deleted["Location"]] == [
        f"{priority_url}#lines-of-enquiry"
    ] * 3
    assert list(priority.lines_of_enquiry.values_list("order", flat=True)) == [1]
    assert list(AuditEvent.objects.order_by("id").values_list("actor", "verb")) == [
        (member.pk, "created"),
        (member.pk, "changed"),
        (member.pk, "deleted"),
    ]


def test_a_line_of_enquiry_cannot_take_a_place_already_taken(client, staff):
    priority = PriorityFactory(number=3)
    LineOfEnquiryFactory(priority=priority, order=1)
    response = client.post(
        reverse("strategy_staff:line_of_enquiry_create", args=[priority.strategy.slug, 3]),
        {"question": "Another question", "order": "1", "status": EnquiryStatus.OPEN},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "order": ["Another line of enquiry is number 1. Choose another number."]
    }
    assert LineOfEnquiry.objects.count() == 1


def test_priority_delete_says_its_lines_of_enquiry_go_too(client, staff):
    priority = PriorityFactory(number=3)
    LineOfEnquiryFactory.create_batch(2, priority=priority)
    url = reverse("strategy_staff:priority_delete", args=[priority.strategy.slug, 3])
    assert client.get(url).context["also_deleted"] == ["2 lines of enquiry"]
    client.post(url)
    assert not Priority.objects.exists()
    assert not LineOfEnquiry.objects.exists()


def test_the_stage_dates_are_checked_together_with_the_other_fields(client, staff):
    strategy = StrategyFactory()
    response = client.post(
        reverse("strategy_staff:stage_create", args=[strategy.slug]),
        stage_data(name="", starts_on="2019-05-01", ends_on="2019-04-01"),
    )
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "ends_on": ["A stage cannot end before it starts."],
    }
    assert not Stage.objects.exists()
