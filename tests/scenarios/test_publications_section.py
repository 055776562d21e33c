"""The scenario format's `publications` section: checking, loading, building and signing off."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from convenor.publishing import generate, lints, render
from convenor.publishing.blocks import BuiltDocument
from convenor.publishing.choices import BuildStatus, VersionStatus
from convenor.publishing.lints import Finding
from convenor.publishing.models import Publication, PublicationVersion
from convenor.scenarios.loader import ScenarioError, scenario_load_data

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
LONDON = ZoneInfo("Europe/London")


def example() -> dict[str, Any]:
    """The documented example (a strategy, a body, a meeting), with two publications added."""
    text = DOC.read_text().split("## A small complete example", 1)[1]
    source = re.search(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert source
    data = yaml.safe_load(source.group(1))
    data["publications"] = [
        {
            "slug": "early-beta",
            "kind": "early-beta",
            "title": "Riverside: early beta",
            "versions": [
                {"number": 1, "as_of": "2024-05-01"},
                {
                    "number": 2,
                    "as_of": "2024-06-14",
                    "sections": [
                        {"heading": "About this statement", "body": "It says what we do."},
                        {"kind": "timetable", "heading": "Timetable", "starts_new_page": True},
                    ],
                    "waivers": [{"code": "page_count", "reason": "A short example."}],
                    "signed_off_by": "ada-khan",
                    "on_behalf_of": "steering-group",
                    "signed_off_at": "2024-06-13 16:00",
                    "published_at": "2024-06-14 10:00",
                },
            ],
        },
        {
            "slug": "steering-paper",
            "kind": "board-paper",
            "title": "Automation in the port",
            "agenda_item": {"meeting": "steering-group-2024-05", "item": 1},
            "versions": [{"number": 1, "as_of": "2024-05-08"}],
        },
    ]
    return data


class FakeBuild:
    """Stands in for the build pipeline (tested where it is written): fixed bytes, set findings."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.builds = 0

    def document(self, *, version: PublicationVersion) -> BuiltDocument:
        self.builds += 1
        return BuiltDocument(
            title=version.publication.title,
            kind_label="",
            strategy_name="",
            organisation="",
            as_of_text="",
            version_number=version.number,
            language="en-GB",
            sections=[],
        )


@pytest.fixture
def fake_build(monkeypatch, settings, tmp_path) -> FakeBuild:
    settings.MEDIA_ROOT = str(tmp_path)
    fake = FakeBuild()
    monkeypatch.setattr(generate, "document_build", fake.document)
    monkeypatch.setattr(render, "html_render", lambda document: "<p>built</p>")
    monkeypatch.setattr(render, "pdf_render", lambda *, html: render.Pdf(b"%PDF-fake", 13))
    monkeypatch.setattr(render, "docx_render", lambda document: b"docx-fake")
    monkeypatch.setattr(lints, "document_lint", lambda **kwargs: list(fake.findings))
    return fake


def errors_of(data: dict[str, Any], **options: Any) -> list[str]:
    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=data, source="example.yaml", **options)
    return [f"{path}: {message}" for path, message in raised.value.errors]


@pytest.mark.django_db
def test_a_signed_off_version_is_built_signed_off_and_published_at_the_files_times(fake_build):
    report = scenario_load_data(data=example(), source="example.yaml")

    publication = Publication.objects.get(slug="early-beta")
    first, second = publication.versions.order_by("number")
    assert second.status == VersionStatus.PUBLISHED
    assert second.signed_off_at == datetime.datetime(2024, 6, 13, 16, 0, tzinfo=LONDON)
    assert second.published_at == datetime.datetime(2024, 6, 14, 10, 0, tzinfo=LONDON)
    assert second.signer is not None and second.signer.email == "ada.khan@example.org"
    assert second.signer_body is not None and second.signer_body.slug == "steering-group"
    assert second.pdf_sha256 == hashlib.sha256(b"%PDF-fake").hexdigest()
    assert second.docx_sha256 == hashlib.sha256(b"docx-fake").hexdigest()
    assert second.page_count == 13
    assert [(s.kind, s.heading, s.starts_new_page) for s in second.sections.all()] == [
        ("written", "About this statement", False),
        ("timetable", "Timetable", True),
    ]
    # Publishing version 2 supersedes the draft before it, as the service does.
    assert first.status == VersionStatus.SUPERSEDED
    assert first.superseded_at == second.published_at
    assert report.counts["sign-offs"]["created"] == 1


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_builds_nothing(fake_build):
    scenario_load_data(data=example(), source="example.yaml")
    version = PublicationVersion.objects.get(publication__slug="early-beta", number=2)
    builds = fake_build.builds

    report = scenario_load_data(data=example(), source="example.yaml")

    assert not report.changed
    assert fake_build.builds == builds
    assert PublicationVersion.objects.get(pk=version.pk).pdf_sha256 == version.pdf_sha256


