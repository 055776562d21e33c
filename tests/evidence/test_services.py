"""Evidence items: files checked by content, links, updates, deletion refused under a window."""

from __future__ import annotations

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from convenor.core.models import AuditEvent
from convenor.core.uploads import DOCUMENT_MAX_BYTES
from convenor.engagement import documents_services
from convenor.engagement.choices import Moderation
from convenor.engagement.models import Document
from convenor.evidence import services
from convenor.evidence.choices import EvidenceKind, QualityRating, Visibility
from convenor.evidence.models import EvidenceItem, EvidenceTerm
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.factories import EvidenceItemFactory, IndicatorFactory, ProjectBriefFactory
from tests.governance.factories import BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import LineOfEnquiryFactory, PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name: str = "report.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def exe_as_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)


def test_create_with_a_real_pdf_stores_it_and_is_audited():
    staff = StaffUserFactory()
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy)
    item = services.evidence_item_create(
        actor=staff,
        strategy=strategy,
        title="Towns study",
        summary="What we found.",
        file=pdf(),
        priorities=[priority],
        published_on=datetime.date(2019, 3, 1),
    )
    item.refresh_from_db()
    assert item.file.name.startswith("evidence/") and item.file.name.endswith(".pdf")
    assert item.file.read() == PDF
    assert list(item.priorities.all()) == [priority]
    assert AuditEvent.objects.filter(verb="created", target_id=str(item.pk)).count() == 1


def test_a_renamed_executable_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=StaffUserFactory(),
            strategy=StrategyFactory(),
            title="Fake",
            summary="x",
            file=exe_as_pdf(),
        )
    assert "is not a real .pdf file" in str(error.value.message_dict["file"])
    assert EvidenceItem.objects.count() == 0


def test_a_type_not_accepted_and_a_file_too_big_are_refused():
    strategy, staff = StrategyFactory(), StaffUserFactory()
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=staff,
            strategy=strategy,
            title="Slides",
            summary="x",
            file=SimpleUploadedFile("slides.pptx", b"PK"),
        )
    assert "is not a type of file evidence items can be" in str(error.value)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (DOCUMENT_MAX_BYTES - len(PDF) + 1))
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=staff, strategy=strategy, title="Big", summary="x", file=big
        )
    assert "must be 20 MB or smaller" in str(error.value)
    assert EvidenceItem.objects.count() == 0


def test_a_file_or_a_link_but_not_both_nor_neither():
    strategy, staff = StrategyFactory(), StaffUserFactory()
    with pytest.raises(ValidationError, match="not both"):
        services.evidence_item_create(
            actor=staff, strategy=strategy, title="T", summary="S", file=pdf(), url="https://a.b/"
        )
    with pytest.raises(ValidationError, match="Upload a file or give a link"):
        services.evidence_item_create(actor=staff, strategy=strategy, title="T", summary="S")
    item = services.evidence_item_create(
        actor=staff, strategy=strategy, title="T", summary="S", url="https://example.org/r"
    )
    assert item.url == "https://example.org/r" and not item.file


def test_a_priority_of_another_strategy_is_refused():
    with pytest.raises(ValidationError, match="priority of another strategy"):
        services.evidence_item_create(
            actor=StaffUserFactory(),
            strategy=StrategyFactory(),
            title="T",
            summary="S",
            url="https://example.org/",
            priorities=[PriorityFactory()],
        )


def test_update_replaces_the_file_and_deletes_the_old_one_on_commit(
    django_capture_on_commit_callbacks,
):
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff, strategy=StrategyFactory(), title="T", summary="S", file=pdf()
    )
    old_name = item.file.name
    storage = item.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.evidence_item_update(
            actor=staff,
            item=item,
            file=docx(),
            title="T2",
            summary="S",
            url="",
            published_on=None,
            priorities=[],
        )
    assert changed == ["file", "title"]
    item.refresh_from_db()
    assert item.file.name.endswith(".docx") and item.title == "T2"
    assert not storage.exists(old_name)


def test_update_removing_the_file_needs_a_link():
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff, strategy=StrategyFactory(), title="T", summary="S", file=pdf()
    )
    with pytest.raises(ValidationError, match="Upload a file or give a link"):
        services.evidence_item_update(actor=staff, item=item, remove_file=True, url="")
    changed = services.evidence_item_update(
        actor=staff, item=item, remove_file=True, url="https://example.org/x"
    )
    item.refresh_from_db()
    assert changed == ["file", "url"] and not item.file


def test_update_with_nothing_changed_records_nothing():
    staff = StaffUserFactory()
    item = EvidenceItemFactory()
    before = AuditEvent.objects.count()
    assert services.evidence_item_update(actor=staff, item=item, title=item.title) == []
    assert AuditEvent.objects.count() == before


