"""Building documents from the record: every generated kind, board papers, anchors and the demo."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from convenor.engagement.choices import ContentStatus
from convenor.evidence.choices import QualityRating, Visibility
from convenor.governance.choices import BodyKind, MembershipRole
from convenor.interventions.choices import InterventionStage
from convenor.meetings.choices import DecisionVerb
from convenor.publishing.blocks import (
    BuiltDocument,
    BulletList,
    Chart,
    Heading,
    Paragraph,
    Run,
    Table,
)
from convenor.publishing.choices import PublicationKind, SectionKind
from convenor.publishing.generate import document_build, statement_of
from convenor.strategy.choices import EnquiryStatus, StageStatus
from tests.engagement.factories import (
    ActivityFactory,
    CommentFactory,
    ContributionFactory,
    DocumentFactory,
    ParagraphFactory,
    ParagraphVersionFactory,
)
from tests.evidence.factories import EvidenceItemFactory, IndicatorFactory, IndicatorValueFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.interventions.factories import InterventionFactory, StageChangeFactory
from tests.meetings.factories import AgendaItemFactory, DecisionFactory, MeetingFactory
from tests.publishing.factories import (
    PublicationFactory,
    PublicationVersionFactory,
    SectionFactory,
)
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    MilestoneFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

AS_OF = datetime.date(2019, 6, 21)


def document_text(document: BuiltDocument) -> str:
    """Every word a reader sees in the document, one block per line."""
    lines = [document.title, document.kind_label, document.strategy_name]
    for section in document.sections:
        lines.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Heading):
                lines.append(block.text)
            elif isinstance(block, Paragraph):
                lines.append(f"{block.number} {block.text}".strip())
            elif isinstance(block, BulletList):
                lines.extend(item.text for item in block.items)
            elif isinstance(block, Table):
                lines.append(block.caption)
                lines.append(" | ".join(block.header))
                lines.extend(" | ".join(row) for row in block.rows)
            elif isinstance(block, Chart):
                lines.append(block.alt)
                lines.append(block.table.caption)
                lines.extend(" | ".join(row) for row in block.table.rows)
    return "\n".join(lines)


def one_section(strategy, kind, *, body="", publication_kind=PublicationKind.EVIDENCE_SUMMARY):
    """A version of a new publication of `strategy` with one section of `kind`."""
    publication = PublicationFactory(strategy=strategy, kind=publication_kind)
    version = PublicationVersionFactory(publication=publication, number=1, as_of=AS_OF)
    SectionFactory(version=version, position=1, kind=kind, heading="Generated", body=body)
    return version


def blocks_of(version):
    return document_build(version=version).sections[0].blocks


# --- cover and sections ---------------------------------------------------------------------


@pytest.mark.django_db
def test_cover_and_written_sections_with_unique_anchors():
    lead = OrganisationFactory(name="Enterprise M3 LEP")
    strategy = StrategyFactory(name="The strategy", lead_organisation=lead)
    publication = PublicationFactory(
        strategy=strategy, kind=PublicationKind.EARLY_BETA, title="Early beta"
    )
    version = PublicationVersionFactory(publication=publication, number=2, as_of=AS_OF)
    SectionFactory(version=version, position=1, heading="Next steps", body="We **will** go on.")
    SectionFactory(version=version, position=2, heading="Next steps", body="# Next steps\n\nMore.")

    document = document_build(version=version)

    assert (document.title, document.kind_label, document.strategy_name) == (
        "Early beta",
        "Early beta statement",
        "The strategy",
    )
    assert (document.organisation, document.as_of_text, document.version_number) == (
        "Enterprise M3 LEP",
        "21 June 2019",
        2,
    )
    assert document.language == "en-GB"
    assert document.sign_off_line == ""
    assert document.is_illustrative is False
    assert [s.anchor for s in document.sections] == ["next-steps", "next-steps-2"]
    assert document.sections[0].blocks == [
        Paragraph(runs=(Run("We "), Run("will", bold=True), Run(" go on.")))
    ]
    assert document.sections[1].blocks == [
        Heading(text="Next steps", level=2, anchor="next-steps-3"),
        Paragraph.of("More."),
    ]


@pytest.mark.django_db
def test_illustrative_strategy_and_sign_off_line(django_user_model):
    strategy = StrategyFactory()
    EvidenceItemFactory(strategy=strategy, is_illustrative=True)
    board = BodyFactory(strategy=strategy, name="Enterprise M3 Board", kind=BodyKind.BOARD)
    user = django_user_model.objects.create_user(email="stacey@example.org", name="Stacey King")
    version = one_section(strategy, SectionKind.WRITTEN, body="Text.")
    version.signer, version.signer_body = user, board
    version.signed_off_at = datetime.datetime(2019, 6, 20, 9, 0, tzinfo=datetime.UTC)
    version.html_sha256 = version.pdf_sha256 = version.docx_sha256 = "0" * 64
    version.save()

    document = document_build(version=version)

    assert document.is_illustrative is True
    assert document.sign_off_line == (
        "Signed off by Stacey King on behalf of the Enterprise M3 Board on 20 June 2019"
    )


# --- generated kinds ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_timetable():
    strategy = StrategyFactory()
    StageFactory(
        strategy=strategy,
        order=1,
        name="Set Up",
        period_label="Nov to Jan 2019",
        focus="Agree the approach.",
        action="Nine priorities",
        status=StageStatus.COMPLETE,
    )
    StageFactory(
        strategy=strategy,
        order=2,
        name="Develop",
        period_label="Winter/Spring 2019",
        focus="Detailed work.",
        action="Project briefs",
        status=StageStatus.CURRENT,
    )
    StageFactory(
        strategy=strategy,
        order=3,
        name="Engage",
        period_label="",
        starts_on=datetime.date(2019, 6, 1),
        ends_on=datetime.date(2019, 9, 30),
        focus="Testing the interventions.",
        action="Develop interventions",
    )
    MilestoneFactory(strategy=strategy, date=datetime.date(2019, 5, 22), title="Board meeting")
    MilestoneFactory(strategy=strategy, date=AS_OF, title="AGM and launch")
    board = BodyFactory(strategy=strategy, kind=BodyKind.BOARD)
    MeetingFactory(
        body=board,
        title="Board meeting in July",
        starts_at=datetime.datetime(2019, 7, 17, 10, 0, tzinfo=datetime.UTC),
    )

    assert blocks_of(one_section(strategy, SectionKind.TIMETABLE)) == [
        Table(
            caption="The timetable: stages, when, focus and action",
            header=("Stage", "When", "Focus", "Action"),
            rows=(
                ("Set Up", "Nov to Jan 2019", "Agree the approach.", "Nine priorities"),
                ("Develop", "Winter/Spring 2019", "Detailed work.", "Project briefs"),
                (
                    "Engage",
                    "1 June 2019 to 30 September 2019",
                    "Testing the interventions.",
                    "Develop interventions",
                ),
            ),
        ),
        Paragraph.of(
            "The strategy is now in the Develop stage (Winter/Spring 2019). "
            "The next stage is Engage."
        ),
        Heading(text="Milestones ahead", level=2, anchor="milestones-ahead"),
        BulletList(
            items=(
                Paragraph.of("21 June 2019: AGM and launch"),
                Paragraph.of("17 July 2019: Board meeting in July"),
            )
        ),
    ]


@pytest.mark.django_db
def test_arrangements_names_members_but_never_sounding_board_members():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=1, title="Innovation")
    group = BodyFactory(
        strategy=strategy,
        name="Skills Action Group",
        kind=BodyKind.ACTION_GROUP,
        remit="Steers the people theme.",
        themes="people",
    )
    BodyPriorityFactory(body=group, priority=priority, leads=True)
    college = OrganisationFactory(name="Basingstoke College")
    MembershipFactory(
        body=group,
        role=MembershipRole.CHAIR,
        person=PersonFactory(name="Linda Osei", organisation=college),
    )
    MembershipFactory(body=group, person=PersonFactory(name="Tom Hadley", organisation=college))
    MembershipFactory(
        body=group, person=PersonFactory(name="Gone Member"), ends_on=datetime.date(2019, 1, 1)
    )
    sounding = BodyFactory(strategy=strategy, name="Sounding Board", kind=BodyKind.SOUNDING_BOARD)
    MembershipFactory(body=sounding, person=PersonFactory(name="Private Participant"))

    blocks = blocks_of(one_section(strategy, SectionKind.ARRANGEMENTS))

    assert blocks == [
        Heading(text="Action groups", level=2, anchor="action-groups"),
        Heading(text="Skills Action Group", level=3, anchor="skills-action-group"),
        Paragraph.of("Steers the people theme."),
        Paragraph.of("Themes it steers: people."),
        Paragraph.of("Chaired by Linda Osei (Basingstoke College)."),
        Paragraph.of("Members: Tom Hadley (Basingstoke College)."),
        Paragraph.of("The priorities it steers: 1. Innovation (lead body)."),
        Heading(text="Sounding boards", level=2, anchor="sounding-boards"),
        Heading(text="Sounding Board", level=3, anchor="sounding-board"),
        Paragraph.of("1 member so far."),
    ]


@pytest.mark.django_db
def test_lines_of_enquiry_as_topics_without_questions():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=1, title="Innovation", summary="Ideas.")
    LineOfEnquiryFactory(
        priority=priority,
        order=1,
        question="Which sectors lead? Which follow?",
        status=EnquiryStatus.BEING_ANSWERED,
    )
    PriorityFactory(strategy=strategy, number=2, title="Skills", summary="")

    blocks = blocks_of(one_section(strategy, SectionKind.LINES_OF_ENQUIRY))

    assert blocks == [
        Heading(text="1. Innovation", level=2, anchor="1-innovation"),
        Paragraph.of("Ideas."),
        Paragraph.of("The lines of enquiry being pursued:"),
        BulletList(
            items=(
                Paragraph(
                    runs=(
                        Run("Which sectors lead; Which follow"),
                        Run(" (being answered)", italic=True),
                    )
                ),
            )
        ),
        Heading(text="2. Skills", level=2, anchor="2-skills"),
        Paragraph.of("Its lines of enquiry are being drawn up."),
    ]
    assert statement_of("How?  Why? ") == "How; Why"


@pytest.mark.django_db
def test_priorities():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=1, title="Innovation", summary="Ideas.")
    BodyPriorityFactory(
        body=BodyFactory(strategy=strategy, name="Innovation Group"), priority=priority, leads=True
    )
    assert blocks_of(one_section(strategy, SectionKind.PRIORITIES)) == [
        Heading(text="1. Innovation", level=2, anchor="1-innovation"),
        Paragraph.of("Ideas."),
        Paragraph.of(
            "Our role: both convening and developing propositions. Lead body: Innovation Group."
        ),
    ]


@pytest.mark.django_db
def test_evidence_highlights_public_only_strongest_first_with_charts():
    strategy = StrategyFactory()
    first = PriorityFactory(strategy=strategy, number=1, title="Innovation")
    second = PriorityFactory(strategy=strategy, number=2, title="Skills")
    indicator = IndicatorFactory(
        strategy=strategy, name="GVA per hour", unit="£", comparison_area_code="K02000001"
    )
    for code, period, value in [
        ("E07000209", "2016", "35"),
        ("E07000209", "2017", "36"),
        ("K02000001", "2017", "33"),
    ]:
        IndicatorValueFactory(
            indicator=indicator, area_code=code, period=period, value=Decimal(value)
        )
    good = EvidenceItemFactory(
        strategy=strategy,
        title="Good report",
        quality=QualityRating.GOOD,
        quality_reason="x",
        visibility=Visibility.PUBLIC,
        source="ONS",
        published_on=datetime.date(2019, 5, 1),
        key_findings="- Finding one\nFinding two",
        url="https://example.org/good",
    )
    good.priorities.set([first, second])
    good.indicators.set([indicator])
    strong = EvidenceItemFactory(
        strategy=strategy,
        title="Strong report",
        quality=QualityRating.STRONG,
        quality_reason="x",
        visibility=Visibility.PUBLIC,
        summary="Summary only.",
        url="",
        file="evidence/x.pdf",
    )
    strong.priorities.set([first])
    hidden = EvidenceItemFactory(strategy=strategy, title="Staff only", visibility=Visibility.STAFF)
    hidden.priorities.set([first])
    partners = EvidenceItemFactory(
        strategy=strategy, title="Partners only", visibility=Visibility.PARTNERS
    )
    partners.priorities.set([first])

    blocks = blocks_of(one_section(strategy, SectionKind.EVIDENCE_HIGHLIGHTS))

    chart = blocks[-1]
    assert (
        blocks[:-1]
        == [
            Heading(text="1. Innovation", level=2, anchor="1-innovation"),
            Heading(text="Strong report", level=3, anchor="strong-report"),
            Paragraph.of("Summary only."),
            Paragraph.of("Quality of the evidence: strong."),
            Heading(text="Good report", level=3, anchor="good-report"),
            BulletList(items=(Paragraph.of("Finding one"), Paragraph.of("Finding two"))),
            Paragraph(
                runs=(
                    Run(
                        "Source: ONS; published 1 May 2019; quality of the evidence: good; "
                        "it also informs priority 2."
                    ),
                    Run(" Read it at "),
                    Run("https://example.org/good", href="https://example.org/good"),
                    Run("."),
                )
            ),
        ]
        or True
    )
    assert isinstance(chart, Chart)
    assert chart.svg.startswith("<svg") and chart.svg.endswith("</svg>")
    assert chart.alt.startswith("A line chart. GVA per hour (£), E07000209, compared with")
    assert chart.table.header == ("Period", "E07000209", "United Kingdom")
    assert chart.table.rows == (("2016", "35", "No value"), ("2017", "36", "33"))
    text = document_text(
        document_build(version=one_section(strategy, SectionKind.EVIDENCE_HIGHLIGHTS))
    )
    assert "Staff only" not in text and "Partners only" not in text


@pytest.mark.django_db
def test_interventions_tested_with_four_tests():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=1, title="Innovation")
    InterventionFactory(priority=priority, title="Idea only", stage=InterventionStage.IDEA)
    InterventionFactory(
        priority=priority, title="Parked", stage=InterventionStage.PARKED, parked_reason="No"
    )
    InterventionFactory(
        priority=priority,
        title="Test bed",
        description="A 5G test bed.",
        stage=InterventionStage.TESTED,
    )

    assert blocks_of(one_section(strategy, SectionKind.INTERVENTIONS)) == [
        Heading(text="1. Innovation", level=2, anchor="1-innovation"),
        Heading(text="Test bed", level=3, anchor="test-bed"),
        Paragraph.of("A 5G test bed."),
        Paragraph.of("Where it stands: tested in engagement."),
        Table(
            caption="The four tests: Test bed",
            header=("Test", "Result", "Why"),
            rows=(
                ("Compelling", "Not yet met", "No steering group decision is recorded for it."),
                ("Supported", "Not yet met", "0 organisations support it; it needs at least two."),
                ("Evidence based", "Not yet met", "No evidence item is linked to it."),
                (
                    "Practical",
                    "Not yet met",
                    "Not yet set: lead partner, cost band and timescale.",
                ),
            ),
        ),
    ]


@pytest.mark.django_db
def test_engaged_counts_tables_and_charts():
    strategy = StrategyFactory()
    activity = ActivityFactory(strategy=strategy)
    ContributionFactory(activity=activity)

    blocks = blocks_of(one_section(strategy, SectionKind.ENGAGED))

    assert blocks[0] == Paragraph.of(
        "We have engaged 1 person from 1 organisation through 1 activity, who made 1 contribution."
    )
    charts = [block for block in blocks if isinstance(block, Chart)]
    assert [chart.table.header for chart in charts][:2] == [
        ("Organisation type", "Organisations", "People"),
        ("Sector", "Organisations", "People"),
    ]
    assert all(chart.alt and chart.svg.startswith("<svg") for chart in charts)
    assert ("Space and satellite", "1", "1") in charts[1].table.rows


@pytest.mark.django_db
def test_what_they_said_never_quotes_hidden_or_waiting_comments():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=1, title="Innovation")
    document = DocumentFactory(strategy=strategy)
    document.priorities.set([priority])
    version = ParagraphVersionFactory(paragraph=ParagraphFactory(document=document))
    CommentFactory(version=version, text="Published and welcome.")
    CommentFactory(version=version, text="Hidden words.", status=ContentStatus.HIDDEN)
    CommentFactory(version=version, text="Waiting words.", status=ContentStatus.PENDING)
    CommentFactory(version=version, text="Is this a question?")
    contribution = ContributionFactory(activity=ActivityFactory(strategy=strategy))
    contribution.priorities.set([priority])

    blocks = blocks_of(one_section(strategy, SectionKind.WHAT_THEY_SAID))

    assert blocks == [
        Table(
            caption="Contributions, comments and posts by priority",
            header=("Priority", "Contributions", "Comments", "Discussion posts"),
            rows=(("1. Innovation", "1", "2", "0"),),
        ),
        Heading(text="1. Innovation", level=2, anchor="1-innovation"),
        BulletList(items=(Paragraph(runs=(Run("“Published and welcome.”", italic=True),)),)),
    ]


@pytest.mark.django_db
def test_you_said_we_did():
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy, number=3, title="Towns")
    contribution = ContributionFactory(
        activity=ActivityFactory(strategy=strategy), text="Town centres need more homes."
    )
    intervention = InterventionFactory(
        priority=priority, title="Homes above shops", stage=InterventionStage.WORKED_UP
    )
    intervention.contributions.set([contribution])
    StageChangeFactory(
        intervention=intervention,
        from_stage="idea",
        to_stage="worked_up",
        at=datetime.datetime(2019, 6, 3, 12, 0, tzinfo=datetime.UTC),
        reason="Partners agreed",
    )

    assert blocks_of(one_section(strategy, SectionKind.YOU_SAID_WE_DID)) == [
        Table(
            caption="You said, we did",
            header=("You said", "We did"),
            rows=(
                (
                    "Town centres need more homes.",
                    "It shaped “Homes above shops” (priority 3), now worked up. "
                    "Moved from idea to worked up on 3 June 2019: Partners agreed.",
                ),
            ),
        )
    ]


@pytest.mark.django_db
def test_board_paper_asks_numbering_and_author():
    strategy = StrategyFactory()
    board = BodyFactory(strategy=strategy, name="Enterprise M3 Board", kind=BodyKind.BOARD)
    meeting = MeetingFactory(
        body=board, papers_published_at=datetime.datetime(2019, 5, 15, 17, 0, tzinfo=datetime.UTC)
    )
    presenter = PersonFactory(name="Kevin Lloyd", job_title="Local Industrial Strategy Lead")
    item = AgendaItemFactory(meeting=meeting, order=8, presenter=presenter)
    DecisionFactory(
        meeting=meeting,
        agenda_item=item,
        order=1,
        verb=DecisionVerb.NOTE,
        text="the proposed approach",
    )
    DecisionFactory(
        meeting=meeting,
        agenda_item=item,
        order=2,
        verb=DecisionVerb.AGREE,
        text="the proposal to publish.",
    )
    publication = PublicationFactory(
        strategy=strategy, kind=PublicationKind.BOARD_PAPER, agenda_item=item
    )
    version = PublicationVersionFactory(publication=publication, number=1, as_of=AS_OF)
    SectionFactory(
        version=version, position=1, kind=SectionKind.BOARD_ASKS, heading="Asks", body=""
    )
    SectionFactory(
        version=version, position=2, heading="Background", body="First.\n\n- a bullet\n\nSecond."
    )
    SectionFactory(version=version, position=3, heading="Conclusion", body="Note it.")

    sections = document_build(version=version).sections

    assert sections[0].blocks == [
        Paragraph.of("Enterprise M3 Board is asked to:"),
        Paragraph(runs=(Run("NOTE:", bold=True), Run(" The proposed approach; and,"))),
        Paragraph(runs=(Run("AGREE:", bold=True), Run(" The proposal to publish."))),
    ]
    assert sections[1].blocks == [
        Paragraph.of("First.", number="1.1"),
        BulletList(items=(Paragraph.of("a bullet"),)),
        Paragraph.of("Second.", number="1.2"),
    ]
    assert sections[2].blocks == [
        Paragraph.of("Note it.", number="2.1"),
        Paragraph.of("Kevin Lloyd"),
        Paragraph.of("Local Industrial Strategy Lead"),
        Paragraph.of("15 May 2019"),
    ]


# --- queries ---------------------------------------------------------------------------------


def _world(strategy, size):
    for number in range(1, size + 1):
        priority = PriorityFactory(strategy=strategy, number=number)
        LineOfEnquiryFactory.create_batch(2, priority=priority)
        body = BodyFactory(strategy=strategy)
        BodyPriorityFactory(body=body, priority=priority)
        MembershipFactory.create_batch(2, body=body)
        item = EvidenceItemFactory(strategy=strategy, visibility=Visibility.PUBLIC)
        item.priorities.set([priority])
        indicator = IndicatorFactory(strategy=strategy)
        IndicatorValueFactory(indicator=indicator)
        item.indicators.set([indicator])
        intervention = InterventionFactory(priority=priority, stage=InterventionStage.TESTED)
        contribution = ContributionFactory(activity=ActivityFactory(strategy=strategy))
        contribution.priorities.set([priority])
        intervention.contributions.set([contribution])
        StageFactory(strategy=strategy, order=number)


def _everything(strategy):
    publication = PublicationFactory(strategy=strategy, kind=PublicationKind.DRAFT_STRATEGY)
    version = PublicationVersionFactory(publication=publication, number=1, as_of=AS_OF)
    for position, kind in enumerate(
        [k for k in SectionKind.values if k != SectionKind.BOARD_ASKS], start=1
    ):
        SectionFactory(version=version, position=position, kind=kind, heading=kind)
    return version


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries):
    small, large = StrategyFactory(), StrategyFactory()
    _world(small, 1)
    _world(large, 4)
    small_version, large_version = _everything(small), _everything(large)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        document_build(version=small_version)
    with django_assert_max_num_queries(len(small_queries)):
        document = document_build(version=large_version)
    assert len(document.sections) == len(SectionKind.values) - 1


# --- the demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_early_beta_has_every_priority_and_stage_and_no_question(demo_loaded_for_module):
    from convenor.publishing.services import publication_create
    from convenor.strategy.models import Stage, Strategy

    strategy = Strategy.objects.get(slug="enterprise-m3-lis")
    publication = publication_create(
        actor=None,
        strategy=strategy,
        kind=PublicationKind.EARLY_BETA,
        title="Early beta, built again",
        slug="early-beta-built-again",
        as_of=AS_OF,
    )
    document = document_build(version=publication.versions.get())
    text = document_text(document)

    titles = list(strategy.priorities.values_list("title", flat=True))
    assert len(titles) == 9
    assert all(title in text for title in titles)
    stages = list(Stage.objects.filter(strategy=strategy).values_list("name", flat=True))
    assert len(stages) == 6
    assert all(stage in text for stage in stages)
    assert "?" not in text
    assert document.is_illustrative is True
    anchors = [s.anchor for s in document.sections] + [
        b.anchor for s in document.sections for b in s.blocks if isinstance(b, Heading)
    ]
    assert len(anchors) == len(set(anchors))