@pytest.mark.django_db
def test_without_builds_a_signed_off_version_is_an_unbuilt_draft(fake_build):
    scenario_load_data(data=example(), source="example.yaml", build_publications=False)

    version = PublicationVersion.objects.get(publication__slug="early-beta", number=2)
    assert (version.status, version.build_status) == (VersionStatus.DRAFT, BuildStatus.NOT_BUILT)
    assert version.signer is None and version.signed_off_at is None
    assert fake_build.builds == 0


@pytest.mark.django_db
def test_omitted_sections_are_the_kinds_outline_and_a_board_paper_names_its_item(fake_build):
    scenario_load_data(data=example(), source="example.yaml", build_publications=False)

    draft = PublicationVersion.objects.get(publication__slug="early-beta", number=1)
    assert [s.heading for s in draft.sections.all()] == [
        "About this statement",
        "Our overall approach",
        "Highlights from the evidence",
        "An emerging narrative",
        "The main lines of enquiry",
        "Timetable",
        "How we are engaging",
        "Next steps",
    ]
    paper = Publication.objects.get(slug="steering-paper")
    assert paper.agenda_item is not None
    assert (paper.agenda_item.meeting.title, paper.agenda_item.order) == ("Steering group", 1)


@pytest.mark.django_db
def test_a_finding_nobody_waived_stops_the_load(fake_build):
    fake_build.findings = [Finding(code="questions", message="A question to the reader.")]

    errors = errors_of(example())

    assert len(errors) == 1
    assert errors[0].startswith("publications[0].versions[1]: Fix or waive the 1 problem")
    assert "A question to the reader." in errors[0]
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_failed_build_is_reported_by_path(fake_build, monkeypatch):
    def broken(*, html: str) -> render.Pdf:
        raise RuntimeError("no fonts")

    monkeypatch.setattr(render, "pdf_render", broken)

    assert errors_of(example()) == ["publications[0].versions[1]: The build failed: no fonts"]


@pytest.mark.django_db
def test_mistakes_are_reported_by_path():
    data = example()
    beta, paper = data["publications"]
    beta["kind"] = "brochure"
    second = beta["versions"][1]
    second["on_behalf_of"] = "no-such-body"
    second["waivers"] = [{"code": "page_count", "section": 5, "reason": "Short."}]
    extra = {
        "number": 4,
        "as_of": "2024-07-01",
        "signed_off_by": "nobody",
        "published_at": "2024-07-02 10:00",
    }
    beta["versions"].append(extra)
    del paper["agenda_item"]
    data["publications"].append(
        {
            "slug": "other-paper",
            "kind": "board-paper",
            "title": "Another",
            "agenda_item": {"meeting": "steering-group-2024-05", "item": 9},
            "versions": [{"number": 1, "as_of": "2024-05-08", "published_at": "2024-05-09 10:00"}],
        }
    )

    assert errors_of(data) == [
        'publications[0].kind: "brochure" is not one of: early-beta, draft-strategy, '
        "final-strategy, engagement-report, board-paper, evidence-summary",
        'publications[0].versions[1].on_behalf_of: no body with slug "no-such-body" in this file',
        'publications[0].versions[2].signed_off_by: no person with key "nobody" in this file',
        "publications[0].versions: number the versions 1, 2, 3 ... with none missing, "
        "not [1, 2, 4]",
        # A reference that names nothing counts as missing in the checks that follow.
        "publications[0].versions[1].on_behalf_of: a signed-off version needs on_behalf_of "
        "(the slug of the body they sign for)",
        "publications[0].versions[2].signed_off_by: a published version needs signed_off_by "
        "(who signed it)",
        "publications[0].versions[1].waivers[0].section: this version has 2 sections",
        "publications[2].versions[0].signed_off_by: a published version needs signed_off_by "
        "(who signed it)",
        "publications[1].agenda_item: a board paper needs an agenda_item (the meeting and item "
        "number)",
        'publications[2].agenda_item.item: meeting "steering-group-2024-05" has no agenda item 9',
    ]


@pytest.mark.django_db
def test_a_signer_must_belong_to_the_body_they_sign_for():
    data = example()
    data["bodies"][0]["members"] = [{"person": "sam-lee", "role": "secretariat"}]

    assert errors_of(data) == [
        'publications[0].versions[1].signed_off_by: "ada-khan" is not a member of '
        '"steering-group", so cannot sign on its behalf'
    ]
