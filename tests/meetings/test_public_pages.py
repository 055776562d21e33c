"""Public meeting pages: a meeting's page, its paper downloads, a strategy's meetings, and the
meetings and decisions on a body's page; and that nothing of a closed body's meetings leaks."""

import datetime

import pytest
from django.urls import reverse

from convenor.governance.choices import BodyKind
from convenor.meetings.choices import DecisionOutcome, DecisionVerb, MeetingFocus, MeetingStatus
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DeclarationFactory,
    InvitationFactory,
    MeetingFactory,
    PaperFactory,
)
from tests.meetings.scenes import SECRETS, at, scene_build
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def section(page: str, anchor: str, end: str | None = None) -> str:
    """The page from the heading with id=anchor up to the next h2 (or `end`)."""
    start = page.index(f'id="{anchor}"')
    stop = page.find(end or "<h2", start + 1)
    return page[start : stop if stop != -1 else None]


@pytest.fixture
def scene():
    return scene_build()


def meeting_url(scene, meeting) -> str:
    return reverse("meetings:meeting_detail", args=[scene.strategy.slug, meeting.pk])


def paper_url(scene, paper) -> str:
    return reverse(
        "meetings:paper_download", args=[scene.strategy.slug, paper.meeting_id, paper.pk]
    )


# --- A meeting's page ---------------------------------------------------------------------------


def test_meeting_page_shows_bodies_time_place_and_status(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))

    assert "<title>Enterprise M3 Board meeting \N{EN DASH} Convenor</title>" in page
    assert '<h1 class="govuk-heading-xl">Enterprise M3 Board meeting</h1>' in page
    assert '<a class="govuk-link" href="/s/em3-lis/bodies/board/">Enterprise M3 Board</a>' in page
    assert '<dd class="govuk-summary-list__value">Wednesday 22 May 2019</dd>' in page
    # Stored in UTC (09:00), shown in London's summer time.
    assert "10:00am to 1:00pm (UK time)" in page
    assert "Enterprise M3 offices, Basingstoke" in page
    assert '<strong class="govuk-tag govuk-tag--green">Minutes approved</strong>' in page


def test_meeting_times_are_shown_in_london_time_in_winter_and_summer(client, scene):
    winter = MeetingFactory(
        body=scene.board, starts_at=at(2019, 12, 4, 9, 30), ends_at=at(2019, 12, 4, 11)
    )
    summer = MeetingFactory(
        body=scene.board, starts_at=at(2019, 3, 31, 14), ends_at=at(2019, 3, 31, 15, 30)
    )

    assert "9:30am to 11:00am (UK time)" in text_of(client.get(meeting_url(scene, winter)))
    # 31 March 2019 is the day the clocks went forward: 14:00 BST is 13:00 UTC.
    assert summer.starts_at.astimezone(datetime.UTC).hour == 13
    assert "2:00pm to 3:30pm (UK time)" in text_of(client.get(meeting_url(scene, summer)))


def test_joint_session_lists_every_body(client, scene):
    other = BodyFactory(
        strategy=scene.strategy, slug="skills", name="Skills Action Group", is_public=True
    )
    joint = MeetingFactory(body=scene.board, title="Joint session on skills")
    joint.joint_bodies.set([other])

    page = text_of(client.get(meeting_url(scene, joint)))

    assert '<span class="govuk-caption-xl">Joint session</span>' in page
    assert '<dt class="govuk-summary-list__key">Joint session of</dt>' in page
    assert (
        '<li><a class="govuk-link" href="/s/em3-lis/bodies/board/">Enterprise M3 Board</a> '
        "(convening)</li>" in page
    )
    assert (
        '<li><a class="govuk-link" href="/s/em3-lis/bodies/skills/">Skills Action Group</a></li>'
        in page
    )


