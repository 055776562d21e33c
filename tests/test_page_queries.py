"""Every page a person can open: it answers, shows its heading, and makes a fixed number of queries.

The demo and a generated scenario ten times its size are loaded once, side by side, for this
module. Each page is opened for an object of the demo and for the same object in the generated
strategy (its first copy of the demo); both must make exactly the number of queries QUERIES
gives, so that no page's query count grows with the data (house rule 2). Calendar files and
paper downloads count as pages: a calendar "shows" its name (or its one meeting's title), a
download its file name.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.db.models import Count, F
from django.http import FileResponse, HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from icalendar import Calendar

from convenor.accounts.models import User
from convenor.core import clock
from convenor.engagement.activity_services import material_add
from convenor.engagement.choices import ActivityAttendance
from convenor.engagement.invitation_selectors import invitation_token
from convenor.engagement.joining_selectors import join_token, unsubscribe_token
from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    ActivityMaterial,
    Comment,
    Contribution,
    Discussion,
    Document,
    FollowUp,
    Paragraph,
    Participant,
    Post,
    Segment,
    Statement,
)
from convenor.evidence.models import EvidenceItem, Indicator, ProjectBrief
from convenor.evidence.services import evidence_item_update
from convenor.governance.models import Body, Membership
from convenor.insights import services as insights_services
from convenor.insights.models import Theme, YouSaid
from convenor.interventions import services as intervention_services
from convenor.interventions.choices import DeliveryStatus, InterventionStage
from convenor.interventions.models import DeliveryMilestone, Intervention, StageChange, Support
from convenor.meetings.calendar import person_calendar_token
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from convenor.meetings.services import paper_upload
from convenor.publishing import services as publishing_services
from convenor.publishing.models import Publication, PublicationVersion, Section
from convenor.scenarios.demo import demo_logins_create
from convenor.scenarios.generate import DEMO_SCENARIO, scenario_generate
from convenor.scenarios.loader import scenario_load, scenario_load_data
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy
from tests.publishing.worlds import fake_build

pytestmark = pytest.mark.django_db

DEMO_SLUG, LARGE_SLUG = "enterprise-m3-lis", "generated-x10"
# The demo's login for a member of an action group, who may edit the priorities it steers.
MEMBER_KEY = "ben-carter"
LONDON = ZoneInfo("Europe/London")
DEMO_MOMENT = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
# The meetings pages are opened for the Board meeting of 22 May 2019 (a public body's, with
# every kind of row: agenda, decisions, declarations, invitations, actions), the paper's own
# item 8 (which gets the paper's file) and item 5 (with a declaration of interest).
BOARD_SLUG = "board"
BOARD_MEETING_STARTS = datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON)
PAPER_ITEM, DECLARATION_ITEM = 8, 5
# The member's next meeting in the demo, which is long past: the fixture moves it (and its
# copies) a year ahead of today, so that the members' page has a meeting to come.
MEMBER_MEETING_BODY_SLUG = "transport-action-group"
MEMBER_MEETING_STARTS = datetime.datetime(2019, 6, 19, 10, 0, tzinfo=LONDON)
PAPER_BYTES = b"%PDF-1.4 A Local Industrial Strategy for the EM3 Area: Engagement"
# The engagement pages are opened for the demo's stakeholder workshop on exporting (held and
# written up, with invitations, attendance, contributions and follow-ups), which gets a material
# file here, and for the demo's first saved segment.
ACTIVITY_KEY = "exporting-workshop-2019-04"
# The sounding board's pages are opened for the draft early beta statement (its third paragraph
# and its first published comment), the first statement, and Chloe Marsden, a member.
DOCUMENT_KEY = "early-beta-statement-draft"
STATEMENT_KEY = "digital-rural-coverage"
PARTICIPANT_KEY = "chloe-marsden"
# The towns research (an evidence item, given a file here) and its comment window, the towns
# discussion (its first thread) and the sounding board workshop taking bookings.
RESEARCH_KEY = "towns-research-emerging-findings"
DISCUSSION_KEY = "what-would-help-our-towns-thrive"
WORKSHOP_KEY = "sounding-board-workshop-narrative-2019-06"
RESEARCH_BYTES = b"%PDF-1.4 The productive capacity and vitality of towns"
SEGMENT_NAME = "Universities and colleges"
# The evidence base's pages are opened for the innovation evidence brief (delivered, with its
# items), GVA per hour worked, and the space cluster programme, which the fixture moves on to
# agreed with Government, with a delivery milestone and a progress update.
BRIEF_KEY = "innovation-evidence"
INDICATOR_KEY = "gva-per-hour-worked"
INTERVENTION_KEY = "space-cluster-programme"
MATERIAL_BYTES = b"%PDF-1.4 Exporting from the EM3 area: what the data shows"


@dataclass(frozen=True)
class Objects:
    """The objects of one strategy that its pages are opened for, and the register searches."""

    strategy: Strategy
    stage: Stage
    milestone: Milestone
    priority: Priority
    line_of_enquiry: LineOfEnquiry
    body: Body
    membership: Membership
    area: Area
    organisation: Organisation
    person: Person
    member: User
    member_priority: Priority
    # The meetings pages: one meeting and one row of each kind hanging off it.
    meeting: Meeting
    agenda_item: AgendaItem
    declaration: Declaration
    paper: Paper
    invitation: Invitation
    decision: Decision
    action: Action
    # What the member owns and sees: an action of theirs, and their own calendar feed's token.
    member_action: Action
    member_calendar_token: str
    # The engagement pages: one activity and one row of each kind hanging off it, a segment.
    activity: Activity
    material: ActivityMaterial
    follow_up: FollowUp
    contribution: Contribution
    activity_invitation: ActivityInvitation
    rsvp_token: str
    segment: Segment
    # The sounding board: a member who signs in, the early beta draft and a statement.
    participant: User
    participant_row: Participant
    join_token: str
    unsubscribe_token: str
    document: Document
    paragraph: Paragraph
    document_comment: Comment
    statement: Statement
    evidence_item: EvidenceItem
    research_document: Document
    discussion: Discussion
    post: Post
    workshop: Activity
    # The evidence base and interventions.
    brief: ProjectBrief
    indicator: Indicator
    intervention: Intervention
    support: Support
    delivery_milestone: DeliveryMilestone
    member_intervention: Intervention  # one on a priority the member's group steers
    # Publishing: the early beta statement, published (a faked build) and its next version
    # awaiting the member's sign-off on behalf of a body they sit on.
    publication: Publication
    published_version: PublicationVersion
    review_version: PublicationVersion
    section: Section
    # Insight: the first theme of the strategy's themes and a "you said, we did" link to it.
    theme: Theme
    you_said: YouSaid
    # The stakeholder register is shared by both strategies, so its lists are opened with a
    # search for one of the demo's rows (finding a handful), and with one finding every
    # generated row (ten copies of the demo's, over many pages).
    area_search: str
    organisation_search: str
    person_search: str


@dataclass(frozen=True)
class Scenarios:
    """The demo and the generated strategy, loaded side by side, and who opens their pages."""

    demo: Objects
    large: Objects
    staff: User
    media_root: Path  # where the papers' files were saved


def _objects(
    *,
    strategy: Strategy,
    body: Body,
    person: Person,
    organisation: Organisation,
    area: Area,
    member: User,
    meeting: Meeting,
    paper: Paper,
    material: ActivityMaterial,
    segment: Segment,
    participant: User,
    key_prefix: str,
    searches: tuple[str, str, str],
) -> Objects:
    priority = strategy.priorities.get(number=1)
    stage = strategy.stages.order_by("order").first()
    milestone = strategy.milestones.order_by("date", "title").first()
    line_of_enquiry = priority.lines_of_enquiry.order_by("order").first()
    membership = (
        Membership.objects.filter(body=body, ends_on__isnull=True)
        .select_related("person")
        .order_by("person__key", "role")
        .first()
    )
    member_priority = (
        Priority.objects.filter(strategy=strategy, steering__body__memberships__person__user=member)
        .order_by("number")
        .first()
    )
    assert stage and milestone and line_of_enquiry and membership and member_priority
    declaration = Declaration.objects.filter(
        agenda_item__meeting=meeting, agenda_item__order=DECLARATION_ITEM
    ).first()
    invitation = meeting.invitations.order_by("person__key").first()
    decision = meeting.decisions.order_by("agenda_item__order", "order", "pk").first()
    action = meeting.actions.order_by("due_on", "pk").first()
    member_action = Action.objects.filter(owner__user=member).order_by("due_on", "pk").first()
    member_person = Person.objects.get(user=member)
    assert declaration and invitation and decision and action and member_action
    activity = material.activity
    follow_up = activity.follow_ups.order_by("pk").first()
    contribution = activity.contributions.order_by("pk").first()
    # One who did not come: an invitation of someone who attended cannot be removed.
    activity_invitation = (
        activity.invitations.exclude(attendance=ActivityAttendance.ATTENDED)
        .order_by("person__key")
        .first()
    )
    assert follow_up and contribution and activity_invitation
    document = Document.objects.get(strategy=strategy, key=f"{key_prefix}{DOCUMENT_KEY}")
    paragraph = document.paragraphs.get(order=3)
    document_comment = (
        Comment.objects.filter(
            version__paragraph__document=document, parent=None, status="published"
        )
        .order_by("pk")
        .first()
    )
    statement = Statement.objects.get(strategy=strategy, key=f"{key_prefix}{STATEMENT_KEY}")
    participant_row = Participant.objects.get(
        sounding_board__strategy=strategy, person__user=participant
    )
    assert document_comment
    discussion = Discussion.objects.get(strategy=strategy, key=f"{key_prefix}{DISCUSSION_KEY}")
    post = discussion.posts.filter(parent=None, status="published").order_by("pk").first()
    assert post
    intervention = Intervention.objects.get(
        priority__strategy=strategy, key=f"{key_prefix}{INTERVENTION_KEY}"
    )
    support = intervention.supports.order_by("pk").first()
    delivery_milestone = intervention.milestones.order_by("pk").first()
    assert support and delivery_milestone
    publication = Publication.objects.get(strategy=strategy, kind="early-beta")
    published_version = publication.versions.get(status="published")
    review_version = publication.versions.get(status="in_review")
    return Objects(
        strategy=strategy,
        stage=stage,
        milestone=milestone,
        priority=priority,
        line_of_enquiry=line_of_enquiry,
        body=body,
        membership=membership,
        area=area,
        organisation=organisation,
        person=person,
        member=member,
        member_priority=member_priority,
        meeting=meeting,
        agenda_item=meeting.agenda_items.get(order=PAPER_ITEM),
        declaration=declaration,
        paper=paper,
        invitation=invitation,
        decision=decision,
        action=action,
        member_action=member_action,
        member_calendar_token=person_calendar_token(member_person),
        activity=activity,
        material=material,
        follow_up=follow_up,
        contribution=contribution,
        activity_invitation=activity_invitation,
        rsvp_token=invitation_token(activity_invitation),
        segment=segment,
        participant=participant,
        participant_row=participant_row,
        join_token=join_token(participant_row.person),
        unsubscribe_token=unsubscribe_token(participant_row),
        document=document,
        paragraph=paragraph,
        document_comment=document_comment,
        statement=statement,
        evidence_item=EvidenceItem.objects.get(
            strategy=strategy, key=f"{key_prefix}{RESEARCH_KEY}"
        ),
        research_document=Document.objects.get(
            strategy=strategy, key=f"{key_prefix}{RESEARCH_KEY}"
        ),
        discussion=discussion,
        post=post,
        workshop=Activity.objects.get(strategy=strategy, key=f"{key_prefix}{WORKSHOP_KEY}"),
        brief=ProjectBrief.objects.get(priority__strategy=strategy, key=f"{key_prefix}{BRIEF_KEY}"),
        indicator=Indicator.objects.get(strategy=strategy, key=f"{key_prefix}{INDICATOR_KEY}"),
        intervention=intervention,
        support=support,
        delivery_milestone=delivery_milestone,
        member_intervention=Intervention.objects.filter(priority=member_priority)
        .order_by("title", "pk")
        .first(),
        publication=publication,
        published_version=published_version,
        review_version=review_version,
        section=review_version.sections.order_by("position").first(),
        theme=Theme.objects.filter(run__strategy=strategy, run__scope="strategy")
        .order_by("-run__finished_at", "number")
        .first(),
        you_said=YouSaid.objects.filter(strategy=strategy).order_by("pk").first(),
        area_search=searches[0],
        organisation_search=searches[1],
        person_search=searches[2],
    )


def _board_meeting(strategy: Strategy, board_slug: str) -> Meeting:
    return Meeting.objects.get(
        strategy=strategy, body__slug=board_slug, starts_at=BOARD_MEETING_STARTS
    )


def _paper_add(*, meeting: Meeting, staff: User, name: str) -> Paper:
    """The paper of item 8 as a file (the scenario format has none: staff upload them)."""
    item = meeting.agenda_items.get(order=PAPER_ITEM)
    return paper_upload(
        actor=staff,
        meeting=meeting,
        agenda_item=item,
        title=item.title,
        file=SimpleUploadedFile(name, PAPER_BYTES, content_type="application/pdf"),
    )


def _material_add(*, strategy: Strategy, key: str, staff: User, name: str) -> ActivityMaterial:
    """A briefing file for the exporting workshop (the scenario format has no materials)."""
    return material_add(
        actor=staff,
        activity=Activity.objects.get(strategy=strategy, key=key),
        title="Exporting from the EM3 area: what the data shows",
        file=SimpleUploadedFile(name, MATERIAL_BYTES, content_type="application/pdf"),
    )


def _research_file_add(*, strategy: Strategy, key: str, staff: User, name: str) -> None:
    """The towns research as a file (the scenario format has none: staff upload them)."""
    evidence_item_update(
        actor=staff,
        item=EvidenceItem.objects.get(strategy=strategy, key=key),
        file=SimpleUploadedFile(name, RESEARCH_BYTES, content_type="application/pdf"),
        url="",  # a file or a link, not both
    )


def _delivery_start(*, strategy: Strategy, key: str, staff: User) -> None:
    """Agree the intervention with Government and start its delivery record (none in 2019)."""
    intervention = Intervention.objects.get(priority__strategy=strategy, key=key)
    intervention_services.intervention_stage_change(
        actor=staff,
        intervention=intervention,
        to_stage=InterventionStage.AGREED,
        reason="Agreed in the Local Industrial Strategy.",
    )
    intervention_services.milestone_add(
        actor=staff,
        intervention=intervention,
        title="Business case to the Board",
        due_on=datetime.date(2020, 3, 31),
    )
    intervention_services.progress_update_add(
        actor=staff,
        intervention=intervention,
        status=DeliveryStatus.ON_TRACK,
        text="The business case is being written.",
        reported_on=datetime.date(2020, 1, 15),
    )


def _publication_ready(*, strategy: Strategy, staff: User, signer: User) -> None:
    """The early beta statement published (its build faked: no PDF is rendered here) and its
    next version built and awaiting `signer`'s sign-off on behalf of a body they sit on."""
    publication = Publication.objects.filter(strategy=strategy, kind="early-beta").first()
    if publication is None:  # the generated scenario has no publications
        publication = publishing_services.publication_create(
            actor=staff,
            strategy=strategy,
            kind="early-beta",
            title="Early beta statement",
            slug="early-beta",
            as_of=datetime.date(2019, 6, 21),
        )
    body = Body.objects.filter(strategy=strategy, memberships__person__user=signer).first()
    assert body is not None
    for version, publish in (
        (publication.versions.order_by("-number").first(), True),
        (None, False),
    ):
        version = version or publishing_services.version_new(actor=staff, publication=publication)
        fake_build(version)
        publishing_services.version_review_request(
            actor=staff, version=version, signer=signer, signer_body=body
        )
        if publish:
            publishing_services.version_sign_off(actor=signer, version=version)
            publishing_services.version_publish(actor=staff, version=version)