def test_delete_is_refused_while_a_comment_window_is_on_it():
    staff = StaffUserFactory()
    item = EvidenceItemFactory(visibility=Visibility.PUBLIC)
    window = documents_services.research_window_open(
        actor=staff, item=item, opens_at=None, closes_at=None
    )
    with pytest.raises(ValidationError, match="cannot be deleted while a comment window"):
        services.evidence_item_delete(actor=staff, item=item)
    assert EvidenceItem.objects.filter(pk=item.pk).exists()
    documents_services.document_delete(actor=staff, document=window)
    pk = item.pk
    services.evidence_item_delete(actor=staff, item=item)
    assert not EvidenceItem.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(verb="deleted", target_id=str(pk)).exists()


def test_delete_removes_the_file_on_commit(django_capture_on_commit_callbacks):
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff, strategy=StrategyFactory(), title="T", summary="S", file=pdf()
    )
    name, storage = item.file.name, item.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_item_delete(actor=staff, item=item)
    assert not storage.exists(name)


# Opening research for comments (engagement.documents_services)


def test_opening_research_makes_a_document_from_the_item():
    staff = StaffUserFactory()
    strategy = StrategyFactory()
    priorities = [PriorityFactory(strategy=strategy), PriorityFactory(strategy=strategy)]
    item = EvidenceItemFactory(
        strategy=strategy,
        title="Towns study",
        summary="First finding,\non two lines.\n\n\n## Not a heading\n\n  \nLast finding.",
        visibility=Visibility.PUBLIC,
    )
    item.priorities.set(priorities)
    opens = datetime.datetime(2019, 6, 1, 9, 0, tzinfo=LONDON)
    closes = datetime.datetime(2019, 7, 1, 17, 0, tzinfo=LONDON)
    document = documents_services.research_window_open(
        actor=staff, item=item, opens_at=opens, closes_at=closes, moderation=Moderation.PRE
    )
    assert document.evidence_item == item and document.strategy == strategy
    assert (document.title, document.summary) == (item.title, item.summary)
    assert set(document.priorities.all()) == set(priorities)
    assert (document.opens_at, document.closes_at, document.moderation) == (opens, closes, "pre")
    texts = [
        (p.order, p.heading, p.versions.get().text) for p in document.paragraphs.order_by("order")
    ]
    assert texts == [
        (1, "", "First finding,\non two lines."),
        (2, "", "## Not a heading"),
        (3, "", "Last finding."),
    ]


def test_a_window_on_research_of_another_strategy_is_refused():
    with pytest.raises(ValidationError, match="another strategy"):
        documents_services.document_create(
            actor=StaffUserFactory(),
            strategy=StrategyFactory(),
            title="T",
            text="Text.",
            evidence_item=EvidenceItemFactory(),
        )


def test_a_window_cannot_close_before_it_opens():
    opens = datetime.datetime(2019, 6, 1, 9, 0, tzinfo=LONDON)
    with pytest.raises(ValidationError):
        documents_services.research_window_open(
            actor=StaffUserFactory(),
            item=EvidenceItemFactory(visibility=Visibility.PUBLIC),
            opens_at=opens,
            closes_at=opens - datetime.timedelta(days=1),
        )


# Every field of the issue, and the checks on them


def test_create_with_every_field_links_them_refreshes_terms_and_is_audited():
    staff = StaffUserFactory()
    strategy = StrategyFactory()
    priority = PriorityFactory(strategy=strategy)
    line = LineOfEnquiryFactory(priority=priority)
    brief = ProjectBriefFactory(priority=priority)
    indicator = IndicatorFactory(strategy=strategy)
    item = services.evidence_item_create(
        actor=staff,
        strategy=strategy,
        title="Innovation in the M3 corridor",
        kind=EvidenceKind.COMMISSIONED_RESEARCH,
        source="Enterprise M3 LEP",
        author="A. Researcher",
        summary="What innovation looks like here.",
        key_findings="Firms collaborate less than peers.\nUniversities are strong.",
        url="https://example.org/innovation",
        published_on=datetime.date(2019, 5, 1),
        priorities=[priority],
        lines_of_enquiry=[line],
        geography="Enterprise M3 and its 14 districts",
        quality=QualityRating.GOOD,
        quality_reason="Peer reviewed, large sample.",
        visibility=Visibility.PARTNERS,
        brief=brief,
        indicators=[indicator],
    )
    item.refresh_from_db()
    assert (item.kind, item.source, item.author) == (
        "commissioned_research",
        "Enterprise M3 LEP",
        "A. Researcher",
    )
    assert (item.geography, item.quality, item.visibility, item.brief) == (
        "Enterprise M3 and its 14 districts",
        "good",
        "partners",
        brief,
    )
    assert list(item.lines_of_enquiry.all()) == [line]
    assert list(item.indicators.all()) == [indicator]
    terms = set(EvidenceTerm.objects.filter(item=item).values_list("term", flat=True))
    assert {"innovation", "collaborate", "universities", "peers"} <= terms
    assert AuditEvent.objects.filter(verb="created", target_id=str(item.pk)).count() == 1