def test_agenda_shows_items_with_their_priorities_and_papers(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    agenda = section(page, "agenda")

    assert (
        "Item 8: A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement</h3>" in agenda
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/priorities/1/">1. Overall approach</a>, '
        '<a class="govuk-link" href="/s/em3-lis/priorities/8/">8. Smart mobility</a>' in agenda
    )
    assert (
        f'<a class="govuk-link" href="{paper_url(scene, scene.public_paper)}" download>'
        "Item 8 paper: engagement</a>" in agenda
    )


def test_public_see_no_trace_of_a_confidential_item_and_members_see_it(client, scene):
    public_page = text_of(client.get(meeting_url(scene, scene.board_meeting)))

    assert "Item 9: confidential item</h3>" in public_page
    assert "Kestrel" not in public_page

    client.force_login(scene.member)
    member_page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    assert "Item 9: Kestrel contract renewal" in member_page
    assert "Kestrel costings</a>" in member_page
    assert "<strong>APPROVE</strong> the Kestrel contract" in member_page


def test_papers_are_listed_once_published(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    papers = section(page, "papers")

    assert papers.count("<li>") == 1
    assert 'Item 8 paper: engagement</a> <span class="govuk-body-s">(item 8)</span>' in papers


def test_unpublished_papers_say_when_they_are_due(client, scene):
    meeting = MeetingFactory(
        body=scene.board, starts_at=at(2019, 5, 28, 10), ends_at=at(2019, 5, 28, 12)
    )
    PaperFactory(meeting=meeting, title="Draft not yet out")

    page = text_of(client.get(meeting_url(scene, meeting)))

    assert "Draft not yet out" not in page
    # Five clear working days before Tue 28 May 2019 (27 May is a bank holiday): 20-24 May.
    assert "The papers are not published yet. They are due by Sunday 19 May 2019" in page
    assert "The minutes are not published yet. They are due by Tuesday 11 June 2019" in page


def test_minutes_and_attendance_once_published(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    minutes = section(page, "minutes", end='id="decisions"')

    assert "Published 5 June 2019; approved 17 July 2019." in minutes
    assert '<p class="govuk-body">The Board noted the approach to engagement.</p>' in minutes
    present = minutes[minutes.index(">Present<") : minutes.index(">Apologies<")]
    assert "Mina Member" in present
    assert "Abel Apologies" in minutes[minutes.index(">Apologies<") :]


def test_decisions_are_shown_in_the_papers_form(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    decisions = section(page, "decisions")

    assert "Enterprise M3 Board is asked to:</p>" in decisions
    assert (
        "<strong>NOTE</strong> the proposed approach to steering further work on the local "
        'industrial strategy <span class="govuk-body-s">(item 8)</span></p>' in decisions
    )
    assert decisions.count("Outcome: Noted</p>") == 2
    assert decisions.index("the proposed approach") < decisions.index("the proposal to publish")


def test_an_amended_decision_shows_its_amendment(client, scene):
    meeting = MeetingFactory(body=scene.board)
    DecisionFactory(
        meeting=meeting,
        verb=DecisionVerb.AGREE,
        text="the timetable",
        outcome=DecisionOutcome.AMENDED,
        amendment="Publish in March, not January.",
    )

    page = text_of(client.get(meeting_url(scene, meeting)))

    assert "Outcome: Agreed with an amendment</p>" in page
    assert "Amendment: Publish in March, not January.</p>" in page


def test_declarations_of_interest_are_listed(client, scene):
    page = text_of(client.get(meeting_url(scene, scene.board_meeting)))
    declarations = section(page, "declarations")

    assert '<td class="govuk-table__cell">8</td>' in declarations
    assert '<td class="govuk-table__cell">Dora Declarer</td>' in declarations
    assert '<td class="govuk-table__cell">Trustee of a partner university</td>' in declarations
    assert '<td class="govuk-table__cell">Took no part in the discussion</td>' in declarations


def test_a_roundtable_shows_its_host_and_focus(client, scene):
    series = BodyFactory(
        strategy=scene.strategy,
        kind=BodyKind.ROUNDTABLE_SERIES,
        name="Business roundtables",
        is_public=True,
    )
    host = PersonFactory(name="Stacey King", job_title="Board member", organisation=None)
    meeting = MeetingFactory(body=series, host=host, focus=MeetingFocus.FORMATIVE)

    page = text_of(client.get(meeting_url(scene, meeting)))

    assert (
        '<dd class="govuk-summary-list__value"><span class="app-person">'
        '<span class="app-person__name">Stacey King</span>, Board member</span></dd>' in page
    )
    assert '<dd class="govuk-summary-list__value">Formative: developing the strategy</dd>' in page


def test_a_cancelled_meeting_says_why(client, scene):
    meeting = MeetingFactory(
        body=scene.board, status=MeetingStatus.CANCELLED, cancellation_reason="Not quorate"
    )

    page = text_of(client.get(meeting_url(scene, meeting)))

    assert '<strong class="govuk-tag govuk-tag--red">Cancelled</strong>' in page
    assert "Not quorate</p>" in page


def test_user_text_is_escaped(client, scene, naughty_strings):
    hostile = [s for s in naughty_strings if "<script" in s.lower()][:5]
    assert hostile
    meeting = MeetingFactory(body=scene.board, title=hostile[0][:200], minutes="\n".join(hostile))
    meeting.minutes_published_at = meeting.starts_at
    meeting.save()
    AgendaItemFactory(meeting=meeting, title=hostile[1][:300])

    page = text_of(client.get(meeting_url(scene, meeting)))

    for text in hostile:
        assert text not in page
    assert "&lt;script" in page


def test_an_unknown_meeting_or_one_of_another_strategy_is_404(client, scene):
    other = MeetingFactory()

    assert (
        client.get(reverse("meetings:meeting_detail", args=["em3-lis", 999999])).status_code == 404
    )
    assert (
        client.get(reverse("meetings:meeting_detail", args=["em3-lis", other.pk])).status_code
        == 404
    )


# --- Paper downloads ----------------------------------------------------------------------------


def test_a_published_paper_downloads_as_an_attachment(client, scene):
    response = client.get(paper_url(scene, scene.public_paper))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="paper')
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test paper"


def test_an_unpublished_paper_is_refused_to_the_public(client, scene):
    meeting = MeetingFactory(body=scene.board)
    paper = PaperFactory(meeting=meeting)

    response = client.get(paper_url(scene, paper))

    assert response.status_code == 403
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_a_confidential_paper_is_refused_to_outsiders(client, scene, who):
    if who == "stranger":
        client.force_login(scene.stranger)

    response = client.get(paper_url(scene, scene.confidential_paper))

    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_a_confidential_paper_downloads_for_a_member(client, scene):
    client.force_login(scene.member)

    response = client.get(paper_url(scene, scene.confidential_paper))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_paper_of_another_meeting_is_404(client, scene):
    url = reverse(
        "meetings:paper_download",
        args=[scene.strategy.slug, scene.board_meeting.pk, scene.closed_paper.pk],
    )
    assert client.get(url).status_code == 404


# --- A closed body's meetings -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_a_closed_bodys_meeting_page_and_papers_are_403_to_outsiders(client, scene, who):
    if who == "stranger":
        client.force_login(scene.stranger)

    for url in (
        meeting_url(scene, scene.closed_meeting),
        paper_url(scene, scene.closed_paper),
        meeting_url(scene, scene.joint_meeting),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        page = text_of(response)
        for secret in SECRETS:
            assert secret not in page


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_nothing_of_a_closed_bodys_meetings_appears_on_public_pages(client, scene, who):
    if who == "stranger":
        client.force_login(scene.stranger)
    urls = [
        reverse("strategy:home"),
        reverse("strategy:strategy_detail", args=["em3-lis"]),
        reverse("governance:body_list", args=["em3-lis"]),
        reverse("governance:body_detail", args=["em3-lis", "digital"]),
        reverse("governance:body_detail", args=["em3-lis", "board"]),
        reverse("meetings:meeting_list", args=["em3-lis"]),
        reverse("meetings:meeting_detail", args=["em3-lis", scene.board_meeting.pk]),
        reverse("strategy:priority_detail", args=["em3-lis", 9]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = text_of(response)
        for secret in SECRETS:
            assert secret not in page, f"{secret} on {url}"


def test_a_member_sees_the_closed_meeting_with_papers_and_minutes(client, scene):
    client.force_login(scene.member)

    page = text_of(client.get(meeting_url(scene, scene.closed_meeting)))

    assert '<h1 class="govuk-heading-xl">Zanzibar session on 5G</h1>' in page
    assert "Axolotl paper</a>" in page
    assert "Narwhal minutes: the group agreed the 5G pilot." in page
    assert "<strong>AGREE</strong> the Platypus pilot" in page
    assert client.get(paper_url(scene, scene.closed_paper)).status_code == 200


# --- A strategy's meetings ----------------------------------------------------------------------


def test_meetings_list_shows_public_meetings_upcoming_then_past(client, scene):
    next_year = datetime.date.today().year + 1
    soon = MeetingFactory(body=scene.board, title="Board, next year", starts_at=at(next_year, 3, 4))
    later = MeetingFactory(
        body=scene.board, title="Board, later next year", starts_at=at(next_year, 9, 4)
    )

    page = text_of(client.get(reverse("meetings:meeting_list", args=["em3-lis"])))

    assert (
        "<title>Meetings: Enterprise M3 Local Industrial Strategy \N{EN DASH} Convenor</title>"
        in page
    )
    upcoming = page[
        page.index(">Upcoming meetings</caption>") : page.index(">Past meetings</caption>")
    ]
    past = page[page.index(">Past meetings</caption>") :]
    assert upcoming.index(soon.title) < upcoming.index(later.title)
    assert f'<td class="govuk-table__cell">4 March {next_year}</td>' in upcoming
    assert (
        f'<a class="govuk-link" href="/s/em3-lis/meetings/{scene.board_meeting.pk}/">'
        "Enterprise M3 Board meeting</a>" in past
    )
    assert "Enterprise M3 Board meeting" not in upcoming


def test_meetings_list_of_an_unknown_strategy_is_404(client):
    assert client.get(reverse("meetings:meeting_list", args=["nowhere"])).status_code == 404


# --- The body page ------------------------------------------------------------------------------


def body_url(body) -> str:
    return reverse("governance:body_detail", args=[body.strategy.slug, body.slug])


def test_body_page_lists_its_meetings_with_the_priorities_covered(client, scene):
    page = text_of(client.get(body_url(scene.board)))
    meetings = section(page, "meetings")

    assert "Meetings of Enterprise M3 Board, latest first</caption>" in meetings
    assert (
        f'<a class="govuk-link" href="/s/em3-lis/meetings/{scene.board_meeting.pk}/">'
        "Enterprise M3 Board meeting</a>" in meetings
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/priorities/1/">1. Overall approach</a><br>'
        '<a class="govuk-link" href="/s/em3-lis/priorities/8/">8. Smart mobility</a></td>'
        in meetings
    )


def test_body_page_shows_the_decisions_of_a_public_body(client, scene):
    page = text_of(client.get(body_url(scene.board)))
    decisions = section(page, "decisions")

    assert "Enterprise M3 Board meeting</a>, 22 May 2019</h3>" in decisions
    assert "Enterprise M3 Board is asked to:</p>" in decisions
    assert "<strong>NOTE</strong> the proposal to publish a short early beta document" in decisions
    assert decisions.count("Outcome: Noted") == 2


def test_body_page_of_a_closed_body_shows_its_meetings_to_members_only(client, scene):
    outsider = text_of(client.get(body_url(scene.closed)))
    assert "does not meet in public" in outsider
    assert "No meetings to show." in outsider
    assert "No decisions to show." in outsider

    client.force_login(scene.member)
    member = text_of(client.get(body_url(scene.closed)))
    assert "Zanzibar session on 5G</a>" in member
    assert "Wombat joint session</a>" in member
    assert "<strong>AGREE</strong> the Platypus pilot" in member


def test_leaders_board_shows_which_meetings_covered_each_priority(client, scene):
    jlb = BodyFactory(
        strategy=scene.strategy,
        slug="jlb",
        name="Joint Leaders Board",
        kind=BodyKind.LEADERS_BOARD,
        is_public=True,
    )
    first = MeetingFactory(body=jlb, starts_at=at(2019, 3, 8), ends_at=at(2019, 3, 8, 12))
    second = MeetingFactory(body=jlb, starts_at=at(2019, 4, 12), ends_at=at(2019, 4, 12, 12))
    AgendaItemFactory(meeting=first, order=1).priorities.set([scene.priorities[0]])
    AgendaItemFactory(meeting=second, order=1).priorities.set(
        [scene.priorities[0], scene.priorities[1]]
    )

    page = text_of(client.get(body_url(jlb)))
    coverage = page[
        page.index("Priorities its meetings covered") : page.index(
            "Meetings of Joint Leaders Board"
        )
    ]

    rows = coverage.split('<tr class="govuk-table__row">')[2:]
    assert len(rows) == 3
    assert "1. Overall approach</a>" in rows[0]
    assert (
        f'<a class="govuk-link" href="/s/em3-lis/meetings/{first.pk}/">8 March 2019</a>, '
        f'<a class="govuk-link" href="/s/em3-lis/meetings/{second.pk}/">12 April 2019</a>'
        in rows[0]
    )
    assert "8. Smart mobility</a>" in rows[1] and "12 April 2019" in rows[1]
    assert "8 March 2019" not in rows[1]
    assert "9. Digital connectivity</a>" in rows[2] and "Not yet discussed" in rows[2]


def test_roundtable_series_counts_those_held_each_year_against_the_aim(client, scene):
    series = BodyFactory(
        strategy=scene.strategy,
        slug="roundtables",
        name="Business roundtables",
        kind=BodyKind.ROUNDTABLE_SERIES,
        is_public=True,
    )
    host = PersonFactory(name="Mike Short")
    for month, status, focus in [
        (3, MeetingStatus.HELD, MeetingFocus.FORMATIVE),
        (7, MeetingStatus.MINUTES_APPROVED, MeetingFocus.FORMATIVE),
        (11, MeetingStatus.CANCELLED, MeetingFocus.FORMATIVE),
    ]:
        MeetingFactory(
            body=series,
            starts_at=at(2019, month, 5),
            ends_at=at(2019, month, 5, 12),
            status=status,
            focus=focus,
            host=host,
            cancellation_reason="Host unwell" if status == MeetingStatus.CANCELLED else "",
        )
    MeetingFactory(
        body=series,
        starts_at=at(2020, 2, 5),
        ends_at=at(2020, 2, 5, 12),
        focus=MeetingFocus.DELIVERY,
        host=host,
    )

    page = text_of(client.get(body_url(series)))

    assert "<li>2019: 2 held, aim 3 to 4</li>" in page
    assert "<li>2020: 0 held, aim 3 to 4; 1 more planned</li>" in page
    table = page[page.index("Meetings of Business roundtables") :]
    assert table.count('<td class="govuk-table__cell">Mike Short</td>') == 4
    assert table.count('<td class="govuk-table__cell">Formative</td>') == 3
    assert table.count('<td class="govuk-table__cell">Delivery</td>') == 1


# --- Query counts -------------------------------------------------------------------------------


def grow(scene, times: int) -> None:
    """More meetings, items, papers, decisions, declarations, members and invitations."""
    for n in range(times):
        member = PersonFactory()
        MembershipFactory(body=scene.board, person=member)
        meeting = MeetingFactory(body=scene.board, starts_at=at(2019, 9, 1 + n % 28))
        meeting.joint_bodies.set([BodyFactory(strategy=scene.strategy, is_public=True)])
        item = AgendaItemFactory(meeting=meeting, order=1)
        item.priorities.set(scene.priorities)
        DecisionFactory(meeting=meeting, agenda_item=item)
        for order in range(2, 4):
            extra = AgendaItemFactory(meeting=scene.board_meeting, order=order + 10 * (n + 1))
            # Numbered clear of the scene's own priorities, whatever the factory's sequence is at.
            number = 100 + 10 * n + order
            extra.priorities.set([PriorityFactory(strategy=scene.strategy, number=number)])
            PaperFactory(meeting=scene.board_meeting, agenda_item=extra)
            DecisionFactory(meeting=scene.board_meeting, agenda_item=extra)
            DeclarationFactory(agenda_item=extra)
        InvitationFactory(meeting=scene.board_meeting, person=member, attendance="present")


@pytest.mark.parametrize("times", [1, 10])
def test_meeting_page_makes_as_many_queries_for_ten_times_the_data(
    client, scene, django_assert_num_queries, times
):
    grow(scene, times)
    url = meeting_url(scene, scene.board_meeting)
    client.get(url)
    # strategy, meeting (with body, host), joint bodies, agenda items, their priorities, their
    # declarations, papers, decisions, invitations, navigation strategy.
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("times", [1, 10])
def test_body_page_makes_as_many_queries_for_ten_times_the_data(
    client, scene, django_assert_num_queries, times
):
    grow(scene, times)
    url = body_url(scene.board)
    client.get(url)
    # The body page's own six, then its meetings: meetings, joint bodies, agenda items, their
    # priorities, decisions.
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("times", [1, 10])
def test_meeting_list_makes_as_many_queries_for_ten_times_the_data(
    client, scene, django_assert_num_queries, times
):
    grow(scene, times)
    url = reverse("meetings:meeting_list", args=["em3-lis"])
    client.get(url)
    # strategy, navigation strategy; upcoming meetings (with bodies) and their joint bodies;
    # the past meetings' count, their page, and its joint bodies.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_past_meetings_are_listed_25_to_a_page_latest_first(client):
    body = BodyFactory(slug="board", name="Enterprise M3 Board", is_public=True)
    first = datetime.datetime(2017, 1, 10, 10, 0, tzinfo=datetime.UTC)
    for week in range(30):
        MeetingFactory(
            body=body,
            title=f"Board meeting {week + 1:02d}",
            starts_at=first + datetime.timedelta(weeks=week),
        )
    url = reverse("meetings:meeting_list", args=[body.strategy.slug])

    page_1 = client.get(url).content.decode()
    page_2 = client.get(url, {"page": 2}).content.decode()

    assert [f"Board meeting {n:02d}" in page_1 for n in (30, 6, 5)] == [True, True, False]
    assert [f"Board meeting {n:02d}" in page_2 for n in (5, 1, 6)] == [True, True, False]
    assert 'aria-label="Pages of past meetings"' in page_1
