"""The activity services: validation messages, status rules, deletion rules and audit events."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from convenor.core.models import AuditEvent
from convenor.engagement import activity_services as services
from convenor.engagement.choices import ActivityKind, ActivityStatus, ContributionKind
from convenor.engagement.models import Activity, ActivityMaterial, Contribution
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityMaterialFactory,
    ContributionFactory,
    FollowUpFactory,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def officer():
    return StaffUserFactory()


@pytest.fixture
def as_of(settings):
    """The demo's day: 22 May 2019, 12:00 in London."""
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)
    return settings.CONVENOR_AS_OF


def at(day: str, time: str = "10:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def events(target, verb=None):
    found = AuditEvent.objects.filter(
        target_id=str(target.pk), target_type__model=type(target)._meta.model_name
    )
    if verb:
        found = found.filter(verb=verb)
    return list(found.order_by("pk"))


# Creating and changing activities


def test_an_activity_is_created_with_its_priorities_and_an_audit_event(officer, as_of):
    strategy = StrategyFactory()
    exporting, digital = PriorityFactory(strategy=strategy), PriorityFactory(strategy=strategy)
    body = BodyFactory(strategy=strategy, name="Exporting working group")
    host = PersonFactory(name="Cllr Example Host")

    activity = services.activity_create(
        actor=officer,
        strategy=strategy,
        kind=ActivityKind.WORKSHOP,
        title="Stakeholder workshop on exporting",
        purpose="Test the emerging interventions on exporting.",
        priorities=[exporting, digital],
        host=host,
        body=body,
        starts_at=at("2019-06-12"),
        ends_at=at("2019-06-12", "13:00"),
        place="Farnborough",
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED
    assert activity.body == body and activity.host == host
    assert set(activity.priorities.all()) == {exporting, digital}
    [event] = events(activity)
    assert (event.verb, event.actor) == ("created", officer)


def test_an_activity_needs_a_place_or_a_link_unless_it_is_a_window_or_survey(officer):
    strategy = StrategyFactory()
    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            actor=officer,
            strategy=strategy,
            kind=ActivityKind.ROUNDTABLE,
            title="Roundtable",
            starts_at=at("2019-06-12"),
        )
    assert messages_of(refused.value) == {"place": ["Enter the place, or an online link, or both."]}
    assert not Activity.objects.exists()

    for kind in (
        ActivityKind.SURVEY,
        ActivityKind.DOCUMENT_REACTION_WINDOW,
        ActivityKind.RESEARCH_COMMENT_WINDOW,
    ):
        services.activity_create(
            actor=officer, strategy=strategy, kind=kind, title=kind, starts_at=at("2019-06-12")
        )
    assert Activity.objects.count() == 3
    online = services.activity_create(
        actor=officer,
        strategy=strategy,
        kind=ActivityKind.WEBINAR,
        title="Webinar",
        starts_at=at("2019-06-12"),
        online_url="https://meet.example.org/lis",
    )
    assert online.place == ""


def test_priorities_and_bodies_of_another_strategy_are_refused(officer):
    strategy, other = StrategyFactory(), StrategyFactory()
    foreign_priority = PriorityFactory(strategy=other, number=3, title="Towns")
    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            actor=officer,
            strategy=strategy,
            kind=ActivityKind.WORKSHOP,
            title="W",
            place="Guildford",
            starts_at=at("2019-06-12"),
            priorities=[foreign_priority],
        )
    assert messages_of(refused.value) == {
        "priorities": ["3. Towns is a priority of another strategy."]
    }
    body = BodyFactory(strategy=other, name="Their board")
    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            actor=officer,
            strategy=strategy,
            kind=ActivityKind.WORKSHOP,
            title="W",
            place="Guildford",
            starts_at=at("2019-06-12"),
            body=body,
        )
    assert messages_of(refused.value) == {"body": ["Their board is a body of another strategy."]}


def test_held_and_written_up_cannot_come_before_the_start(officer, as_of):
    activity = ActivityFactory(starts_at=at("2019-06-12"))
    for status in (ActivityStatus.HELD, ActivityStatus.WRITTEN_UP):
        with pytest.raises(ValidationError) as refused:
            services.activity_update(activity=activity, actor=officer, data={"status": status})
        assert messages_of(refused.value)["status"][0] == (
            f"The activity has not started yet: it cannot be “{ActivityStatus(status).label}” "
            "before it starts."
        )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED
    assert events(activity) == []


def test_written_up_needs_notes_or_outputs(officer, as_of):
    activity = ActivityFactory(starts_at=at("2019-05-01"))
    with pytest.raises(ValidationError) as refused:
        services.activity_update(
            activity=activity, actor=officer, data={"status": ActivityStatus.WRITTEN_UP}
        )
    assert messages_of(refused.value) == {
        "status": ["Write the activity up (notes or outputs) before marking it as written up."]
    }

    held = services.activity_update(
        activity=activity, actor=officer, data={"status": ActivityStatus.HELD}
    )
    assert held.status == ActivityStatus.HELD
    [changed, status_event] = events(activity)
    assert changed.detail == {"fields": ["status"]}
    assert (status_event.verb, status_event.detail) == (
        "status changed",
        {"from": "planned", "to": "held"},
    )