def test_update_refreshes_the_terms_and_audits_the_fields_changed():
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff,
        strategy=StrategyFactory(),
        title="T",
        summary="S",
        key_findings="Broadband is slow.",
        url="https://example.org/",
    )
    changed = services.evidence_item_update(
        actor=staff, item=item, key_findings="Skills are short.", geography="Surrey"
    )
    assert sorted(changed) == ["geography", "key_findings"]
    terms = set(EvidenceTerm.objects.filter(item=item).values_list("term", flat=True))
    assert "skills" in terms and "broadband" not in terms
    event = AuditEvent.objects.filter(verb="changed", target_id=str(item.pk)).get()
    assert event.detail == {"fields": ["geography", "key_findings"]}


def test_a_line_of_enquiry_of_a_priority_not_tagged_is_refused():
    strategy = StrategyFactory()
    tagged, other = PriorityFactory(strategy=strategy), PriorityFactory(strategy=strategy)
    line = LineOfEnquiryFactory(priority=other, question="Where are the skills gaps?")
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=StaffUserFactory(),
            strategy=strategy,
            title="T",
            summary="S",
            url="https://example.org/",
            priorities=[tagged],
            lines_of_enquiry=[line],
        )
    assert error.value.message_dict["lines_of_enquiry"] == [
        "“Where are the skills gaps?” is a line of enquiry of a priority this item is not "
        "tagged with: tick that priority too, or untick the line."
    ]
    assert not EvidenceItem.objects.exists() and not EvidenceTerm.objects.exists()


def test_a_rating_without_a_reason_is_refused_with_a_clear_message():
    item = EvidenceItemFactory()
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as error:
            services.evidence_item_update(
                actor=StaffUserFactory(), item=item, quality="strong", quality_reason=reason
            )
        assert error.value.message_dict["quality_reason"] == [
            "Give the reason for rating it “Strong”: say why the evidence can be relied on "
            "that far."
        ]
    item.refresh_from_db()
    assert item.quality == ""


def test_a_brief_or_indicator_of_another_strategy_is_refused():
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=StaffUserFactory(),
            strategy=StrategyFactory(),
            title="T",
            summary="S",
            url="https://example.org/",
            brief=ProjectBriefFactory(),
            indicators=[IndicatorFactory()],
        )
    assert error.value.message_dict["brief"] == ["This brief belongs to another strategy."]
    assert "is an indicator of another strategy" in error.value.message_dict["indicators"][0]
    assert not EvidenceItem.objects.exists()


def test_a_member_tags_only_the_priorities_their_bodies_steer():
    strategy = StrategyFactory()
    ours = PriorityFactory(strategy=strategy, title="Skills")
    theirs = PriorityFactory(strategy=strategy, title="Transport")
    body = BodyPriorityFactory(body__strategy=strategy, priority=ours).body
    member = MembershipFactory(body=body, person=PersonFactory(user=UserFactory())).person.user
    with pytest.raises(ValidationError) as error:
        services.evidence_item_create(
            actor=member,
            strategy=strategy,
            title="T",
            summary="S",
            url="https://example.org/",
            priorities=[ours, theirs],
        )
    assert error.value.message_dict["priorities"] == [
        "You can tag evidence only with the priorities your groups steer: you cannot add or "
        f"remove priority {theirs.number}, Transport."
    ]
    with pytest.raises(ValidationError, match="Tick at least one of the priorities"):
        services.evidence_item_create(
            actor=member, strategy=strategy, title="T", summary="S", url="https://example.org/"
        )
    item = services.evidence_item_create(
        actor=member,
        strategy=strategy,
        title="T",
        summary="S",
        url="https://example.org/",
        priorities=[ours],
    )
    assert list(item.priorities.all()) == [ours]


def test_a_comment_window_opens_only_on_a_public_item():
    staff = StaffUserFactory()
    for visibility in (Visibility.STAFF, Visibility.PARTNERS):
        item = EvidenceItemFactory(visibility=visibility)
        with pytest.raises(ValidationError) as error:
            documents_services.research_window_open(
                actor=staff, item=item, opens_at=None, closes_at=None
            )
        assert error.value.messages == [
            "Make the evidence item public before opening a comment window on it."
        ]
    assert not Document.objects.exists()
    public = EvidenceItemFactory(visibility=Visibility.PUBLIC)
    window = documents_services.research_window_open(
        actor=staff, item=public, opens_at=None, closes_at=None
    )
    assert window.evidence_item == public
