"""Publishing services: builds' states, fixed versions refusing edits, sign-off rules, publishing
superseding earlier versions, and new versions copying sections while old files stay as they are.

Builds are faked (files and checksums given directly) except where a test is about the build.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.publishing import services
from convenor.publishing.choices import BuildStatus, LintCode, SectionKind, VersionStatus
from convenor.publishing.models import PublicationVersion, Section
from tests.publishing.worlds import AS_OF, World, fake_build, files_bytes, make_world, signed_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def test_a_new_publication_starts_with_version_1_in_draft_with_its_kinds_outline(world):
    version = world.v1
    assert (version.status, version.build_status) == (VersionStatus.DRAFT, BuildStatus.NOT_BUILT)
    assert list(version.sections.values_list("position", "kind", "heading")) == [
        (1, SectionKind.WRITTEN, "Introduction"),
        (2, SectionKind.EVIDENCE_HIGHLIGHTS, "Evidence highlights"),
        (3, SectionKind.LINES_OF_ENQUIRY, "Lines of enquiry"),
    ]


def test_a_build_request_queues_the_build_and_refuses_a_second_while_it_waits(world):
    version = services.version_build_request(actor=world.staff, version=world.v1)
    assert (version.build_status, version.build_progress) == (BuildStatus.QUEUED, 0)
    assert version.build_step == "Waiting for a worker to start the build"
    with pytest.raises(ValidationError, match="already being built"):
        services.version_build_request(actor=world.staff, version=world.v1)


def test_a_failed_build_is_recorded_on_the_version_with_the_step(world, monkeypatch):
    def broken(*, version):
        raise RuntimeError("no record")

    monkeypatch.setattr("convenor.publishing.generate.document_build", broken)
    version = services.version_build(version=world.v1)
    assert version.build_status == BuildStatus.FAILED
    assert version.build_step == "The build failed: no record"


def test_editing_a_section_marks_the_build_stale_and_withdraws_a_sign_off_request(world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    section = version.sections.get(position=1)
    services.section_update(actor=world.staff, section=section, data={"body": "New words."})
    version.refresh_from_db()
    assert (version.status, version.build_status) == (VersionStatus.DRAFT, BuildStatus.NOT_BUILT)


def test_sections_add_move_and_delete_keep_positions_in_order(world):
    version = world.v1
    added = services.section_add(
        actor=world.staff, version=version, kind=SectionKind.WRITTEN, heading="Next steps"
    )
    assert added.position == 4
    services.section_move(actor=world.staff, section=added, by=-1)
    assert list(version.sections.values_list("heading", flat=True)) == [
        "Introduction",
        "Evidence highlights",
        "Next steps",
        "Lines of enquiry",
    ]
    with pytest.raises(ValidationError, match="already first"):
        services.section_move(actor=world.staff, section=version.sections.get(position=1), by=-1)
    services.section_delete(actor=world.staff, section=version.sections.get(position=1))
    assert list(version.sections.values_list("position", "heading")) == [
        (1, "Evidence highlights"),
        (2, "Next steps"),
        (3, "Lines of enquiry"),
    ]


def test_a_signed_off_version_refuses_every_edit_and_rebuild(world):
    version = signed_off(world)
    section = version.sections.first()
    message = "Version 1 is signed off: it cannot change. Start version 2 to make changes."
    for attempt in (
        lambda: services.section_update(actor=world.staff, section=section, data={"heading": "X"}),
        lambda: services.section_add(
            actor=world.staff, version=version, kind=SectionKind.WRITTEN, heading="X"
        ),
        lambda: services.section_delete(actor=world.staff, section=section),
        lambda: services.section_move(actor=world.staff, section=section, by=1),
        lambda: services.version_build_request(actor=world.staff, version=version),
        lambda: services.lint_waive(
            actor=world.staff, version=version, code=LintCode.QUESTIONS, reason="x"
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == [message]
    assert Section.objects.get(pk=section.pk).heading == section.heading


def test_sign_off_needs_a_build_and_no_unwaived_finding(world):
    version = world.v1
    with pytest.raises(ValidationError, match="Build the version"):
        services.version_review_request(
            actor=world.staff, version=version, signer=world.signer, signer_body=world.board
        )
    fake_build(version, findings=[(LintCode.QUESTIONS, "It asks “What should we do?”")])
    with pytest.raises(ValidationError, match="Fix or waive the 1 problem the checks found"):
        services.version_review_request(
            actor=world.staff, version=version, signer=world.signer, signer_body=world.board
        )
    services.lint_waive(
        actor=world.staff, version=version, code=LintCode.QUESTIONS, reason="A quoted question."
    )
    version = services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    assert (version.status, version.signer, version.signer_body) == (
        VersionStatus.IN_REVIEW,
        world.signer,
        world.board,
    )


def test_the_signer_must_be_a_current_member_of_the_body(world):
    fake_build(world.v1)
    with pytest.raises(ValidationError) as refused:
        services.version_review_request(
            actor=world.staff, version=world.v1, signer=world.outsider, signer_body=world.board
        )
    assert refused.value.message_dict == {
        "signer": [f"{world.outsider} is not a current member of Enterprise M3 Board."]
    }


def test_only_the_named_signer_signs_off_and_the_checksums_are_recorded(world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    with pytest.raises(ValidationError, match="Only Stacey King can sign"):
        services.version_sign_off(actor=world.staff, version=version)
    version = services.version_sign_off(actor=world.signer, version=version)
    assert version.status == VersionStatus.SIGNED_OFF
    assert version.signed_off_at == AS_OF
    event = AuditEvent.objects.filter(verb="signed off").get()
    assert event.detail["pdf_sha256"] == services.sha256_of(b"pdf of version 1")
    assert event.detail["on_behalf_of"] == "Enterprise M3 Board"


def test_sign_off_is_refused_when_a_file_changed_since_the_build(world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    with open(version.pdf_file.path, "r+b") as handle:
        handle.write(b"P")
    with pytest.raises(ValidationError, match="The PDF file is not the one the build wrote"):
        services.version_sign_off(actor=world.signer, version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW


def test_publishing_supersedes_the_earlier_published_version(world):
    first = services.version_publish(actor=world.staff, version=signed_off(world))
    with pytest.raises(ValidationError, match="Only a signed-off version can be published"):
        services.version_publish(actor=world.staff, version=first)
    second = services.version_new(actor=world.staff, publication=world.publication)
    services.version_publish(actor=world.staff, version=signed_off(world, second))
    first.refresh_from_db()
    assert (first.status, first.superseded_at) == (VersionStatus.SUPERSEDED, AS_OF)
    assert PublicationVersion.objects.get(pk=second.pk).status == VersionStatus.PUBLISHED


def test_a_new_version_copies_the_sections_and_leaves_the_old_files_byte_identical(world):
    first = services.version_publish(actor=world.staff, version=signed_off(world))
    before = files_bytes(first)
    services.section_update(
        actor=world.staff,
        section=(
            second := services.version_new(actor=world.staff, publication=world.publication)
        ).sections.get(position=1),
        data={"body": "Changed in version 2."},
    )
    with pytest.raises(ValidationError, match="Version 2 is still a draft"):
        services.version_new(actor=world.staff, publication=world.publication)
    assert list(second.sections.values_list("position", "kind", "heading")) == list(
        first.sections.values_list("position", "kind", "heading")
    )
    first.refresh_from_db()
    assert files_bytes(first) == before
    assert first.status == VersionStatus.PUBLISHED


def test_a_draft_shared_for_reactions_is_kept_as_shared_when_the_next_version_starts(world):
    from tests.engagement.factories import DocumentFactory

    document = DocumentFactory(strategy=world.strategy)
    services.version_update(
        actor=world.staff, version=world.v1, data={"reactions_document": document}
    )

    second = services.version_new(actor=world.staff, publication=world.publication)

    first = world.v1
    assert (first.status, second.number, second.status) == (
        VersionStatus.SUPERSEDED,
        2,
        VersionStatus.DRAFT,
    )
    with pytest.raises(ValidationError, match="Version 1 is superseded"):
        services.section_update(
            actor=world.staff, section=first.sections.first(), data={"body": "Changed."}
        )
    assert AuditEvent.objects.filter(verb="superseded", target_id=str(first.pk)).exists()