def test_cancelling_keeps_everything_recorded(officer):
    activity = ActivityFactory(agenda="1. Welcome", notes="")
    ActivityMaterialFactory(activity=activity)
    FollowUpFactory(activity=activity)
    ContributionFactory(activity=activity, text="Keep this")

    services.activity_update(
        activity=activity, actor=officer, data={"status": ActivityStatus.CANCELLED}
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED
    assert activity.agenda == "1. Welcome"
    assert (activity.materials.count(), activity.follow_ups.count()) == (1, 1)
    assert list(activity.contributions.values_list("text", flat=True)) == ["Keep this"]


# Write-up


def test_writing_up_sets_the_time_and_the_status(officer, as_of):
    activity = ActivityFactory(starts_at=at("2019-05-01"), status=ActivityStatus.HELD)
    services.activity_write_up(
        activity=activity, actor=officer, notes="We discussed exports.", outputs=""
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.WRITTEN_UP
    assert activity.written_up_at == as_of
    assert activity.notes == "We discussed exports."
    assert [event.verb for event in events(activity)] == ["written up"]


@pytest.mark.parametrize(
    ("starts", "status", "notes", "message"),
    [
        (
            "2019-05-01",
            ActivityStatus.HELD,
            "  ",
            {"notes": ["Enter the notes, the outputs, or both."]},
        ),
        (
            "2019-06-12",
            ActivityStatus.PLANNED,
            "Notes",
            {
                "__all__": [
                    "This activity has not started yet: write it up once it has taken place."
                ]
            },
        ),
        (
            "2019-05-01",
            ActivityStatus.CANCELLED,
            "Notes",
            {"__all__": ["This activity was cancelled: there is nothing to write up."]},
        ),
    ],
)
def test_a_write_up_is_refused_with_a_reason(officer, as_of, starts, status, notes, message):
    activity = ActivityFactory(starts_at=at(starts), status=status)
    with pytest.raises(ValidationError) as refused:
        services.activity_write_up(activity=activity, actor=officer, notes=notes, outputs="")
    error = refused.value
    assert (
        error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    ) == message
    activity.refresh_from_db()
    assert (activity.status, activity.written_up_at) == (status, None)


# Deleting


def test_an_activity_with_contributions_cannot_be_deleted(officer):
    activity = ActivityFactory(title="Digital workshop")
    ContributionFactory(activity=activity)
    ContributionFactory(activity=activity)
    with pytest.raises(ValidationError) as refused:
        services.activity_delete(activity=activity, actor=officer)
    assert refused.value.messages == [
        "Digital workshop cannot be deleted: it holds 2 contributions, and nothing a participant "
        "said is dropped. Cancel the activity instead, or delete its contributions first if they "
        "were recorded by mistake."
    ]
    assert Activity.objects.filter(pk=activity.pk).exists()
    # The database refuses too, whatever path is taken.
    with pytest.raises(ProtectedError):
        activity.delete()


def test_an_activity_without_contributions_is_deleted_with_an_audit_event(officer):
    activity = ActivityFactory()
    FollowUpFactory(activity=activity)
    pk = activity.pk
    services.activity_delete(activity=activity, actor=officer)
    assert not Activity.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(verb="deleted", target_id=str(pk))
    assert event.actor == officer


# Materials


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brief.pdf", b"%PDF-1.7\nslides"),
        ("notes.txt", "Café notes\n".encode()),
        ("list.csv", b"name,organisation\nA,B\n"),
    ],
)
def test_a_material_file_is_accepted_when_its_content_matches(officer, name, content):
    activity = ActivityFactory()
    material = services.material_add(
        actor=officer, activity=activity, title="Brief", file=SimpleUploadedFile(name, content)
    )
    assert material.file.read() == content
    assert [event.verb for event in events(material)] == ["created"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "slides.pdf",
            b"MZ\x90\x00 not a pdf",
            "“slides.pdf” is not a real .pdf file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
        (
            "report.docx",
            b"%PDF-1.7",
            "“report.docx” is not a real .docx file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
        (
            "tool.exe",
            b"MZ",
            "“tool.exe” is not a type of file materials can be: use one of .pdf, .docx, .doc, "
            ".odt, .xlsx, .xls, .ods, .pptx, .csv, .txt.",
        ),
        (
            "binary.txt",
            b"text\x00\x01",
            "“binary.txt” is not a real .txt file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
    ],
)
def test_a_material_file_is_refused_when_its_type_or_content_is_wrong(
    officer, name, content, message
):
    activity = ActivityFactory()
    with pytest.raises(ValidationError) as refused:
        services.material_add(
            actor=officer, activity=activity, title="T", file=SimpleUploadedFile(name, content)
        )
    assert refused.value.message_dict == {"file": [message]}
    assert not ActivityMaterial.objects.exists()


def test_a_material_file_over_20_mb_is_refused(officer):
    activity = ActivityFactory()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        services.material_add(actor=officer, activity=activity, title="Big", file=big)
    assert refused.value.message_dict == {
        "file": ["The file must be 20 MB or smaller: “big.pdf” is 20.0 MB."]
    }


def test_an_office_file_is_checked_inside(officer, tmp_path):
    import zipfile

    path = tmp_path / "deck.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    activity = ActivityFactory()
    material = services.material_add(
        actor=officer,
        activity=activity,
        title="Deck",
        file=SimpleUploadedFile("deck.pptx", path.read_bytes()),
    )
    assert material.file.name.endswith(".pptx")


def test_a_material_is_a_file_or_a_link_not_both_nor_neither(officer):
    activity = ActivityFactory()
    with pytest.raises(ValidationError) as refused:
        services.material_add(actor=officer, activity=activity, title="T")
    assert refused.value.message_dict == {"file": ["Choose a file to upload, or give a link."]}
    with pytest.raises(ValidationError) as refused:
        services.material_add(
            actor=officer,
            activity=activity,
            title="T",
            url="https://example.org/a.pdf",
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        )
    assert refused.value.message_dict == {"url": ["Give a file or a link, not both."]}
    link = services.material_add(
        actor=officer, activity=activity, title="Research", url="https://example.org/r.pdf"
    )
    assert (link.url, link.file.name) == ("https://example.org/r.pdf", "")


def test_deleting_a_material_removes_its_file(officer, django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    material = services.material_add(
        actor=officer,
        activity=activity,
        title="Brief",
        file=SimpleUploadedFile("brief.pdf", b"%PDF-1.7"),
    )
    storage, name, pk = material.file.storage, material.file.name, material.pk
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.material_delete(material=material, actor=officer)
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(verb="deleted", target_id=str(pk)).count() == 1


# Follow-ups


def test_follow_ups_are_created_changed_and_deleted_with_audit_events(officer):
    activity = ActivityFactory()
    owner = PersonFactory()
    follow_up = services.follow_up_create(
        actor=officer,
        activity=activity,
        text="Send the slides",
        owner=owner,
        due_on=datetime.date(2019, 6, 20),
    )
    services.follow_up_update(follow_up=follow_up, actor=officer, data={"is_done": True})
    follow_up.refresh_from_db()
    assert (follow_up.text, follow_up.owner, follow_up.is_done) == ("Send the slides", owner, True)
    pk = follow_up.pk
    services.follow_up_delete(follow_up=follow_up, actor=officer)
    verbs = list(
        AuditEvent.objects.filter(target_id=str(pk), target_type__model="followup")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["created", "changed", "deleted"]


# Contributions


def test_a_contribution_is_kept_exactly_with_two_priorities_and_who_recorded_it(officer, as_of):
    activity = ActivityFactory()
    skills, digital = (
        PriorityFactory(strategy=activity.strategy),
        PriorityFactory(strategy=activity.strategy),
    )
    author = PersonFactory(name="Priya Shah")
    words = "  We need 5G in rural areas.\n\n\tAnd fibre.  "
    contribution = services.contribution_create(
        actor=officer,
        activity=activity,
        kind=ContributionKind.IDEA,
        text=words,
        author=author,
        made_on=datetime.date(2019, 5, 20),
        priorities=[skills, digital],
    )
    contribution.refresh_from_db()
    assert contribution.text == words
    assert set(contribution.priorities.all()) == {skills, digital}
    assert contribution.recorded_by == officer
    assert contribution.author_label == "Priya Shah"
    assert [event.verb for event in events(contribution)] == ["created"]


def test_an_anonymous_contribution_is_shown_as_anonymous(officer, as_of):
    contribution = services.contribution_create(
        actor=officer,
        activity=ActivityFactory(),
        kind=ContributionKind.COMMENT,
        text="Housing costs drive people away.",
        author=PersonFactory(name="Named Person"),
        is_anonymous=True,
        made_on=datetime.date(2019, 5, 20),
    )
    assert contribution.author_label == "Anonymous"
    assert str(contribution) == "Comment by Anonymous"


def test_a_contribution_needs_words_and_a_date_not_in_the_future(officer, as_of):
    activity = ActivityFactory()
    with pytest.raises(ValidationError) as refused:
        services.contribution_create(
            actor=officer,
            activity=activity,
            kind=ContributionKind.NOTE,
            text=" \n ",
            made_on=datetime.date(2019, 5, 23),
        )
    assert refused.value.message_dict == {
        "text": ["Enter what they said."],
        "made_on": ["The date cannot be in the future."],
    }
    assert not Contribution.objects.exists()


def test_deleting_a_contribution_leaves_an_audit_event(officer):
    contribution = ContributionFactory()
    pk = contribution.pk
    services.contribution_delete(contribution=contribution, actor=officer)
    assert not Contribution.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(target_id=str(pk), target_type__model="contribution")
    assert (event.verb, event.actor) == ("deleted", officer)
