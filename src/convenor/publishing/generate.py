"""Turns a version's sections and the live record into a BuiltDocument.

Written sections are their Markdown's blocks; a generated section prints its Markdown first, then
what it generates from the record (the timetable, the bodies, the priorities and their lines of
enquiry, public evidence with its charts, interventions and their four tests, who was engaged,
what they said, "you said, we did", and what a board is asked to do). Each kind reads the record
once per build, whatever the number of sections of that kind, in a fixed number of queries.

No generated text asks the reader a question: a document that is not a consultation must contain
none (the question lint), so lines of enquiry are printed as the topics they are, and quotes that
ask questions are not chosen.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from convenor.dashboard.charts import Series, bar_chart
from convenor.engagement.coverage_selectors import Coverage, CoverageRow, coverage_for
from convenor.evidence.indicator_charts import indicator_chart_context
from convenor.evidence.indicator_selectors import area_names
from convenor.evidence.models import EvidenceItem, Indicator
from convenor.governance.choices import MEMBERSHIP_ROLE_ORDER, BodyKind, MembershipRole
from convenor.governance.models import Body, Membership
from convenor.governance.selectors import bodies_grouped_by_kind
from convenor.insights import report_selectors
from convenor.insights.choices import kind_label
from convenor.interventions.four_tests import intervention_tests
from convenor.interventions.models import Intervention
from convenor.meetings.selectors import bodies_asked
from convenor.publishing import selectors
from convenor.publishing.blocks import (
    Block,
    BuiltDocument,
    BuiltSection,
    BulletList,
    Chart,
    Heading,
    Paragraph,
    Run,
    Table,
)
from convenor.publishing.choices import PublicationKind, SectionKind
from convenor.publishing.markdown import markdown_blocks
from convenor.publishing.models import Publication, PublicationVersion
from convenor.strategy.models import Priority, Strategy
from convenor.strategy.selectors import milestone_list, stage_list, timetable_position

LANGUAGE = "en-GB"
BAR_COLOUR = "#1d70b8"
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def date_text(day: datetime.date) -> str:
    """A date as the documents write it: 21 June 2019."""
    return f"{day.day} {day:%B %Y}"


def statement_of(question: str) -> str:
    """A line of enquiry as the topic it names, without its question mark: documents that are
    not consultations ask their readers nothing."""
    text = re.sub(r"\?+\s+(?=\S)", "; ", question.strip())
    return text.rstrip("?").rstrip()


def _no_question(text: str) -> str:
    """Record text printed by a generated section, with any question mark taken out."""
    return statement_of(text) if "?" in text else text


class _Anchors:
    """Anchors unique in the document: a heading's slug, numbered when it is already taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def of(self, text: str) -> str:
        base = slugify(text)[:60].strip("-") or "section"
        anchor, number = base, 2
        while anchor in self.taken:
            anchor, number = f"{base}-{number}", number + 1
        self.taken.add(anchor)
        return anchor