def _you_said_link(*, strategy: Strategy, staff: User) -> None:
    """Link the strategy's first theme to the first change to one of its interventions."""
    theme = (
        Theme.objects.filter(run__strategy=strategy, run__scope="strategy")
        .order_by("-run__finished_at", "number")
        .first()
    )
    change = (
        StageChange.objects.filter(intervention__priority__strategy=strategy)
        .order_by("at", "pk")
        .first()
    )
    insights_services.you_said_link(
        strategy=strategy, actor=staff, theme=theme, stage_change=change
    )


def _member_meetings_move_ahead() -> None:
    """Move the member's next meeting, in the demo and every copy, to a year from today."""
    weeks = (clock.today() - MEMBER_MEETING_STARTS.date()).days // 7 + 53
    ahead = datetime.timedelta(weeks=weeks)  # whole weeks: it stays on a Wednesday
    moved = Meeting.objects.filter(
        body__slug__endswith=MEMBER_MEETING_BODY_SLUG, starts_at=MEMBER_MEETING_STARTS
    ).update(starts_at=F("starts_at") + ahead, ends_at=F("ends_at") + ahead)
    assert moved == 11  # the demo's, and its ten copies


def _scenarios_load(media_root: Path) -> Scenarios:
    scenario_load(path=DEMO_SCENARIO, build_publications=False)
    logins = demo_logins_create(path=DEMO_SCENARIO)
    scenario_load_data(
        data=scenario_generate(scale=10), source="generated x10", build_publications=False
    )
    staff = User.objects.get(email=next(login.email for login in logins if "staff" in login.role))
    demo = Strategy.objects.get(slug=DEMO_SLUG)
    large = Strategy.objects.get(slug=LARGE_SLUG)

    # The busiest rows of the demo: the Board (the body with meetings, decisions and members:
    # the sounding board has more members, but no meetings to show), the person with the most
    # memberships, the organisation with the most people, the area with the most organisations.
    body = Body.objects.get(strategy=demo, slug=BOARD_SLUG)
    person = (
        Person.objects.filter(memberships__body__strategy=demo)
        .annotate(rows=Count("memberships"))
        .order_by("-rows", "key")
        .first()
    )
    organisation = (
        Organisation.objects.exclude(key__regex=r"^g[0-9]+-")
        .annotate(rows=Count("people"))
        .order_by("-rows", "key")
        .first()
    )
    area = (
        Area.objects.filter(strategies=demo)
        .annotate(rows=Count("organisations"))
        .order_by("-rows", "key")
        .first()
    )
    assert body and person and organisation and area
    demo_member = Person.objects.get(key=MEMBER_KEY).user
    assert demo_member is not None
    # The generated scenario has no logins: its first copy of the member gets an account.
    large_member = User.objects.create_user(email="g1.member@example.org")
    Person.objects.filter(key=f"g1-{MEMBER_KEY}").update(user=large_member)
    _member_meetings_move_ahead()
    demo_participant = Person.objects.get(key=PARTICIPANT_KEY).user
    assert demo_participant is not None
    large_participant = User.objects.create_user(email="g1.participant@example.org")
    Person.objects.filter(key=f"g1-{PARTICIPANT_KEY}").update(user=large_participant)
    _delivery_start(strategy=demo, key=INTERVENTION_KEY, staff=staff)
    _delivery_start(strategy=large, key=f"g1-{INTERVENTION_KEY}", staff=staff)
    demo_meeting = _board_meeting(demo, BOARD_SLUG)
    large_meeting = _board_meeting(large, f"g1-{BOARD_SLUG}")
    with override_settings(MEDIA_ROOT=media_root):
        demo_paper = _paper_add(meeting=demo_meeting, staff=staff, name="demo-engagement.pdf")
        large_paper = _paper_add(meeting=large_meeting, staff=staff, name="large-engagement.pdf")
        demo_material = _material_add(
            strategy=demo, key=ACTIVITY_KEY, staff=staff, name="demo-exporting.pdf"
        )
        large_material = _material_add(
            strategy=large, key=f"g1-{ACTIVITY_KEY}", staff=staff, name="large-exporting.pdf"
        )
        _research_file_add(strategy=demo, key=RESEARCH_KEY, staff=staff, name="demo-towns.pdf")
        _research_file_add(
            strategy=large, key=f"g1-{RESEARCH_KEY}", staff=staff, name="large-towns.pdf"
        )
        _publication_ready(strategy=demo, staff=staff, signer=demo_member)
        _publication_ready(strategy=large, staff=staff, signer=large_member)
    _you_said_link(strategy=demo, staff=staff)
    _you_said_link(strategy=large, staff=staff)

    return Scenarios(
        demo=_objects(
            strategy=demo,
            body=body,
            person=person,
            organisation=organisation,
            area=area,
            member=demo_member,
            meeting=demo_meeting,
            paper=demo_paper,
            material=demo_material,
            segment=Segment.objects.get(name=SEGMENT_NAME),
            participant=demo_participant,
            key_prefix="",
            searches=(area.gss_code, organisation.name, person.email),
        ),
        # The same rows in the generated strategy's first copy of the demo.
        large=_objects(
            strategy=large,
            body=Body.objects.get(strategy=large, slug=f"g1-{body.slug}"),
            person=Person.objects.get(key=f"g1-{person.key}"),
            organisation=Organisation.objects.get(key=f"g1-{organisation.key}"),
            area=Area.objects.get(key=f"gen-{area.key}"),
            member=large_member,
            meeting=large_meeting,
            paper=large_paper,
            material=large_material,
            segment=Segment.objects.get(name=f"{SEGMENT_NAME} (x10 copy 1)"),
            participant=large_participant,
            key_prefix="g1-",
            searches=("Generated", "(copy", "(copy"),
        ),
        staff=staff,
        media_root=media_root,
    )


@pytest.fixture(scope="module")
def scenarios(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Scenarios]:
    """Load the demo and ten times the demo once, in a transaction rolled back at the end.

    Each test runs in a savepoint inside that transaction, so whatever a test changes is undone
    after it, and nothing loaded here is left behind for the other test modules.
    """
    loading = transaction.atomic()
    with django_db_blocker.unblock():
        loading.__enter__()
        try:
            loaded = _scenarios_load(tmp_path_factory.mktemp("media"))
        except BaseException:
            transaction.set_rollback(True)
            loading.__exit__(None, None, None)
            raise
    yield loaded
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)


# --- The pages ----------------------------------------------------------------------------------

Url = Callable[[Objects], str]


@dataclass(frozen=True)
class Page:
    """A page to open: its name (the URL's, with who opens it), its address, its heading.

    A calendar's heading is its name, or the title of the one meeting in it; a download's is
    its file name.
    """

    name: str
    url: Url
    heading: Callable[[Objects], str]
    # "anonymous", "staff", "member" (of a body steering the priority) or "participant" (a member
    # of the sounding board)
    user: str = "staff"
    kind: Literal["page", "calendar", "file"] = "page"
    # Opened at the demo's moment (22 May 2019, 17:00), when its reaction windows are open.
    at_demo_moment: bool = False


def _deleting(obj: Any) -> str:
    return f"Delete {obj._meta.verbose_name} “{obj}”?"


def _strategy_args(o: Objects) -> list[Any]:
    return [o.strategy.slug]


def _priority_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.priority.number]


def _body_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.body.slug]


def _membership_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.body.slug, o.membership.pk]


def _meeting_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.meeting.pk]


def _item_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.agenda_item.pk]


def _declaration_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.declaration.agenda_item_id, o.declaration.pk]


def _paper_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.paper.pk]


