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
from convenor.evidence import services
from convenor.evidence.models import EvidenceItem
from tests.accounts.factories import StaffUserFactory
from tests.evidence.factories import EvidenceItemFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

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
    item = EvidenceItemFactory()
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
            item=EvidenceItemFactory(),
            opens_at=opens,
            closes_at=opens - datetime.timedelta(days=1),
        )