class _Builder:
    """Builds one version's document; each generated kind reads the record once, on first use."""

    def __init__(self, version: PublicationVersion) -> None:
        self.version = version
        self.publication: Publication = version.publication
        self.strategy: Strategy = self.publication.strategy
        self.as_of: datetime.date = version.as_of
        self.cache: dict[str, list[Block]] = {}
        self.charts = 0

    # --- the document ---------------------------------------------------------------------

    def document(self) -> BuiltDocument:
        sections = selectors.version_sections(version=self.version)
        is_board_paper = self.publication.kind == PublicationKind.BOARD_PAPER
        anchors = _Anchors()
        built: list[BuiltSection] = []
        numbered_index = 0
        for section in sections:
            blocks = markdown_blocks(section.body)
            if is_board_paper and section.kind != SectionKind.BOARD_ASKS:
                numbered_index += 1
                blocks = _numbered(blocks, numbered_index)
            if section.kind != SectionKind.WRITTEN:
                blocks = blocks + self.generated(section.kind)
            built.append(
                BuiltSection(
                    section_id=section.pk,
                    anchor=anchors.of(section.heading),
                    heading=section.heading,
                    blocks=[_anchored(block, anchors) for block in blocks],
                    starts_new_page=section.starts_new_page,
                )
            )
        if is_board_paper and built:
            built[-1].blocks.extend(self.author_block())
        lead = self.strategy.lead_organisation
        return BuiltDocument(
            title=self.publication.title,
            kind_label=str(self.publication.get_kind_display()),
            strategy_name=self.strategy.name,
            organisation=lead.name if lead else "",
            as_of_text=date_text(self.as_of),
            as_of=self.as_of,
            version_number=self.version.number,
            language=LANGUAGE,
            sections=built,
            sign_off_line=self.sign_off_line(),
            is_illustrative=selectors.strategy_is_illustrative(strategy=self.strategy),
        )

    def sign_off_line(self) -> str:
        version = self.version
        if version.signed_off_at is None or version.signer is None:
            return ""
        signer = version.signer
        person = getattr(signer, "person", None)
        name = person.name if person is not None else (signer.name or signer.email)
        body = version.signer_body.name if version.signer_body else ""
        day = timezone.localtime(version.signed_off_at).date()
        return f"Signed off by {name} on behalf of the {body} on {date_text(day)}"

    def generated(self, kind: str) -> list[Block]:
        """The blocks a generated kind makes, read once per build however often it appears."""
        if kind not in self.cache:
            makers: dict[str, Callable[[], list[Block]]] = {
                SectionKind.TIMETABLE: self.timetable,
                SectionKind.ARRANGEMENTS: self.arrangements,
                SectionKind.LINES_OF_ENQUIRY: self.lines_of_enquiry,
                SectionKind.PRIORITIES: self.priorities,
                SectionKind.EVIDENCE_HIGHLIGHTS: self.evidence_highlights,
                SectionKind.INTERVENTIONS: self.interventions,
                SectionKind.ENGAGED: self.engaged,
                SectionKind.WHAT_THEY_SAID: self.what_they_said,
                SectionKind.YOU_SAID_WE_DID: self.you_said_we_did,
                SectionKind.BOARD_ASKS: self.board_asks,
            }
            maker = makers.get(kind)
            self.cache[kind] = maker() if maker else []
        return list(self.cache[kind])

    def chart_id(self) -> str:
        self.charts += 1
        return f"chart-{self.charts}"

    # --- timetable --------------------------------------------------------------------------

    def timetable(self) -> list[Block]:
        stages = list(stage_list(strategy=self.strategy))
        if not stages:
            return [Paragraph.of("The timetable has not been set yet.")]
        blocks: list[Block] = [
            Table(
                caption="The timetable: stages, when, focus and action",
                header=("Stage", "When", "Focus", "Action"),
                rows=tuple(
                    (
                        stage.name,
                        stage.period_label
                        or f"{date_text(stage.starts_on)} to {date_text(stage.ends_on)}",
                        _no_question(stage.focus),
                        _no_question(stage.action),
                    )
                    for stage in stages
                ),
            )
        ]
        position = timetable_position(stages=stages)
        if position.current is not None:
            current = position.current
            when = f" ({current.period_label})" if current.period_label else ""
            text = f"The strategy is now in the {current.name} stage{when}."
            if position.next is not None:
                text += f" The next stage is {position.next.name}."
            blocks.append(Paragraph.of(text))
        elif position.all_complete:
            blocks.append(Paragraph.of("Every stage of the timetable is complete."))
        upcoming = self.upcoming_dates()
        if upcoming:
            blocks.append(Heading(text="Milestones ahead", level=2))
            blocks.append(
                BulletList(
                    items=tuple(
                        Paragraph.of(f"{date_text(day)}: {_no_question(title)}")
                        for day, title in upcoming
                    )
                )
            )
        return blocks

    def upcoming_dates(self) -> list[tuple[datetime.date, str]]:
        """Milestones and board meetings on or after the date the document speaks for."""
        dated = {
            (milestone.date, milestone.title)
            for milestone in milestone_list(strategy=self.strategy)
            if milestone.date >= self.as_of
        }
        days_with_milestones = {day for day, _ in dated}
        for meeting in selectors.upcoming_board_meetings(strategy=self.strategy, since=self.as_of):
            day = timezone.localtime(meeting.starts_at).date()
            # A milestone for the same day already names the meeting in the timetable's words.
            if day not in days_with_milestones:
                dated.add((day, meeting.title))
        return sorted(dated)

    # --- engagement arrangements -------------------------------------------------------------

    def arrangements(self) -> list[Block]:
        bodies = selectors.bodies_for_arrangements(strategy=self.strategy, today=self.as_of)
        if not bodies:
            return [Paragraph.of("No groups or boards have been set up yet.")]
        blocks: list[Block] = []
        for group in bodies_grouped_by_kind(bodies=bodies):
            blocks.append(Heading(text=group.heading, level=2))
            for body in group.bodies:
                blocks.extend(self.body_blocks(body))
        return blocks

    def body_blocks(self, body: Body) -> list[Block]:
        blocks: list[Block] = [Heading(text=body.name, level=3)]
        if body.remit.strip():
            blocks.append(Paragraph.of(_no_question(body.remit.strip())))
        if body.themes.strip():
            blocks.append(Paragraph.of(f"Themes it steers: {_no_question(body.themes.strip())}."))
        members: list[Membership] = sorted(
            body.current_memberships,  # type: ignore[attr-defined]
            key=lambda m: (MEMBERSHIP_ROLE_ORDER.get(m.role, 99), m.person.name),
        )
        chairs = [m for m in members if m.role == MembershipRole.CHAIR]
        if chairs:
            blocks.append(Paragraph.of(f"Chaired by {_names(chairs)}."))
        count = body.member_count  # type: ignore[attr-defined]
        if body.kind == BodyKind.SOUNDING_BOARD:
            # Sounding board members are members of the public and partners who chose how they
            # are named on its pages; a publication counts them and names none.
            blocks.append(Paragraph.of(_count_text(count, "member", "members") + " so far."))
        elif members:
            others = [m for m in members if m.role != MembershipRole.CHAIR]
            if others:
                blocks.append(Paragraph.of(f"Members: {_names(others)}."))
        steered = list(body.steered.all())
        if steered:
            blocks.append(
                Paragraph.of(
                    "The priorities it steers: "
                    + "; ".join(
                        f"{link.priority.number}. {link.priority.title}"
                        + (" (lead body)" if link.leads else "")
                        for link in steered
                    )
                    + "."
                )
            )
        return blocks

    # --- priorities and lines of enquiry -----------------------------------------------------

    def lines_of_enquiry(self) -> list[Block]:
        priorities = selectors.priorities_with_enquiries(strategy=self.strategy)
        if not priorities:
            return [Paragraph.of("No priorities have been set yet.")]
        blocks: list[Block] = []
        for priority in priorities:
            blocks.append(Heading(text=_priority_title(priority), level=2))
            if priority.summary.strip():
                blocks.append(Paragraph.of(_no_question(priority.summary.strip())))
            lines = list(priority.lines_of_enquiry.all())
            if lines:
                blocks.append(Paragraph.of("The lines of enquiry being pursued:"))
                blocks.append(
                    BulletList(
                        items=tuple(
                            Paragraph(
                                runs=(
                                    Run(statement_of(line.question)),
                                    Run(f" ({line.get_status_display().lower()})", italic=True),
                                )
                            )
                            for line in lines
                        )
                    )
                )
            else:
                blocks.append(Paragraph.of("Its lines of enquiry are being drawn up."))
        return blocks

    def priorities(self) -> list[Block]:
        priorities = selectors.priorities_with_lead_body(strategy=self.strategy)
        if not priorities:
            return [Paragraph.of("No priorities have been set yet.")]
        blocks: list[Block] = []
        for priority in priorities:
            blocks.append(Heading(text=_priority_title(priority), level=2))
            if priority.summary.strip():
                blocks.append(Paragraph.of(_no_question(priority.summary.strip())))
            lead = next((link.body for link in priority.steering.all() if link.leads), None)
            role = f"Our role: {str(priority.get_lep_role_display()).lower()}."
            if lead is not None:
                role += f" Lead body: {lead.name}."
            blocks.append(Paragraph.of(role))
        return blocks

    # --- evidence highlights ------------------------------------------------------------------

    def evidence_highlights(self) -> list[Block]:
        items = selectors.public_evidence(strategy=self.strategy)
        if not items:
            return [Paragraph.of("No evidence has been published yet.")]
        priorities = {p.pk: p for item in items for p in item.priorities.all()}
        grouped: dict[int | None, list[EvidenceItem]] = {}
        for item in items:
            first = next(iter(item.priorities.all()), None)
            grouped.setdefault(first.pk if first else None, []).append(item)
        indicators: dict[int, Indicator] = {
            ind.pk: ind for item in items for ind in item.indicators.all()
        }
        charts = self.indicator_charts(list(indicators.values()))
        charted: set[int] = set()
        blocks: list[Block] = []
        order = sorted(grouped, key=lambda pk: priorities[pk].number if pk is not None else 10**6)
        for priority_pk in order:
            title = (
                _priority_title(priorities[priority_pk])
                if priority_pk is not None
                else "Across the strategy"
            )
            blocks.append(Heading(text=title, level=2))
            ranked = sorted(
                grouped[priority_pk],
                key=lambda item: selectors.QUALITY_ORDER.get(item.quality, 5),
            )
            for item in ranked:
                blocks.extend(self.evidence_item_blocks(item, priority_pk))
                for indicator in item.indicators.all():
                    if indicator.pk not in charted and indicator.pk in charts:
                        charted.add(indicator.pk)
                        blocks.append(charts[indicator.pk])
        return blocks

    def evidence_item_blocks(self, item: EvidenceItem, shown_under: int | None) -> list[Block]:
        blocks: list[Block] = [Heading(text=_no_question(item.title), level=3)]
        findings = [
            _no_question(line.strip().lstrip("-•* ").strip())
            for line in item.key_findings.splitlines()
            if line.strip().lstrip("-•* ").strip()
        ]
        if findings:
            blocks.append(BulletList(items=tuple(Paragraph.of(text) for text in findings)))
        elif item.summary.strip():
            # The findings are the highlight; the summary stands in only where none are listed.
            blocks.append(Paragraph.of(_no_question(item.summary.strip())))
        about = []
        if item.source:
            about.append(f"Source: {item.source}")
        if item.published_on:
            about.append(f"published {date_text(item.published_on)}")
        if item.quality:
            about.append(f"quality of the evidence: {str(item.get_quality_display()).lower()}")
        others = [p for p in item.priorities.all() if p.pk != shown_under]
        if others:
            numbers = [str(p.number) for p in others]
            listed = f"{', '.join(numbers[:-1])} and {numbers[-1]}" if numbers[1:] else numbers[0]
            about.append(f"it also informs {'priorities' if numbers[1:] else 'priority'} {listed}")
        runs = [Run(_no_question("; ".join(about)) + ".")] if about else []
        if item.url:
            runs += [Run(" Read it at "), Run(item.url, href=item.url), Run(".")]
        if runs:
            blocks.append(Paragraph(runs=tuple(runs)))
        return blocks

    def indicator_charts(self, indicators: list[Indicator]) -> dict[int, Chart]:
        """A line chart per indicator, of its first area against its comparison area, drawn by
        the evidence base's own chart include (two queries for all of them)."""
        if not indicators:
            return {}
        values: dict[int, list[tuple[str, str, Decimal]]] = {}
        for indicator_id, code, period, value in selectors.indicator_values(indicators=indicators):
            values.setdefault(indicator_id, []).append((code, period, value))  # type: ignore[arg-type]
        codes = {code for rows in values.values() for code, _, _ in rows}
        codes |= {ind.comparison_area_code for ind in indicators if ind.comparison_area_code}
        names = area_names(codes)
        charts: dict[int, Chart] = {}
        for indicator in indicators:
            rows = values.get(indicator.pk, [])
            areas = sorted({code for code, _, _ in rows})
            if not areas:
                continue
            # As the indicator's own page does: the first area that is not the comparison.
            others = [code for code in areas if code != indicator.comparison_area_code]
            area = (others or areas)[0]
            context = indicator_chart_context(
                indicator=indicator,
                area_code=area,
                area_names=names,
                chart_id=self.chart_id(),
                values=rows,
            )
            chart = context["chart"]
            if chart is None:
                continue
            svg = _svg_of(render_to_string("evidence/includes/indicator_chart.html", context))
            header = ("Period", context["area_name"]) + (
                (context["comparison_name"],) if context["comparison_name"] else ()
            )
            table_rows = tuple(
                (row["period"], row["value"])
                + ((row["comparison"],) if context["comparison_name"] else ())
                for row in context["rows"]
            )
            caption = context["chart_title"] + (
                " (illustrative figures)" if indicator.is_illustrative else ""
            )
            charts[indicator.pk] = Chart(
                svg=svg,
                alt=f"A line chart. {chart.description}",
                table=Table(caption=caption, header=header, rows=table_rows),
            )
        return charts

    # --- interventions ---------------------------------------------------------------------

    def interventions(self) -> list[Block]:
        interventions = selectors.interventions_tested(strategy=self.strategy)
        if not interventions:
            return [Paragraph.of("No intervention has been tested in engagement yet.")]
        blocks: list[Block] = []
        current: Priority | None = None
        for intervention in interventions:
            if current is None or intervention.priority_id != current.pk:
                current = intervention.priority
                blocks.append(Heading(text=_priority_title(current), level=2))
            blocks.extend(_intervention_blocks(intervention))
        return blocks

    # --- who we engaged ----------------------------------------------------------------------

    def engaged(self) -> list[Block]:
        coverage = coverage_for(strategy=self.strategy)
        totals = coverage.totals
        blocks: list[Block] = [
            Paragraph.of(
                f"We have engaged {_count_text(totals.people, 'person', 'people')} from "
                f"{_count_text(totals.organisations, 'organisation', 'organisations')} through "
                f"{_count_text(totals.activities, 'activity', 'activities')}, who made "
                f"{_count_text(totals.contributions, 'contribution', 'contributions')}."
            )
        ]
        for title, rows, category in _coverage_tables(coverage):
            blocks.append(Heading(text=f"By {category}", level=2))
            blocks.extend(self.coverage_blocks(title, rows, category))
        if coverage.gaps:
            blocks.append(Heading(text="Who we have not yet reached", level=2))
            blocks.append(BulletList(items=tuple(Paragraph.of(gap) for gap in coverage.gaps)))
        return blocks

    def coverage_blocks(self, title: str, rows: list[CoverageRow], category: str) -> list[Block]:
        table = Table(
            caption=title,
            header=(category[:1].upper() + category[1:], "Organisations", "People"),
            rows=tuple((row.label, str(row.organisations), str(row.people)) for row in rows),
        )
        charted = [row for row in rows if row.organisations or row.people]
        chart = bar_chart(
            rows=[(row.label, [row.organisations]) for row in charted],
            series=[Series(key="organisations", label="Organisations", colour=BAR_COLOUR)],
            axis_title="Organisations engaged",
            unit=("organisation", "organisations"),
        )
        if chart is None:
            return [table]
        svg = _svg_of(
            render_to_string(
                "dashboard/includes/bar_chart.html",
                {"chart": chart, "chart_id": self.chart_id(), "chart_title": title},
            )
        )
        alt = f"A bar chart of organisations engaged by {category}: {chart.description}"
        return [Chart(svg=svg, alt=alt, table=table)]

    # --- what they said ------------------------------------------------------------------------

    def what_they_said(self) -> list[Block]:
        voices = selectors.voices_by_priority(strategy=self.strategy)
        if not voices:
            return [Paragraph.of("No priorities have been set yet.")]
        blocks: list[Block] = [
            Table(
                caption="Contributions, comments and posts by priority",
                header=("Priority", "Contributions", "Comments", "Discussion posts"),
                rows=tuple(
                    (
                        _priority_title(v.priority),
                        str(v.contributions),
                        str(v.comments),
                        str(v.posts),
                    )
                    for v in voices
                ),
            )
        ]
        blocks.extend(self.themes())
        for voice in voices:
            if not voice.quotes:
                continue
            blocks.append(Heading(text=_priority_title(voice.priority), level=2))
            blocks.append(
                BulletList(
                    items=tuple(
                        Paragraph(runs=(Run(f"“{quote}”", italic=True),)) for quote in voice.quotes
                    )
                )
            )
        return blocks

    def themes(self) -> list[Block]:
        """The themes insight found in everything said, with who raised each (no quotes: the
        texts behind a theme are not all published)."""
        run, themes = report_selectors.themes_latest(strategy=self.strategy)
        if run is None or not themes:
            return []
        day = timezone.localtime(run.finished_at).date() if run.finished_at else None
        found = f" on {date_text(day)}" if day else ""
        return [
            Heading(text="Themes", level=2),
            Paragraph.of(
                f"Themes found in {_count_text(run.text_count, TEXT_ONE, TEXT_MANY)}{found}, "
                "each with how many raised it and who they were."
            ),
            Table(
                caption="Themes in what partners said",
                header=("Theme", "Raised in", "By stakeholder type"),
                rows=tuple(
                    (
                        _no_question(theme.title),
                        str(theme.size),
                        ", ".join(
                            f"{kind_label(kind)} {count}" for kind, count in theme.kinds_counted
                        ),
                    )
                    for theme in themes
                ),
            ),
        ]

    # --- you said, we did ----------------------------------------------------------------------

    def you_said_we_did(self) -> list[Block]:
        interventions = selectors.interventions_you_said(strategy=self.strategy)
        rows: list[tuple[str, str]] = [
            (_no_question(link.said.strip()), _no_question(link.we_did.strip()))
            for link in report_selectors.you_said_links(strategy=self.strategy)
        ]
        for intervention in interventions:
            we_did = _we_did(intervention)
            for contribution in intervention.contributions.all():
                rows.append((_no_question(contribution.text.strip()), we_did))
            for statement in intervention.statements.all():
                rows.append((_no_question(statement.text.strip()), we_did))
        if not rows:
            return [Paragraph.of("Nothing said in engagement has yet shaped an intervention.")]
        return [
            Table(
                caption="You said, we did",
                header=("You said", "We did"),
                rows=tuple(rows),
            )
        ]

    # --- board papers --------------------------------------------------------------------------

    def board_asks(self) -> list[Block]:
        item = self.publication.agenda_item
        if item is None:
            return []
        decisions = selectors.agenda_item_decisions(item=item)
        if not decisions:
            return [Paragraph.of("Nothing is asked of the meeting on this item yet.")]
        bodies = selectors.meeting_bodies(meeting=item.meeting)
        blocks: list[Block] = [Paragraph.of(f"{bodies_asked(bodies)}:")]
        for index, decision in enumerate(decisions):
            text = _no_question(decision.text.strip())
            text = text[:1].upper() + text[1:]
            last = index == len(decisions) - 1
            if last:
                text = text if text.endswith(".") else f"{text}."
            else:
                text = f"{text.rstrip('.;,')}; and,"
            blocks.append(
                Paragraph(runs=(Run(f"{decision.get_verb_display()}:", bold=True), Run(f" {text}")))
            )
        return blocks

    def author_block(self) -> list[Block]:
        """The author (the item's presenter), their job title and the paper's date."""
        item = self.publication.agenda_item
        if item is None:
            return []
        meeting = item.meeting
        moment = meeting.papers_published_at or meeting.starts_at
        lines: list[str] = []
        if item.presenter is not None:
            lines.append(item.presenter.name)
            if item.presenter.job_title:
                lines.append(item.presenter.job_title)
        lines.append(date_text(timezone.localtime(moment).date()))
        return [Paragraph.of(line) for line in lines]