def _invitation_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.invitation.pk]


def _decision_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.decision.pk]


def _action_args(o: Objects) -> list[Any]:
    return [*_meeting_args(o), o.action.pk]


def _activity_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.activity.pk]


def _activity_page(
    name: str, heading: Callable[[Objects], str], *more: Callable[[Objects], Any]
) -> Page:
    """A staff page about the activity or a row of it (the row's key after the activity's)."""
    return Page(
        name, _url(name, lambda o: [*_activity_args(o), *(arg(o) for arg in more)]), heading
    )


def _intervention_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.intervention.pk]


def _publication_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.publication.slug]


def _review_version_args(o: Objects) -> list[Any]:
    return [*_publication_args(o), o.review_version.number]


def _published_version_args(o: Objects) -> list[Any]:
    return [*_publication_args(o), o.published_version.number]


def _section_args(o: Objects) -> list[Any]:
    return [*_review_version_args(o), o.section.pk]


def _contribution_named(o: Objects) -> str:
    return f"the {o.contribution.get_kind_display().lower()} by {o.contribution.author_label}"


def _document_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.document.pk]


def _paper_filename(o: Objects) -> str:
    return os.path.basename(o.paper.file.name)


def _meeting_page(
    name: str,
    heading: Callable[[Meeting], str],
    args: Callable[[Objects], list[Any]] = _meeting_args,
) -> Page:
    """A staff page about the meeting (or a row of it), headed by something of the meeting."""
    return Page(name, _url(name, args), lambda o: heading(o.meeting))


def _url(
    name: str, args: Callable[[Objects], list[Any]] | None = None, query: Url | None = None
) -> Url:
    def build(o: Objects) -> str:
        address = reverse(name, args=args(o) if args else None)
        return f"{address}?{query(o)}" if query else address

    return build


def _search(text: str) -> str:
    return urlencode({"q": text})


def _import_pending(o: Objects) -> str:
    """A file of people kept for the staff member to preview: a new person and a duplicate."""
    from convenor.stakeholders.importing import pending_import_save

    content = (
        "Name,Email,Job title\n"
        f"New Person,new-person@example.org,Analyst\n{o.person.name},{o.person.email},Chair\n"
    )
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    return pending_import_save(
        owner=staff, kind="people", filename="people.csv", content=content.encode()
    )


PAGES = [
    # Public pages. The home page shows the newest public strategy: the generated one.
    Page(
        "strategy:home",
        _url("strategy:home"),
        lambda o: "Generated strategy (10 times the demo)",
        "anonymous",
    ),
    Page(
        "strategy:strategy_detail",
        _url("strategy:strategy_detail", _strategy_args),
        lambda o: o.strategy.name,
        "anonymous",
    ),
    Page(
        "strategy:priority_detail",
        _url("strategy:priority_detail", _priority_args),
        lambda o: o.priority.title,
        "anonymous",
    ),
    Page(
        "governance:body_list",
        _url("governance:body_list", _strategy_args),
        lambda o: "Groups and boards",
        "anonymous",
    ),
    Page(
        "governance:body_detail",
        _url("governance:body_detail", _body_args),
        lambda o: o.body.name,
        "anonymous",
    ),
    Page("account_login", _url("account_login"), lambda o: "Sign in", "anonymous"),
    # The staff area: strategies, their timetables and priorities.
    Page(
        "strategy_staff:home",
        _url("strategy_staff:home", query=lambda o: _search(o.strategy.name)),
        lambda o: "Staff area",
    ),
    Page(
        "strategy_staff:strategy_create",
        _url("strategy_staff:strategy_create"),
        lambda o: "Add a strategy",
    ),
    Page(
        "strategy_staff:strategy_edit",
        _url("strategy_staff:strategy_edit", _strategy_args),
        lambda o: o.strategy.name,
    ),
    Page(
        "strategy_staff:strategy_delete",
        _url("strategy_staff:strategy_delete", _strategy_args),
        lambda o: _deleting(o.strategy),
    ),
    Page(
        "strategy_staff:stage_create",
        _url("strategy_staff:stage_create", _strategy_args),
        lambda o: "Add a stage",
    ),
    Page(
        "strategy_staff:stage_edit",
        _url("strategy_staff:stage_edit", lambda o: [*_strategy_args(o), o.stage.pk]),
        lambda o: f"Edit stage: {o.stage.name}",
    ),
    Page(
        "strategy_staff:stage_delete",
        _url("strategy_staff:stage_delete", lambda o: [*_strategy_args(o), o.stage.pk]),
        lambda o: _deleting(o.stage),
    ),
    Page(
        "strategy_staff:milestone_create",
        _url("strategy_staff:milestone_create", _strategy_args),
        lambda o: "Add a milestone",
    ),
    Page(
        "strategy_staff:milestone_edit",
        _url("strategy_staff:milestone_edit", lambda o: [*_strategy_args(o), o.milestone.pk]),
        lambda o: f"Edit milestone: {o.milestone.title}",
    ),
    Page(
        "strategy_staff:milestone_delete",
        _url("strategy_staff:milestone_delete", lambda o: [*_strategy_args(o), o.milestone.pk]),
        lambda o: _deleting(o.milestone),
    ),
    Page(
        "strategy_staff:priority_create",
        _url("strategy_staff:priority_create", _strategy_args),
        lambda o: "Add a priority",
    ),
    Page(
        "strategy_staff:priority_edit",
        _url("strategy_staff:priority_edit", _priority_args),
        lambda o: f"Priority {o.priority.number}: {o.priority.title}",
    ),
    Page(
        "strategy_staff:priority_edit (member)",
        _url("strategy_staff:priority_edit", lambda o: [o.strategy.slug, o.member_priority.number]),
        lambda o: f"Priority {o.member_priority.number}: {o.member_priority.title}",
        "member",
    ),
    Page(
        "strategy_staff:priority_delete",
        _url("strategy_staff:priority_delete", _priority_args),
        lambda o: _deleting(o.priority),
    ),
    Page(
        "strategy_staff:line_of_enquiry_create",
        _url("strategy_staff:line_of_enquiry_create", _priority_args),
        lambda o: "Add a line of enquiry",
    ),
    Page(
        "strategy_staff:line_of_enquiry_edit",
        _url(
            "strategy_staff:line_of_enquiry_edit",
            lambda o: [*_priority_args(o), o.line_of_enquiry.pk],
        ),
        lambda o: "Edit line of enquiry",
    ),
    Page(
        "strategy_staff:line_of_enquiry_delete",
        _url(
            "strategy_staff:line_of_enquiry_delete",
            lambda o: [*_priority_args(o), o.line_of_enquiry.pk],
        ),
        lambda o: "Delete this line of enquiry?",
    ),
    # Bodies and memberships.
    Page(
        "governance_staff:body_list",
        _url("governance_staff:body_list", _strategy_args),
        lambda o: "Bodies",
    ),
    Page(
        "governance_staff:body_create",
        _url("governance_staff:body_create", _strategy_args),
        lambda o: "Add a body",
    ),
    Page(
        "governance_staff:body_edit",
        _url("governance_staff:body_edit", _body_args),
        lambda o: o.body.name,
    ),
    Page(
        "governance_staff:body_priorities",
        _url("governance_staff:body_priorities", _body_args),
        lambda o: "Priorities it steers",
    ),
    Page(
        "governance_staff:body_delete",
        _url("governance_staff:body_delete", _body_args),
        lambda o: _deleting(o.body),
    ),
    Page(
        "governance_staff:membership_create",
        _url("governance_staff:membership_create", _body_args),
        lambda o: f"Add a member to {o.body.name}",
    ),
    Page(
        "governance_staff:membership_edit",
        _url("governance_staff:membership_edit", _membership_args),
        lambda o: f"Edit membership: {o.membership.person}",
    ),
    Page(
        "governance_staff:membership_end",
        _url("governance_staff:membership_end", _membership_args),
        lambda o: f"End the membership of {o.membership.person}",
    ),
    Page(
        "governance_staff:membership_delete",
        _url("governance_staff:membership_delete", _membership_args),
        lambda o: f"Delete the membership of {o.membership.person}?",
    ),
    # The stakeholder register.
    Page(
        "stakeholders_staff:area_list",
        _url("stakeholders_staff:area_list", query=lambda o: _search(o.area_search)),
        lambda o: "Areas",
    ),
    Page(
        "stakeholders_staff:area_create",
        _url("stakeholders_staff:area_create"),
        lambda o: "Add an area",
    ),
    Page(
        "stakeholders_staff:area_edit",
        _url("stakeholders_staff:area_edit", lambda o: [o.area.pk]),
        lambda o: f"Edit {o.area.name}",
    ),
    Page(
        "stakeholders_staff:area_delete",
        _url("stakeholders_staff:area_delete", lambda o: [o.area.pk]),
        lambda o: _deleting(o.area),
    ),
    Page(
        "stakeholders_staff:organisation_list",
        _url(
            "stakeholders_staff:organisation_list", query=lambda o: _search(o.organisation_search)
        ),
        lambda o: "Organisations",
    ),
    Page(
        "stakeholders_staff:organisation_create",
        _url("stakeholders_staff:organisation_create"),
        lambda o: "Add an organisation",
    ),
    Page(
        "stakeholders_staff:organisation_edit",
        _url("stakeholders_staff:organisation_edit", lambda o: [o.organisation.pk]),
        lambda o: o.organisation.name,
    ),
    Page(
        "stakeholders_staff:organisation_delete",
        _url("stakeholders_staff:organisation_delete", lambda o: [o.organisation.pk]),
        lambda o: _deleting(o.organisation),
    ),
    Page(
        "stakeholders_staff:person_list",
        _url("stakeholders_staff:person_list", query=lambda o: _search(o.person_search)),
        lambda o: "People",
    ),
    Page(
        "stakeholders_staff:person_create",
        _url("stakeholders_staff:person_create"),
        lambda o: "Add a person",
    ),
    Page(
        "stakeholders_staff:person_edit",
        _url("stakeholders_staff:person_edit", lambda o: [o.person.pk]),
        lambda o: f"Edit {o.person.name}",
    ),
    Page(
        "stakeholders_staff:person_delete",
        _url("stakeholders_staff:person_delete", lambda o: [o.person.pk]),
        lambda o: _deleting(o.person),
    ),
    # Imports: the upload forms, and the preview of a file of people (one of them already in
    # the register), which the staff member uploaded just before opening it.
    Page(
        "stakeholders_staff:organisation_import",
        _url("stakeholders_staff:organisation_import"),
        lambda o: "Import organisations",
    ),
    Page(
        "stakeholders_staff:person_import",
        _url("stakeholders_staff:person_import"),
        lambda o: "Import people",
    ),
    Page(
        "stakeholders_staff:import_preview",
        lambda o: reverse("stakeholders_staff:import_preview", args=[_import_pending(o)]),
        lambda o: "Check the import of people from people.csv",
    ),
    # Data protection: a person's own data, and staff subject access and erasure.
    Page("stakeholders:my_data", _url("stakeholders:my_data"), lambda o: "Your data", "member"),
    Page(
        "stakeholders_staff:person_data",
        _url("stakeholders_staff:person_data", lambda o: [o.person.pk]),
        lambda o: f"Data held about {o.person.name}",
    ),
    Page(
        "stakeholders_staff:person_erase",
        _url("stakeholders_staff:person_erase", lambda o: [o.person.pk]),
        lambda o: f"Erase {o.person.name}?",
    ),
    # Their downloads (JSON; the CSV is built from the same report) have no heading.
    Page(
        "stakeholders:my_data_download",
        _url("stakeholders:my_data_download", lambda o: ["json"]),
        lambda o: "",
        "member",
    ),
    Page(
        "stakeholders_staff:person_data_download",
        _url("stakeholders_staff:person_data_download", lambda o: [o.person.pk, "csv"]),
        lambda o: "",
    ),
    # Public meeting pages, the members' page, and calendars.
    Page(
        "meetings:meeting_list",
        _url("meetings:meeting_list", _strategy_args),
        lambda o: "Meetings",
        "anonymous",
    ),
    Page(
        "meetings:meeting_detail",
        _url("meetings:meeting_detail", _meeting_args),
        lambda o: o.meeting.title,
        "anonymous",
    ),
    # The Board meets in public and the papers are published: anyone may download them.
    # Staff see all of it: attendance, minutes, confidential items.
    Page(
        "meetings:meeting_detail (staff)",
        _url("meetings:meeting_detail", _meeting_args),
        lambda o: o.meeting.title,
    ),
    Page(
        "meetings:paper_download",
        _url("meetings:paper_download", _paper_args),
        _paper_filename,
        "anonymous",
        "file",
    ),
    Page(
        "meetings:my_meetings",
        _url("meetings:my_meetings"),
        lambda o: "Your meetings and actions",
        "member",
    ),
    Page(
        "meetings:action_progress",
        _url("meetings:action_progress", lambda o: [o.member_action.pk]),
        lambda o: "Record progress on an action",
        "member",
    ),
    Page(
        "calendar:meeting_ics",
        _url("calendar:meeting_ics", _meeting_args),
        lambda o: o.meeting.title,
        "anonymous",
        "calendar",
    ),
    Page(
        "calendar:body_feed",
        _url("calendar:body_feed", lambda o: [o.strategy.slug, o.meeting.body.slug]),
        lambda o: f"{o.meeting.body.name}: meetings",
        "anonymous",
        "calendar",
    ),
    # Calendar programs send no cookie: the token in the address says whose feed it is.
    Page(
        "calendar:person_feed",
        _url("calendar:person_feed", lambda o: [o.member_calendar_token]),
        lambda o: f"Meetings: {o.member.person.name}",
        "anonymous",
        "calendar",
    ),
    # The staff area's meetings: the list, and each page about one meeting.
    Page(
        "meetings_staff:meeting_list",
        _url("meetings_staff:meeting_list", _strategy_args),
        lambda o: "Meetings",
    ),
    Page(
        "meetings_staff:meeting_create",
        _url("meetings_staff:meeting_create", _strategy_args),
        lambda o: "Arrange a meeting",
    ),
    _meeting_page("meetings_staff:meeting_hub", lambda m: m.title),
    _meeting_page("meetings_staff:meeting_delete", _deleting),
    _meeting_page("meetings_staff:meeting_cancel", lambda m: f"Cancel {m.title}"),
    _meeting_page("meetings_staff:meeting_mark_held", lambda m: f"Mark {m.title} as held?"),
    _meeting_page(
        "meetings_staff:agenda_item_create", lambda m: f"Add an agenda item to {m.title}"
    ),
    _meeting_page(
        "meetings_staff:agenda_generate",
        lambda m: f"Generate the agenda of {m.title} from the priorities?",
    ),
    Page(
        "meetings_staff:agenda_item_edit",
        _url("meetings_staff:agenda_item_edit", _item_args),
        lambda o: f"Edit {o.agenda_item}",
    ),
    Page(
        "meetings_staff:agenda_item_delete",
        _url("meetings_staff:agenda_item_delete", _item_args),
        lambda o: _deleting(o.agenda_item),
    ),
    Page(
        "meetings_staff:declaration_create",
        _url(
            "meetings_staff:declaration_create",
            lambda o: [*_meeting_args(o), o.declaration.agenda_item_id],
        ),
        lambda o: f"Declare an interest in {o.declaration.agenda_item}",
    ),
    Page(
        "meetings_staff:declaration_delete",
        _url("meetings_staff:declaration_delete", _declaration_args),
        lambda o: _deleting(o.declaration),
    ),
    _meeting_page("meetings_staff:paper_upload", lambda m: f"Upload a paper for {m.title}"),
    _meeting_page("meetings_staff:papers_publish", lambda m: f"Publish the papers of {m.title}?"),
    Page(
        "meetings_staff:paper_download",
        _url("meetings_staff:paper_download", _paper_args),
        _paper_filename,
        kind="file",
    ),
    Page(
        "meetings_staff:paper_delete",
        _url("meetings_staff:paper_delete", _paper_args),
        lambda o: _deleting(o.paper),
    ),
    _meeting_page("meetings_staff:invitation_create", lambda m: f"Invite someone to {m.title}"),
    _meeting_page(
        "meetings_staff:invitations_for_members", lambda m: f"Invite the members to {m.title}?"
    ),
    _meeting_page(
        "meetings_staff:invitations_send", lambda m: f"Send the invitations to {m.title}?"
    ),
    Page(
        "meetings_staff:invitation_edit",
        _url("meetings_staff:invitation_edit", _invitation_args),
        lambda o: f"Reply from {o.invitation.person.name}",
    ),
    Page(
        "meetings_staff:invitation_delete",
        _url("meetings_staff:invitation_delete", _invitation_args),
        lambda o: _deleting(o.invitation),
    ),
    _meeting_page("meetings_staff:attendance", lambda m: f"Attendance at {m.title}"),
    _meeting_page("meetings_staff:minutes_edit", lambda m: f"Minutes of {m.title}"),
    _meeting_page("meetings_staff:minutes_publish", lambda m: f"Publish the minutes of {m.title}?"),
    _meeting_page("meetings_staff:minutes_approve", lambda m: f"Approve the minutes of {m.title}"),
    _meeting_page("meetings_staff:decision_create", lambda m: f"Add a decision to {m.title}"),
    Page(
        "meetings_staff:decision_edit",
        _url("meetings_staff:decision_edit", _decision_args),
        lambda o: "Edit decision",
    ),
    Page(
        "meetings_staff:decision_delete",
        _url("meetings_staff:decision_delete", _decision_args),
        lambda o: _deleting(o.decision),
    ),
    _meeting_page("meetings_staff:action_create", lambda m: f"Add an action from {m.title}"),
    Page(
        "meetings_staff:action_edit",
        _url("meetings_staff:action_edit", _action_args),
        lambda o: "Edit action",
    ),
    Page(
        "meetings_staff:action_delete",
        _url("meetings_staff:action_delete", _action_args),
        lambda o: _deleting(o.action),
    ),
    # The stakeholder register's engagement: histories, relationships, the grid, segments.
    Page(
        "stakeholders_staff:person_history",
        _url("stakeholders_staff:person_history", lambda o: [o.person.pk]),
        lambda o: "Engagement history",
    ),
    Page(
        "stakeholders_staff:organisation_history",
        _url("stakeholders_staff:organisation_history", lambda o: [o.organisation.pk]),
        lambda o: "Engagement history",
    ),
    Page(
        "engagement_staff:person_relationship",
        _url("engagement_staff:person_relationship", lambda o: [o.person.pk]),
        lambda o: f"Relationship with {o.person.name}",
    ),
    Page(
        "engagement_staff:organisation_relationship",
        _url("engagement_staff:organisation_relationship", lambda o: [o.organisation.pk]),
        lambda o: f"Relationship with {o.organisation.name}",
    ),
    Page(
        "engagement_staff:relationship_grid",
        _url("engagement_staff:relationship_grid"),
        lambda o: "Power and interest",
    ),
    Page(
        "engagement_staff:segment_list", _url("engagement_staff:segment_list"), lambda o: "Segments"
    ),
    Page(
        "engagement_staff:segment_create",
        _url("engagement_staff:segment_create"),
        lambda o: "Save these filters as a segment",
    ),
    Page(
        "engagement_staff:segment_edit",
        _url("engagement_staff:segment_edit", lambda o: [o.segment.pk]),
        lambda o: f"Segment: {o.segment.name}",
    ),
    Page(
        "engagement_staff:segment_delete",
        _url("engagement_staff:segment_delete", lambda o: [o.segment.pk]),
        lambda o: _deleting(o.segment),
    ),
    # Engagement activities: the exporting workshop and a row of each kind.
    Page(
        "engagement_staff:activity_list",
        _url("engagement_staff:activity_list", _strategy_args),
        lambda o: "Engagement activities",
    ),
    Page(
        "engagement_staff:activity_create",
        _url("engagement_staff:activity_create", _strategy_args),
        lambda o: "Add an activity",
    ),
    _activity_page("engagement_staff:activity_hub", lambda o: o.activity.title),
    _activity_page("engagement_staff:activity_edit", lambda o: f"Edit {o.activity.title}"),
    _activity_page(
        "engagement_staff:activity_delete", lambda o: f"{o.activity.title} cannot be deleted"
    ),
    _activity_page("engagement_staff:activity_write_up", lambda o: f"Write up {o.activity.title}"),
    _activity_page(
        "engagement_staff:material_create", lambda o: f"Add a material to {o.activity.title}"
    ),
    Page(
        "engagement_staff:material_download",
        _url("engagement_staff:material_download", lambda o: [*_activity_args(o), o.material.pk]),
        lambda o: os.path.basename(o.material.file.name),
        kind="file",
    ),
    _activity_page(
        "engagement_staff:material_delete", lambda o: _deleting(o.material), lambda o: o.material.pk
    ),
    _activity_page(
        "engagement_staff:follow_up_create",
        lambda o: f"Add a follow-up action from {o.activity.title}",
    ),
    _activity_page(
        "engagement_staff:follow_up_edit",
        lambda o: "Edit follow-up action",
        lambda o: o.follow_up.pk,
    ),
    _activity_page(
        "engagement_staff:follow_up_delete",
        lambda o: _deleting(o.follow_up),
        lambda o: o.follow_up.pk,
    ),
    _activity_page("engagement_staff:contribution_list", lambda o: "Contributions"),
    _activity_page(
        "engagement_staff:contribution_create",
        lambda o: f"Add a contribution to {o.activity.title}",
    ),
    _activity_page(
        "engagement_staff:contribution_edit",
        lambda o: f"Edit {_contribution_named(o)}",
        lambda o: o.contribution.pk,
    ),
    _activity_page(
        "engagement_staff:contribution_delete",
        lambda o: f"Delete {_contribution_named(o)}?",
        lambda o: o.contribution.pk,
    ),
    _activity_page("engagement_staff:invitation_list", lambda o: "Invitations"),
    _activity_page("engagement_staff:invite", lambda o: "Invite people"),
    _activity_page("engagement_staff:remind", lambda o: "Remind people who have not replied?"),
    _activity_page("engagement_staff:attendance", lambda o: "Attendance"),
    _activity_page(
        "engagement_staff:invitation_delete",
        lambda o: f"Remove the invitation of {o.activity_invitation.person.name}?",
        lambda o: o.activity_invitation.pk,
    ),
    Page(
        "engagement_staff:coverage",
        _url("engagement_staff:coverage", _strategy_args),
        lambda o: "Reach and coverage",
    ),
    Page(
        "engagement_staff:priority_coverage",
        _url("engagement_staff:priority_coverage", _priority_args),
        lambda o: f"Reach and coverage of priority {o.priority.number}: {o.priority.title}",
    ),
    # An invitee's reply, through the signed link in their invitation (no sign-in).
    Page(
        "engagement:rsvp",
        _url("engagement:rsvp", lambda o: [o.rsvp_token]),
        lambda o: o.activity.title,
        "anonymous",
    ),
    Page(
        "engagement:rsvp_calendar",
        _url("engagement:rsvp_calendar", lambda o: [o.rsvp_token]),
        lambda o: o.activity.title,
        "anonymous",
        "calendar",
    ),
    # The sounding board: joining, documents open for reactions, statements.
    Page(
        "joining:home",
        _url("joining:home", _strategy_args),
        lambda o: "Sounding board",
        "anonymous",
    ),
    Page(
        "joining:home (participant)",
        _url("joining:home", _strategy_args),
        lambda o: "Sounding board",
        "participant",
    ),
    Page(
        "joining:join",
        _url("joining:join", _strategy_args),
        lambda o: "Join the sounding board",
        "anonymous",
    ),
    Page(
        "joining:join_invited",
        _url("joining:join_invited", lambda o: [o.strategy.slug, o.join_token]),
        lambda o: "Join the sounding board",
        "anonymous",
    ),
    Page(
        "joining:profile",
        _url("joining:profile", _strategy_args),
        lambda o: "Your sounding board profile",
        "participant",
    ),
    Page(
        "joining:leave",
        _url("joining:leave", _strategy_args),
        lambda o: "Leave the sounding board",
        "participant",
    ),
    Page(
        "joining:unsubscribe",
        _url("joining:unsubscribe", lambda o: [o.strategy.slug, o.unsubscribe_token]),
        lambda o: "Stop sounding board emails",
        "anonymous",
    ),
    Page(
        "joining_staff:settings",
        _url("joining_staff:settings", _strategy_args),
        lambda o: "Sounding board",
    ),
    Page(
        "joining_staff:participant_list",
        _url("joining_staff:participant_list", _strategy_args),
        lambda o: "Sounding board participants",
    ),
    Page(
        "documents:document_list",
        _url("documents:document_list", _strategy_args),
        lambda o: "Documents open for comment",
        "anonymous",
    ),
    Page(
        "documents:document_detail",
        _url("documents:document_detail", _document_args),
        lambda o: o.document.title,
        "anonymous",
    ),
    Page(
        "documents:document_detail (participant)",
        _url("documents:document_detail", _document_args),
        lambda o: o.document.title,
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "documents:paragraph_comments",
        _url("documents:paragraph_comments", lambda o: [*_document_args(o), o.paragraph.pk]),
        lambda o: f"Comments on paragraph {o.paragraph.order}",
        "anonymous",
    ),
    Page(
        "documents:comment_create",
        _url("documents:comment_create", lambda o: [*_document_args(o), o.paragraph.pk]),
        lambda o: f"Comment on paragraph {o.paragraph.order}",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "documents:reply_create",
        _url("documents:reply_create", lambda o: [*_document_args(o), o.document_comment.pk]),
        lambda o: f"Reply to a comment on paragraph {o.document_comment.version.paragraph.order}",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "documents:flag",
        _url("documents:flag", lambda o: [*_document_args(o), o.document_comment.pk]),
        lambda o: "Report a comment to the moderators",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "documents_staff:document_list",
        _url("documents_staff:document_list", _strategy_args),
        lambda o: "Documents for reactions",
    ),
    Page(
        "documents_staff:document_create",
        _url("documents_staff:document_create", _strategy_args),
        lambda o: "Add a document",
    ),
    Page(
        "documents_staff:moderation_queue",
        _url("documents_staff:moderation_queue", _strategy_args),
        lambda o: "Moderation queue",
    ),
    Page(
        "documents_staff:comment_moderate",
        _url(
            "documents_staff:comment_moderate", lambda o: [o.strategy.slug, o.document_comment.pk]
        ),
        lambda o: "Moderate a comment",
    ),
    Page(
        "documents_staff:document_hub",
        _url("documents_staff:document_hub", _document_args),
        lambda o: o.document.title,
    ),
    Page(
        "documents_staff:document_edit",
        _url("documents_staff:document_edit", _document_args),
        lambda o: f"Edit {o.document.title}",
    ),
    Page(
        "documents_staff:document_revise",
        _url("documents_staff:document_revise", _document_args),
        lambda o: f"Revise the text of {o.document.title}",
    ),
    Page(
        "documents_staff:document_delete",
        _url("documents_staff:document_delete", _document_args),
        lambda o: f"{o.document.title} cannot be deleted",
    ),
    Page(
        "documents:research_file",
        _url("documents:research_file", lambda o: [o.strategy.slug, o.research_document.pk]),
        lambda o: os.path.basename(o.evidence_item.file.name),
        "anonymous",
        "file",
    ),
    Page(
        "documents_staff:research_window_create",
        _url(
            "documents_staff:research_window_create",
            lambda o: [o.strategy.slug, o.evidence_item.pk],
        ),
        lambda o: f"Open {o.evidence_item.title} for comments",
    ),
    Page(
        "evidence_staff:item_list",
        _url("evidence_staff:item_list", _strategy_args),
        lambda o: "Evidence",
    ),
    Page(
        "evidence_staff:item_create",
        _url("evidence_staff:item_create", _strategy_args),
        lambda o: "Add an evidence item",
    ),
    Page(
        "evidence_staff:item_detail",
        _url("evidence_staff:item_detail", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: o.evidence_item.title,
    ),
    Page(
        "evidence_staff:item_edit",
        _url("evidence_staff:item_edit", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: f"Edit {o.evidence_item.title}",
    ),
    Page(
        "evidence_staff:item_delete",
        _url("evidence_staff:item_delete", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: f"You cannot delete “{o.evidence_item.title}”",
    ),
    Page(
        "evidence_staff:item_download",
        _url("evidence_staff:item_download", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: os.path.basename(o.evidence_item.file.name),
        kind="file",
    ),
    Page(
        "evidence_staff:priority_item_create",
        _url("evidence_staff:priority_item_create", _priority_args),
        lambda o: f"Add evidence to priority {o.priority.number}",
    ),
    Page(
        "evidence_staff:priority_item_create (member)",
        _url(
            "evidence_staff:priority_item_create",
            lambda o: [o.strategy.slug, o.member_priority.number],
        ),
        lambda o: f"Add evidence to priority {o.member_priority.number}",
        "member",
    ),
    Page(
        "evidence:item_list",
        _url("evidence:item_list", _strategy_args),
        lambda o: "Evidence",
        "anonymous",
    ),
    Page(
        "evidence:item_list (search)",
        _url("evidence:item_list", _strategy_args, lambda o: _search("towns")),
        lambda o: "Evidence",
        "anonymous",
    ),
    Page(
        "evidence:item_detail",
        _url("evidence:item_detail", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: o.evidence_item.title,
        "anonymous",
    ),
    Page(
        "evidence:item_file",
        _url("evidence:item_file", lambda o: [o.strategy.slug, o.evidence_item.pk]),
        lambda o: os.path.basename(o.evidence_item.file.name),
        "anonymous",
        kind="file",
    ),
    Page(
        "evidence_staff:item_list (search)",
        _url("evidence_staff:item_list", _strategy_args, lambda o: _search("innovation")),
        lambda o: "Evidence",
    ),
    Page(
        "briefs_staff:brief_list",
        _url("briefs_staff:brief_list", _strategy_args),
        lambda o: "Project briefs",
    ),
    Page(
        "briefs_staff:brief_list (overdue)",
        _url("briefs_staff:brief_list", _strategy_args, lambda o: "overdue=on"),
        lambda o: "Project briefs",
    ),
    Page(
        "briefs_staff:brief_create",
        _url("briefs_staff:brief_create", _priority_args),
        lambda o: f"Add a project brief to priority {o.priority.number}",
    ),
    Page(
        "briefs_staff:brief_create (member)",
        _url("briefs_staff:brief_create", lambda o: [o.strategy.slug, o.member_priority.number]),
        lambda o: f"Add a project brief to priority {o.member_priority.number}",
        "member",
    ),
    Page(
        "briefs_staff:brief_detail",
        _url("briefs_staff:brief_detail", lambda o: [o.strategy.slug, o.brief.pk]),
        lambda o: o.brief.title,
    ),
    Page(
        "briefs_staff:brief_edit",
        _url("briefs_staff:brief_edit", lambda o: [o.strategy.slug, o.brief.pk]),
        lambda o: f"Edit {o.brief.title}",
    ),
    Page(
        "briefs_staff:brief_delete",
        _url("briefs_staff:brief_delete", lambda o: [o.strategy.slug, o.brief.pk]),
        lambda o: _deleting(o.brief),
    ),
    Page(
        "indicators_staff:indicator_list",
        _url("indicators_staff:indicator_list", _strategy_args),
        lambda o: "Indicators",
    ),
    Page(
        "indicators_staff:indicator_import",
        _url("indicators_staff:indicator_import", _strategy_args),
        lambda o: "Import indicator values",
    ),
    Page(
        "indicators_staff:indicator_detail",
        _url("indicators_staff:indicator_detail", lambda o: [o.strategy.slug, o.indicator.pk]),
        lambda o: o.indicator.name,
    ),
    Page(
        "indicators_staff:indicator_edit",
        _url("indicators_staff:indicator_edit", lambda o: [o.strategy.slug, o.indicator.pk]),
        lambda o: f"Edit {o.indicator.name}",
    ),
    Page(
        "indicators_staff:indicator_delete",
        _url("indicators_staff:indicator_delete", lambda o: [o.strategy.slug, o.indicator.pk]),
        lambda o: _deleting(o.indicator),
    ),
    Page(
        "interventions_staff:intervention_list",
        _url("interventions_staff:intervention_list", _strategy_args),
        lambda o: "Interventions",
    ),
    Page(
        "interventions_staff:intervention_list (filtered)",
        _url(
            "interventions_staff:intervention_list",
            _strategy_args,
            lambda o: f"priority={o.priority.pk}&stage=tested&q=space",
        ),
        lambda o: "Interventions",
    ),
    Page(
        "interventions_staff:intervention_create",
        _url("interventions_staff:intervention_create", _priority_args),
        lambda o: f"Add an intervention to priority {o.priority.number}: {o.priority.title}",
    ),
    Page(
        "interventions_staff:intervention_detail",
        _url("interventions_staff:intervention_detail", _intervention_args),
        lambda o: o.intervention.title,
    ),
    Page(
        "interventions_staff:intervention_detail (member)",
        _url(
            "interventions_staff:intervention_detail",
            lambda o: [o.strategy.slug, o.member_intervention.pk],
        ),
        lambda o: o.member_intervention.title,
        "member",
    ),
    Page(
        "interventions_staff:intervention_edit",
        _url("interventions_staff:intervention_edit", _intervention_args),
        lambda o: f"Edit {o.intervention.title}",
    ),
    Page(
        "interventions_staff:intervention_links",
        _url("interventions_staff:intervention_links", _intervention_args),
        lambda o: f"Evidence and engagement behind {o.intervention.title}",
    ),
    Page(
        "interventions_staff:intervention_delete",
        _url("interventions_staff:intervention_delete", _intervention_args),
        lambda o: _deleting(o.intervention),
    ),
    Page(
        "interventions_staff:stage_change",
        _url("interventions_staff:stage_change", _intervention_args),
        lambda o: f"Move {o.intervention.title} to another stage",
    ),
    Page(
        "interventions_staff:support_add",
        _url("interventions_staff:support_add", _intervention_args),
        lambda o: f"Add a supporter of {o.intervention.title}",
    ),
    Page(
        "interventions_staff:support_add (search)",
        _url(
            "interventions_staff:support_add",
            _intervention_args,
            lambda o: _search(o.organisation_search),
        ),
        lambda o: f"Add a supporter of {o.intervention.title}",
    ),
    Page(
        "interventions_staff:support_remove",
        _url(
            "interventions_staff:support_remove",
            lambda o: [*_intervention_args(o), o.support.pk],
        ),
        lambda o: f"Remove {o.support.organisation} as a supporter?",
    ),
    Page(
        "interventions_staff:milestone_add",
        _url("interventions_staff:milestone_add", _intervention_args),
        lambda o: f"Add a delivery milestone to {o.intervention.title}",
    ),
    Page(
        "interventions_staff:milestone_edit",
        _url(
            "interventions_staff:milestone_edit",
            lambda o: [*_intervention_args(o), o.delivery_milestone.pk],
        ),
        lambda o: f"Edit the milestone {o.delivery_milestone.title}",
    ),
    Page(
        "interventions_staff:milestone_done",
        _url(
            "interventions_staff:milestone_done",
            lambda o: [*_intervention_args(o), o.delivery_milestone.pk],
        ),
        lambda o: f"Mark “{o.delivery_milestone.title}” done?",
    ),
    Page(
        "interventions_staff:milestone_delete",
        _url(
            "interventions_staff:milestone_delete",
            lambda o: [*_intervention_args(o), o.delivery_milestone.pk],
        ),
        lambda o: _deleting(o.delivery_milestone),
    ),
    Page(
        "interventions_staff:progress_add",
        _url("interventions_staff:progress_add", _intervention_args),
        lambda o: f"Report progress on {o.intervention.title}",
    ),
    Page(
        "interventions_staff:delivery",
        _url("interventions_staff:delivery", _strategy_args),
        lambda o: "Delivery of agreed interventions",
    ),
    Page(
        "publishing_staff:publication_list",
        _url("publishing_staff:publication_list", _strategy_args),
        lambda o: "Publications",
    ),
    Page(
        "publishing_staff:publication_create",
        _url("publishing_staff:publication_create", _strategy_args),
        lambda o: "Create a publication",
    ),
    Page(
        "publishing_staff:publication_detail",
        _url("publishing_staff:publication_detail", _publication_args),
        lambda o: o.publication.title,
    ),
    Page(
        "publishing_staff:publication_edit",
        _url("publishing_staff:publication_edit", _publication_args),
        lambda o: "Change the details of the publication",
    ),
    Page(
        "publishing_staff:version_edit",
        _url("publishing_staff:version_edit", _review_version_args),
        lambda o: "Change the date or the draft for reactions",
    ),
    Page(
        "publishing_staff:version_compare",
        _url("publishing_staff:version_compare", _publication_args),
        lambda o: "Compare versions",
    ),
    Page(
        "publishing_staff:version_detail",
        _url("publishing_staff:version_detail", _review_version_args),
        lambda o: f"{o.publication.title}: version {o.review_version.number}",
    ),
    Page(
        "publishing_staff:version_detail (published)",
        _url("publishing_staff:version_detail", _published_version_args),
        lambda o: f"{o.publication.title}: version {o.published_version.number}",
    ),
    Page(
        "publishing_staff:version_progress",
        _url("publishing_staff:version_progress", _review_version_args),
        lambda o: "",  # a fragment the version page polls,
    ),
    Page(
        "publishing_staff:section_create",
        _url("publishing_staff:section_create", _review_version_args),
        lambda o: "Add a section",
    ),
    Page(
        "publishing_staff:section_edit",
        _url("publishing_staff:section_edit", _section_args),
        lambda o: f"Edit “{o.section.heading}”",
    ),
    Page(
        "insights_staff:strategy",
        _url("insights_staff:strategy", _strategy_args),
        lambda o: f"Insight: {o.strategy.name}",
    ),
    Page(
        "insights_staff:priority",
        _url("insights_staff:priority", _priority_args),
        lambda o: f"Insight on priority {o.priority.number}: {o.priority.title}",
    ),
    Page(
        "insights_staff:window",
        _url("insights_staff:window", lambda o: [o.strategy.slug, o.document.pk]),
        lambda o: f"Insight on {o.document.title}",
    ),
    Page(
        "insights_staff:tags",
        _url("insights_staff:tags", _strategy_args),
        lambda o: "Priority tags",
    ),
    Page(
        "insights_staff:you_said",
        _url("insights_staff:you_said", _strategy_args),
        lambda o: "You said, we did",
    ),
    Page(
        "insights_staff:theme_label",
        _url("insights_staff:theme_label", lambda o: [o.strategy.slug, o.theme.pk]),
        lambda o: f"Relabel the theme “{o.theme.title}”",
    ),
    Page(
        "insights_staff:you_said_add",
        _url(
            "insights_staff:you_said_add",
            _strategy_args,
            query=lambda o: f"theme={o.theme.pk}",
        ),
        lambda o: "Link what was said to what was done",
    ),
    Page(
        "insights_staff:you_said_delete",
        _url("insights_staff:you_said_delete", lambda o: [o.strategy.slug, o.you_said.pk]),
        lambda o: f"Delete “you said, we did” link “{o.you_said}”?",
    ),
    Page(
        "publishing_staff:section_delete",
        _url("publishing_staff:section_delete", _section_args),
        lambda o: f"Delete section “{o.section.heading}”?",
    ),
    Page(
        "publishing_staff:sign_off_request",
        _url("publishing_staff:sign_off_request", _review_version_args),
        lambda o: f"Ask for sign-off of version {o.review_version.number}",
    ),
    Page(
        "publishing:sign_off_list",
        _url("publishing:sign_off_list", lambda o: []),
        lambda o: "Publications to sign off",
        user="member",
    ),
    Page(
        "publishing:sign_off_detail",
        _url("publishing:sign_off_detail", lambda o: [o.review_version.pk]),
        lambda o: f"Sign off {o.publication.title}, version {o.review_version.number}",
        user="member",
    ),
    Page(
        "publishing:publication_list",
        _url("publishing:publication_list", _strategy_args),
        lambda o: "Publications",
        user="anonymous",
    ),
    Page(
        "publishing:publication_detail",
        _url("publishing:publication_detail", _publication_args),
        lambda o: o.publication.title,
        user="anonymous",
    ),
    Page(
        "publishing:version_detail",
        _url("publishing:version_detail", _published_version_args),
        lambda o: o.publication.title,
        user="anonymous",
    ),
    Page(
        "publishing:version_file",
        _url("publishing:version_file", lambda o: [*_published_version_args(o), "pdf"]),
        lambda o: f"{o.publication.slug}-v{o.published_version.number}.pdf",
        user="anonymous",
        kind="file",
    ),
    Page("dashboard:dashboard", _url("dashboard:dashboard", _strategy_args), lambda o: "Dashboard"),
    Page(
        "strategy_staff:stage_advance",
        _url("strategy_staff:stage_advance", _strategy_args),
        lambda o: "Move on to Engage",
    ),
    Page(
        "discussions:discussion_list",
        _url("discussions:discussion_list", _strategy_args),
        lambda o: "Discussions",
        "anonymous",
    ),
    Page(
        "discussions:discussion_detail",
        _url("discussions:discussion_detail", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: o.discussion.title,
        "anonymous",
    ),
    Page(
        "discussions:discussion_detail (participant)",
        _url("discussions:discussion_detail", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: o.discussion.title,
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "discussions:thread_start",
        _url("discussions:thread_start", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: "Start a new thread",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "discussions:reply_create",
        _url("discussions:reply_create", lambda o: [o.strategy.slug, o.discussion.pk, o.post.pk]),
        lambda o: "Reply to a post",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "discussions:flag",
        _url("discussions:flag", lambda o: [o.strategy.slug, o.discussion.pk, o.post.pk]),
        lambda o: "Report a post to the moderators",
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "discussions_staff:discussion_list",
        _url("discussions_staff:discussion_list", _strategy_args),
        lambda o: "Discussions",
    ),
    Page(
        "discussions_staff:discussion_create",
        _url("discussions_staff:discussion_create", _strategy_args),
        lambda o: "Add a discussion",
    ),
    Page(
        "discussions_staff:discussion_hub",
        _url("discussions_staff:discussion_hub", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: o.discussion.title,
    ),
    Page(
        "discussions_staff:discussion_edit",
        _url("discussions_staff:discussion_edit", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: f"Edit {o.discussion.title}",
    ),
    Page(
        "discussions_staff:discussion_delete",
        _url("discussions_staff:discussion_delete", lambda o: [o.strategy.slug, o.discussion.pk]),
        lambda o: f"{o.discussion.title} cannot be deleted",
    ),
    Page(
        "discussions_staff:post_moderate",
        _url("discussions_staff:post_moderate", lambda o: [o.strategy.slug, o.post.pk]),
        lambda o: "Moderate a post",
    ),
    Page(
        "workshops:workshop_list",
        _url("workshops:workshop_list", _strategy_args),
        lambda o: "Workshops",
        "anonymous",
        at_demo_moment=True,
    ),
    Page(
        "workshops:workshop_detail",
        _url("workshops:workshop_detail", lambda o: [o.strategy.slug, o.workshop.pk]),
        lambda o: o.workshop.title,
        "anonymous",
        at_demo_moment=True,
    ),
    Page(
        "workshops:workshop_detail (participant)",
        _url("workshops:workshop_detail", lambda o: [o.strategy.slug, o.workshop.pk]),
        lambda o: o.workshop.title,
        "participant",
        at_demo_moment=True,
    ),
    Page(
        "workshops_staff:signups",
        _url("workshops_staff:signups", lambda o: [o.strategy.slug, o.workshop.pk]),
        lambda o: f"Sign-ups: {o.workshop.title}",
    ),
    Page(
        "statements:vote",
        _url("statements:vote", _strategy_args),
        lambda o: "Statements",
        "anonymous",
    ),
    Page(
        "statements:vote (participant)",
        _url("statements:vote", _strategy_args),
        lambda o: "Vote on statements",
        "participant",
    ),
    Page(
        "statements:my_votes",
        _url("statements:my_votes", _strategy_args),
        lambda o: "Your votes and statements",
        "participant",
    ),
    Page(
        "statements:submit",
        _url("statements:submit", _strategy_args),
        lambda o: "Submit a statement",
        "participant",
    ),
    Page(
        "statements_staff:statement_list",
        _url("statements_staff:statement_list", _strategy_args),
        lambda o: "Statements",
    ),
    Page(
        "statements_staff:statement_create",
        _url("statements_staff:statement_create", _strategy_args),
        lambda o: "Add a statement",
    ),
    Page(
        "statements_staff:results",
        _url("statements_staff:results", _strategy_args),
        lambda o: "Statement results by stakeholder type",
    ),
    Page(
        "statements_staff:statement_edit",
        _url("statements_staff:statement_edit", lambda o: [o.strategy.slug, o.statement.pk]),
        lambda o: "Edit statement",
    ),
    Page(
        "statements_staff:statement_delete",
        _url("statements_staff:statement_delete", lambda o: [o.strategy.slug, o.statement.pk]),
        lambda o: "This statement cannot be deleted",
    ),
    Page(
        "statements_staff:statement_moderate",
        _url("statements_staff:statement_moderate", lambda o: [o.strategy.slug, o.statement.pk]),
        lambda o: "Moderate statement",
    ),
]

# The queries each page makes, the same for the demo and for ten times the demo. Every page
# asks for the navigation's strategy; a signed-in person's page also reads the session and the
# account. Beyond those, the comment says what each page reads.
QUERIES: dict[str, int] = {
    # strategy, stages, milestones, priorities, the bodies steering them (2), what is open on its
    # sounding board ("Have your say", one query), its published evidence (a count); it is the
    # navigation's
    "strategy:home": 9,
    "strategy:strategy_detail": 10,  # the same, and the navigation's strategy
    # strategy, priority, its bodies (2), its lines of enquiry, previous and next priority
    "strategy:priority_detail": 8,
    "governance:body_list": 5,  # strategy, bodies, their current chairs, what they steer
    # strategy, body, bodies reporting to it, what it steers, memberships; its meetings panel:
    # meetings, their joint bodies, agenda items, the items' priorities, decisions
    "governance:body_detail": 11,
    "account_login": 1,
    # count and page of strategies, the latest changes; the meetings panels: meetings with papers
    # or minutes due, overdue actions, the strategies to link to meetings of; the engagement
    # panel: each strategy's reach (people, organisations) and its gaps (3)
    "strategy_staff:home": 14,
    "strategy_staff:strategy_create": 6,  # choices: areas, organisations, people
    # strategy, its areas, choices (3), stages, milestones, priorities, steering bodies (2), bodies
    "strategy_staff:strategy_edit": 14,
    # strategy, and what deleting it collects, one query per kind of row (areas, stages,
    # milestones, priorities, enquiries, steering, bodies, memberships, meetings and all that
    # hangs off them: agenda items, papers, invitations, decisions, declarations, actions...;
    # activities and theirs: priorities, materials, follow-ups, invitations, contributions...;
    # the sounding board, participants, documents, paragraphs, comments, statements, votes,
    # evidence items, discussions and their posts...)
    "strategy_staff:strategy_delete": 97,
    "strategy_staff:stage_create": 5,  # strategy, the next stage number
    "strategy_staff:stage_edit": 5,  # strategy, stage
    "strategy_staff:stage_delete": 5,  # strategy, stage
    "strategy_staff:milestone_create": 5,  # strategy, choice of stages
    "strategy_staff:milestone_edit": 6,  # strategy, milestone, choice of stages
    "strategy_staff:milestone_delete": 5,  # strategy, milestone
    "strategy_staff:priority_create": 7,  # strategy, next number, choices: sponsor, lead officer
    # strategy, priority, choices: sponsor, lead officer; lines of enquiry; the engagement
    # panel: the priority's reach and gaps (2)
    "strategy_staff:priority_edit": 19,
    "strategy_staff:priority_edit (member)": 23,  # the same, and whether they sit on its body
    # strategy, priority, and what deleting it collects: enquiries, steering, agenda items,
    # activities, contributions, relationships, statements, discussions and evidence items that
    # name it
    "strategy_staff:priority_delete": 21,
    "strategy_staff:line_of_enquiry_create": 6,  # strategy, priority, the next order
    "strategy_staff:line_of_enquiry_edit": 6,  # strategy, priority, line of enquiry
    "strategy_staff:line_of_enquiry_delete": 7,  # strategy, priority, line of enquiry
    "governance_staff:body_list": 6,  # strategy, count and page of bodies
    "governance_staff:body_create": 5,  # strategy, choice of bodies to report to
    # strategy, body, what it steers (form and list), choices: bodies, priorities (2); members
    "governance_staff:body_edit": 11,
    # strategy, body, what it steers, choices of priorities (2)
    "governance_staff:body_priorities": 8,
    # strategy, body, and what deleting it collects, one query per kind of row: steering,
    # memberships, meetings (its own and joint) and their agenda items, papers, decisions...,
    # the sounding board it may be
    "governance_staff:body_delete": 20,
    "governance_staff:membership_create": 7,  # strategy, body, choices: people, organisations
    # strategy, body, membership, choices: people, organisations
    "governance_staff:membership_edit": 8,
    "governance_staff:membership_end": 6,  # strategy, body, membership
    "governance_staff:membership_delete": 6,  # strategy, body, membership
    "stakeholders_staff:area_list": 5,  # count and page of areas
    "stakeholders_staff:area_create": 3,
    "stakeholders_staff:area_edit": 4,  # area
    "stakeholders_staff:area_delete": 5,  # area, the strategies covering it
    # count and page of organisations; filter choices: sectors, areas, bodies, priorities, owners
    "stakeholders_staff:organisation_list": 10,
    "stakeholders_staff:organisation_create": 4,  # choice of areas
    "stakeholders_staff:organisation_edit": 5,  # organisation, choice of areas
    "stakeholders_staff:organisation_delete": 7,  # organisation, its relationship
    # count and page of people; filter choices: sectors, areas, organisations, bodies,
    # priorities, owners
    "stakeholders_staff:person_list": 11,
    "stakeholders_staff:person_create": 5,  # choices: organisations, accounts
    "stakeholders_staff:person_edit": 6,  # person, choices: organisations, accounts
    # person, and what deleting it collects: memberships, invitations, actions, declarations,
    # activity invitations, relationship, participations, comments, reactions, flags, votes,
    # discussion posts and their flags
    "stakeholders_staff:person_delete": 17,
    "stakeholders_staff:organisation_import": 3,
    "stakeholders_staff:person_import": 3,
    # the register's organisations and people with an email, each read once whatever the file
    "stakeholders_staff:import_preview": 5,
    "stakeholders:my_data": 14,  # person, and one query per section of the report
    "stakeholders_staff:person_data": 14,
    "stakeholders_staff:person_erase": 4,
    "stakeholders:my_data_download": 13,  # the same, without the page around it
    "stakeholders_staff:person_data_download": 13,
    # strategy; upcoming public meetings with their bodies and joint bodies; the past ones'
    # count, one page of them, and their joint bodies
    "meetings:meeting_list": 7,
    # strategy, meeting (its body, host), joint bodies, agenda items (presenters), their
    # priorities, declarations, papers, decisions, invitations (who came)
    "meetings:meeting_detail": 10,
    "meetings:meeting_detail (staff)": 12,  # the same
    # A download has no navigation: strategy, meeting and joint bodies (who may see the papers),
    # the paper
    "meetings:paper_download": 4,
    # person, current memberships, meetings to come, their joint bodies, the person's
    # invitations to them, their papers, the actions they own, the actions' progress notes
    "meetings:my_meetings": 12,
    "meetings:action_progress": 5,  # the action (owner, meeting), its progress notes
    # Calendars have no navigation either: the meetings, their joint bodies and agenda items,
    # after the body or the person whose feed it is
    "calendar:meeting_ics": 3,
    "calendar:body_feed": 4,
    "calendar:person_feed": 4,
    # strategy, count and page of meetings, their joint bodies, bodies to filter by
    "meetings_staff:meeting_list": 8,
    "meetings_staff:meeting_create": 7,  # strategy, choices: bodies (2), hosts
    # Each page about a meeting reads the strategy, the meeting (its body, host) and its joint
    # bodies; beyond those: the hub reads invitations, agenda items, their priorities and
    # declarations, papers, decisions, actions, and its form's choices: bodies (2), hosts
    "meetings_staff:meeting_hub": 16,
    # what deleting it collects: joint bodies, agenda items, their priorities, declarations,
    # papers, invitations, decisions
    "meetings_staff:meeting_delete": 15,
    "meetings_staff:meeting_cancel": 6,
    "meetings_staff:meeting_mark_held": 6,
    "meetings_staff:agenda_item_create": 8,  # choices: priorities, presenters
    "meetings_staff:agenda_generate": 6,
    # item, its priorities, choices: priorities, presenters
    "meetings_staff:agenda_item_edit": 10,
    # item, and what deleting it collects: its priorities, declarations
    "meetings_staff:agenda_item_delete": 10,
    "meetings_staff:declaration_create": 8,  # item, choice of people
    "meetings_staff:declaration_delete": 8,  # item, declaration
    "meetings_staff:paper_upload": 7,  # choice of agenda items
    "meetings_staff:papers_publish": 6,
    "meetings_staff:paper_download": 6,  # paper (a download: no navigation)
    "meetings_staff:paper_delete": 7,  # paper
    "meetings_staff:invitation_create": 7,  # choice of people
    "meetings_staff:invitations_for_members": 6,
    "meetings_staff:invitations_send": 6,
    "meetings_staff:invitation_edit": 7,  # invitation
    # invitation, and its meeting again (the invitation's name, on the page, says which)
    "meetings_staff:invitation_delete": 8,
    "meetings_staff:attendance": 7,  # invitations
    "meetings_staff:minutes_edit": 6,
    "meetings_staff:minutes_publish": 6,
    "meetings_staff:minutes_approve": 6,
    "meetings_staff:decision_create": 7,  # choice of agenda items
    "meetings_staff:decision_edit": 8,  # decision, choice of agenda items
    "meetings_staff:decision_delete": 8,  # decision
    "meetings_staff:action_create": 8,  # choices: owners, agenda items
    "meetings_staff:action_edit": 9,  # action, choices: owners, agenda items
    # action, and what deleting it collects: its progress notes
    "meetings_staff:action_delete": 8,
    # The register's engagement. A history reads the person (or organisation and its people),
    # then each source once: memberships, meeting invitations, activity invitations, activities
    # hosted, contributions, relationship; an organisation's also its own relationship.
    "stakeholders_staff:person_history": 10,
    "stakeholders_staff:organisation_history": 12,
    # person or organisation, its relationship and priorities; choices: owners, priorities
    "engagement_staff:person_relationship": 7,
    "engagement_staff:organisation_relationship": 7,
    "engagement_staff:relationship_grid": 6,  # counts per cell, count and page of the list
    "engagement_staff:segment_list": 5,  # count and page of segments
    "engagement_staff:segment_create": 4,  # how many people the (empty) filters select
    # segment, count and page of the people it selects
    "engagement_staff:segment_edit": 6,
    "engagement_staff:segment_delete": 4,  # segment
    # strategy, count and page of activities with their counts, choices: priorities
    "engagement_staff:activity_list": 7,
    "engagement_staff:activity_create": 7,  # strategy, choices: priorities, hosts, bodies
    # strategy, activity (host, body), priorities, materials, invitation counts, follow-ups,
    # latest contributions (and their priorities)
    "engagement_staff:activity_hub": 11,
    "engagement_staff:activity_edit": 9,  # the activity, its priorities, the form's choices
    "engagement_staff:activity_delete": 7,  # activity, whether it has contributions
    "engagement_staff:activity_write_up": 6,
    "engagement_staff:material_create": 6,
    "engagement_staff:material_download": 6,  # material (a download: no navigation)
    "engagement_staff:material_delete": 7,  # material
    "engagement_staff:follow_up_create": 7,  # choice of owners
    "engagement_staff:follow_up_edit": 8,  # follow-up, choice of owners
    "engagement_staff:follow_up_delete": 7,  # follow-up
    # count and page of contributions (authors), their priorities, choices: priorities
    "engagement_staff:contribution_list": 10,
    "engagement_staff:contribution_create": 8,  # choices: authors, priorities
    "engagement_staff:contribution_edit": 10,  # contribution, its priorities, choices
    "engagement_staff:contribution_delete": 13,  # contribution
    # counts by reply, count and page of invitees
    "engagement_staff:invitation_list": 8,
    "engagement_staff:invite": 7,  # choices: bodies, segments
    "engagement_staff:remind": 6,  # how many have not replied
    "engagement_staff:attendance": 7,  # count and page of invitees
    "engagement_staff:invitation_delete": 6,  # invitation
    # strategy, coverage (8: totals, by type, sector, area, ownership, body, and gaps' areas),
    # the priorities' summary, count and page of engaged organisations
    "engagement_staff:coverage": 15,
    "engagement_staff:priority_coverage": 15,  # the same for one priority
    # An invitee's reply needs no sign-in: the invitation (activity) and the navigation's strategy
    "engagement:rsvp": 2,
    "engagement:rsvp_calendar": 1,  # the invitation with its activity
    # The sounding board. Public pages read the strategy (navigation); a signed-in page also the
    # session and the account; a participant's, their place on the board.
    "joining:home": 4,  # strategy, the board, how many members
    "joining:home (participant)": 7,  # and their participation
    "joining:join": 5,  # the board, choices: areas, priorities
    "joining:join_invited": 7,  # the invited person (and organisation), choices
    "joining:profile": 8,  # participation, person, relationship's priorities, choices
    "joining:leave": 5,
    "joining:unsubscribe": 3,  # the participation the token names
    "joining_staff:settings": 7,  # the board, choice of bodies
    "joining_staff:participant_list": 7,  # the board, count and page of participants
    # documents whose window has opened, with their comment counts
    "documents:document_list": 3,
    # document, paragraphs, their versions, the first comments per paragraph (one query),
    # their replies and authors, reactions counted, comment counts
    "documents:document_detail": 9,
    # and the participation, the reader's reactions, pending and hidden comments of their own,
    # and the rules (comment, react, report) asked once each
    "documents:document_detail (participant)": 18,
    "documents:paragraph_comments": 9,  # the paragraph, count and page of its comments
    "documents:comment_create": 9,  # the paragraph's current version, the rules
    "documents:reply_create": 10,  # the comment, its version and paragraph, the rules
    "documents:flag": 8,  # the comment
    "documents_staff:document_list": 7,  # count and page of documents with counts
    "documents_staff:document_create": 6,  # choices: priorities, research
    # the waiting and reported comments and discussion posts (two queries), counted from them;
    # how many submitted statements wait
    "documents_staff:moderation_queue": 7,
    "documents_staff:comment_moderate": 6,  # the comment, its flags
    # document, paragraphs with counts per status, reactions, flags
    "documents_staff:document_hub": 12,
    "documents_staff:document_edit": 8,
    "documents_staff:document_revise": 7,  # the current text
    "documents_staff:document_delete": 18,  # refusal: it has comments
    "statements:vote": 4,  # count and page of published statements
    "statements:vote (participant)": 8,  # participation, the next statement, progress
    "statements:my_votes": 9,  # count and page of their votes and submissions
    "statements:submit": 7,  # participation, choice of priorities
    "statements_staff:statement_list": 7,  # counts, count and page with vote counts
    "statements_staff:statement_create": 5,  # choice of priorities
    "statements_staff:results": 7,  # count and page of statements, votes by type (one query)
    "statements_staff:statement_edit": 6,
    "statements_staff:statement_delete": 6,  # refusal: it has votes
    "statements_staff:statement_moderate": 5,
    "documents:research_file": 2,  # the window and its research item (a file: no navigation)
    "documents_staff:research_window_create": 6,  # the item, choices
    "evidence_staff:item_list": 8,  # count and page of items
    "evidence_staff:item_create": 8,  # choice of priorities
    # the item, its priorities, its comment windows with counts (panel)
    "evidence_staff:item_detail": 10,
    "evidence_staff:item_edit": 12,  # the item, its priorities, choices
    "evidence_staff:item_delete": 20,  # refusal: what protects it (its comment window)
    "evidence_staff:item_download": 7,  # the strategy, the item
    # count and page of opened discussions with counts, priorities
    "discussions:discussion_list": 5,
    "discussions:discussion_detail": 6,  # discussion, count and page of threads, their replies
    # and the participation, their own pending and hidden posts, the rules
    "discussions:discussion_detail (participant)": 13,
    "discussions:thread_start": 7,  # the discussion, the rules
    "discussions:reply_create": 8,  # the post, its discussion, the rules
    "discussions:flag": 8,  # the post, its discussion
    "discussions_staff:discussion_list": 6,  # count and page of discussions with counts
    "discussions_staff:discussion_create": 5,  # choice of priorities
    # discussion, counts, count and page of posts with their flags
    "discussions_staff:discussion_hub": 10,
    "discussions_staff:discussion_edit": 6,
    "discussions_staff:discussion_delete": 7,  # refusal: it has posts
    "discussions_staff:post_moderate": 6,  # the post, its flags
    "workshops:workshop_list": 5,  # count and page of workshops taking bookings, places taken
    "workshops:workshop_detail": 4,  # the workshop, places taken, waiting
    # and the participation, their place or place in the queue
    "workshops:workshop_detail (participant)": 9,
    "workshops_staff:signups": 7,  # the activity, those coming, waiting, cancelled
    # The evidence base (issue 6): items added from a priority, the public evidence pages, briefs,
    # indicators (the chart's values in one query), interventions (the four tests read through
    # interventions_for_tests: supports, evidence and the decision, prefetched), the delivery
    # review, the dashboard (one grouped query per figure) and the stage gate (one per criterion).
    "evidence_staff:priority_item_create": 9,
    "evidence_staff:priority_item_create (member)": 12,
    "evidence:item_list": 5,
    "evidence:item_list (search)": 5,
    "evidence:item_detail": 6,
    "evidence:item_file": 5,
    "evidence_staff:item_list (search)": 8,
    "briefs_staff:brief_list": 7,
    "briefs_staff:brief_list (overdue)": 7,
    "briefs_staff:brief_create": 5,
    "briefs_staff:brief_create (member)": 6,
    "briefs_staff:brief_detail": 6,
    "briefs_staff:brief_edit": 5,
    "briefs_staff:brief_delete": 5,
    "indicators_staff:indicator_list": 6,
    "indicators_staff:indicator_import": 4,
    "indicators_staff:indicator_detail": 9,
    "indicators_staff:indicator_edit": 5,
    "indicators_staff:indicator_delete": 7,
    "interventions_staff:intervention_list": 9,
    "interventions_staff:intervention_list (filtered)": 7,
    "interventions_staff:intervention_create": 5,
    "interventions_staff:intervention_detail": 13,
    "interventions_staff:intervention_detail (member)": 16,
    "interventions_staff:intervention_edit": 15,
    "interventions_staff:intervention_links": 17,
    "interventions_staff:intervention_delete": 22,
    "interventions_staff:stage_change": 13,
    "interventions_staff:support_add": 13,
    "interventions_staff:support_add (search)": 15,
    "interventions_staff:support_remove": 14,
    "interventions_staff:milestone_add": 13,
    "interventions_staff:milestone_edit": 14,
    "interventions_staff:milestone_done": 14,
    "interventions_staff:milestone_delete": 14,
    "interventions_staff:progress_add": 13,
    "interventions_staff:delivery": 7,
    "dashboard:dashboard": 16,
    "publishing_staff:publication_list": 6,
    "publishing_staff:publication_create": 5,
    "publishing_staff:publication_detail": 6,
    "publishing_staff:publication_edit": 6,
    "publishing_staff:version_edit": 8,
    "publishing_staff:version_compare": 8,
    "publishing_staff:version_detail": 10,
    "publishing_staff:version_detail (published)": 10,
    "publishing_staff:version_progress": 6,
    "publishing_staff:section_create": 7,
    "publishing_staff:section_edit": 8,
    "publishing_staff:section_delete": 10,
    "publishing_staff:sign_off_request": 8,
    "publishing:sign_off_list": 4,
    "publishing:sign_off_detail": 7,
    "publishing:publication_list": 4,
    "publishing:publication_detail": 5,
    "publishing:version_detail": 5,
    "publishing:version_file": 4,
    "strategy_staff:stage_advance": 7,
    "insights_staff:strategy": 23,
    "insights_staff:priority": 21,
    "insights_staff:window": 21,
    "insights_staff:tags": 8,
    "insights_staff:you_said": 5,
    "insights_staff:theme_label": 5,
    "insights_staff:you_said_add": 7,
    "insights_staff:you_said_delete": 5,
}

H1 = re.compile(r'<h1 class="govuk-heading-[a-z]+">(.*?)</h1>', re.DOTALL)


FILENAME = re.compile(r'filename="([^"]+)"')


@dataclass(frozen=True)
class Visit:
    """What one page showed for one strategy: its main headings and the queries it made."""

    heading: str
    queries: list[str]


def _heading(page: Page, response: HttpResponse | FileResponse) -> str:
    """The page's headings (as HTML), a calendar's name or its one meeting, a download's name."""
    if page.kind == "file":
        assert isinstance(response, FileResponse)
        content = b"".join(response.streaming_content)
        # A paper, a material, a research file, or a publication's file from its faked build.
        assert content in (PAPER_BYTES, MATERIAL_BYTES, RESEARCH_BYTES) or content.startswith(
            b"pdf of version "
        )
        found = FILENAME.search(response["Content-Disposition"])
        return found.group(1) if found else ""
    assert isinstance(response, HttpResponse)
    if page.kind == "calendar":
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.content)
        if "X-WR-CALNAME" in calendar:
            return str(calendar["X-WR-CALNAME"])
        (event,) = calendar.walk("VEVENT")
        return str(event["SUMMARY"])
    return " ".join(H1.findall(response.content.decode()))


def _close(response: HttpResponse) -> None:
    """Close a response (a download's file with it) as the test client does for its own.

    HttpResponse.close() sends request_finished, whose close_old_connections handler would close
    the database connection mid-transaction on PostgreSQL (the module's data lives in that
    transaction); the test client disconnects the handler around it, and so do we.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _visit(client, scenarios: Scenarios, page: Page, objects: Objects) -> Visit:
    client.logout()
    if page.user == "staff":
        client.force_login(scenarios.staff)
    elif page.user == "member":
        client.force_login(objects.member)
    elif page.user == "participant":
        client.force_login(objects.participant)
    address = page.url(objects)
    # The first visit fills the process's caches (templates, content types); the second counts.
    first = client.get(address)
    assert first.status_code == 200, f"{page.name} at {address} answered {first.status_code}"
    heading = _heading(page, first)
    _close(first)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(address)
    _close(again)
    assert again.status_code == 200, f"{page.name} at {address} answered {again.status_code}"
    return Visit(
        heading=heading,
        queries=[query["sql"][:160] for query in captured.captured_queries],
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_shows_its_heading_and_makes_as_many_queries_for_ten_times_the_demo(
    client, settings, scenarios, page
):
    settings.MEDIA_ROOT = scenarios.media_root
    if page.at_demo_moment:
        settings.CONVENOR_AS_OF = DEMO_MOMENT
    demo = _visit(client, scenarios, page, scenarios.demo)
    large = _visit(client, scenarios, page, scenarios.large)

    def shown(objects: Objects) -> str:
        heading = page.heading(objects)
        return html.escape(heading) if page.kind == "page" else heading

    assert demo.heading == shown(scenarios.demo)
    assert large.heading == shown(scenarios.large)
    expected = QUERIES.get(page.name)
    counts = (len(demo.queries), len(large.queries))
    assert counts == (expected, expected), (
        f"{page.name}: {counts[0]} queries for the demo, {counts[1]} for ten times the demo, "
        f"{expected} expected. Ten times the demo made:\n" + "\n".join(large.queries)
    )


# Pages this module does not open: a redirect, and the back office (Django's admin).
# Downloads of the register (CSV and XLSX), whose query counts tests/stakeholders/test_exporting.py
# asserts at two sizes.
NOT_PAGES = {
    "ui:after_sign_in",
    # Buttons: they answer POST only.
    "joining_staff:participant_decide",
    "discussions_staff:discussion_announce",
    "workshops:place_book",
    "workshops:place_cancel",
    "workshops_staff:remind",
    "statements:vote_cast",
    "documents:react",
    "documents_staff:document_announce",
    "publishing_staff:version_new",
    "publishing_staff:version_build",
    "publishing_staff:lint_waive",
    "publishing_staff:waiver_withdraw",
    "publishing_staff:review_withdraw",
    "publishing_staff:version_publish",
    "publishing_staff:section_move",
    "publishing:sign_off_sign",
    "publishing:sign_off_return",
    "stakeholders_staff:organisation_export",
    "stakeholders_staff:person_export",
    "insights_staff:run",
    "insights_staff:tag_decide",
    "insights_staff:tag_add",
    # Downloads whose query counts tests/insights/test_exports.py asserts at two sizes.
    "insights_staff:export",
}
NAMESPACES_NOT_COVERED = {"admin"}


def _url_names(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_page_of_the_site_is_opened_here():
    # Our apps' URLs are all namespaced; the ones without a namespace are django-allauth's, of
    # which the sign-in page is opened here.
    names = {
        name
        for name in _url_names(get_resolver())
        if ":" in name and name.split(":")[0] not in NAMESPACES_NOT_COVERED
    } - NOT_PAGES
    opened = {page.name.split(" ")[0] for page in PAGES}

    assert names - opened == set()
    assert set(QUERIES) == {page.name for page in PAGES}