# --- helpers ---------------------------------------------------------------------------------

TEXT_ONE = "contribution, comment or post"
TEXT_MANY = "contributions, comments and posts"


def _priority_title(priority: Priority) -> str:
    return f"{priority.number}. {_no_question(priority.title)}"


def _count_text(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _names(memberships: Iterable[Membership]) -> str:
    """People as public pages name them: name and organisation, never contact details."""
    parts = []
    for membership in memberships:
        organisation = membership.representing or membership.person.organisation
        parts.append(membership.person.name + (f" ({organisation.name})" if organisation else ""))
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _svg_of(markup: str) -> str:
    """The <svg> element of an include's markup (its table is carried by the Chart instead)."""
    found = _SVG.search(markup)
    return found.group(0) if found else ""


def _coverage_tables(coverage: Coverage) -> list[tuple[str, list[CoverageRow], str]]:
    return [
        (
            "Organisations and people engaged by organisation type",
            coverage.by_kind,
            "organisation type",
        ),
        ("Organisations and people engaged by sector", coverage.by_sector, "sector"),
        ("Organisations and people engaged by area", coverage.by_area, "area"),
        (
            "Organisations and people engaged by the body that organised the activity",
            coverage.by_body,
            "body",
        ),
    ]


def _intervention_blocks(intervention: Intervention) -> list[Block]:
    blocks: list[Block] = [Heading(text=_no_question(intervention.title), level=3)]
    if intervention.description.strip():
        blocks.append(Paragraph.of(_no_question(intervention.description.strip())))
    blocks.append(
        Paragraph.of(f"Where it stands: {str(intervention.get_stage_display()).lower()}.")
    )
    blocks.append(
        Table(
            caption=f"The four tests: {_no_question(intervention.title)}",
            header=("Test", "Result", "Why"),
            rows=tuple(
                (result.name, "Met" if result.met else "Not yet met", _no_question(result.reason))
                for result in intervention_tests(intervention)
            ),
        )
    )
    return blocks


def _we_did(intervention: Intervention) -> str:
    """What became of what was said: the intervention, its last lifecycle move, the decision."""
    stage = str(intervention.get_stage_display()).lower()
    parts = [
        f"It shaped “{_no_question(intervention.title)}” "
        f"(priority {intervention.priority.number}), now {stage}."
    ]
    changes = list(intervention.stage_changes.all())
    if changes:
        change = changes[-1]
        moved = (
            f"Moved from {_stage_label(change.from_stage)} to {_stage_label(change.to_stage)}"
            if change.from_stage
            else f"Recorded as {_stage_label(change.to_stage)}"
        )
        day = timezone.localtime(change.at).date()
        parts.append(f"{moved} on {date_text(day)}: {_no_question(change.reason.strip())}")
    decision = intervention.compelling_decision
    if decision is not None:
        meeting = decision.meeting
        day = timezone.localtime(meeting.starts_at).date()
        parts.append(
            f"{meeting.body.name}, {date_text(day)}: {decision.outcome_text} "
            f"({decision.get_verb_display()} {_no_question(decision.text.strip())})."
        )
    return " ".join(part if part.endswith(".") else f"{part}." for part in parts)


def _stage_label(stage: str) -> str:
    from convenor.interventions.choices import InterventionStage

    try:
        return str(InterventionStage(stage).label).lower()
    except ValueError:
        return stage


def _numbered(blocks: list[Block], section_index: int) -> list[Block]:
    """A board paper's written paragraphs numbered "<section>.<n>", as the seed paper has them."""
    numbered: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph) and not block.number:
            count += 1
            block = dataclasses.replace(block, number=f"{section_index}.{count}")
        numbered.append(block)
    return numbered


def _anchored(block: Block, anchors: _Anchors) -> Block:
    """Headings inside a section get an anchor too, unique in the document."""
    if isinstance(block, Heading) and not block.anchor:
        return dataclasses.replace(block, anchor=anchors.of(block.text))
    return block


def document_build(*, version: PublicationVersion) -> BuiltDocument:
    """The document a version's files are rendered from: cover details, then every section in
    order with its written blocks and what its kind generates from the live record."""
    loaded = selectors.version_for_build(pk=version.pk)
    return _Builder(loaded).document()
