"""Staff pages of activities: list, hub, forms, write-up, materials, follow-ups, contributions."""

import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.engagement.choices import (
    ActivityAttendance,
    ActivityKind,
    ActivityStatus,
    ContributionKind,
    Rsvp,
)
from convenor.engagement.models import Activity, ActivityMaterial, Contribution, FollowUp
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    ActivityMaterialFactory,
    ContributionFactory,
    FollowUpFactory,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def as_of(settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)
    return settings.CONVENOR_AS_OF


def at(day: str, time: str = "10:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def list_url(strategy) -> str:
    return reverse("engagement_staff:activity_list", args=[strategy.slug])


def url(name: str, activity: Activity, *more: int) -> str:
    return reverse(f"engagement_staff:{name}", args=[activity.strategy.slug, activity.pk, *more])


def activity_data(**overrides):
    data = {
        "kind": ActivityKind.WORKSHOP,
        "title": "Stakeholder workshop on exporting",
        "purpose": "Shape the exporting interventions.",
        "starts_on": "2019-06-12",
        "starts_time": "10:00",
        "ends_on": "",
        "ends_time": "13:00",
        "place": "Farnborough",
        "online_url": "",
        "status": ActivityStatus.PLANNED,
        "agenda": "1. Welcome\n2. Exporting data",
        "host": "",
        "body": "",
    }
    data.update(overrides)
    return data


# The list


def test_the_list_shows_each_activity_with_its_counts_and_filters(client, staff, as_of):
    strategy = StrategyFactory()
    exporting = PriorityFactory(strategy=strategy, number=4, title="Exporting")
    body = BodyFactory(strategy=strategy, name="Exporting working group")
    workshop = ActivityFactory(
        strategy=strategy, title="Exporting workshop", body=body, starts_at=at("2019-04-10")
    )
    workshop.priorities.add(exporting)
    for attendance in (ActivityAttendance.ATTENDED, ActivityAttendance.ATTENDED, "absent"):
        ActivityInvitationFactory(activity=workshop, attendance=attendance)
    ContributionFactory(activity=workshop)
    ActivityFactory(
        strategy=strategy,
        title="Sounding board survey",
        kind=ActivityKind.SURVEY,
        starts_at=at("2019-07-01"),
        status=ActivityStatus.INVITATIONS_SENT,
    )
    ActivityFactory(title="Another strategy's workshop")

    response = client.get(list_url(strategy))
    page = text_of(response)
    assert response.status_code == 200
    assert [a.title for a in response.context["object_list"]] == [
        "Sounding board survey",
        "Exporting workshop",
    ]
    assert (
        "Exporting workshop Workshop 10 Apr 2019, 10:00 Planned Exporting working group 3 2 1"
        in page
    )
    assert "Sounding board survey Survey 1 Jul 2019, 10:00 To come Invitations sent" in page
    assert "Another strategy" not in page

    def titles(**params):
        found = client.get(list_url(strategy), params).context["object_list"]
        return [activity.title for activity in found]

    assert titles(kind=ActivityKind.SURVEY) == ["Sounding board survey"]
    assert titles(status=ActivityStatus.PLANNED) == ["Exporting workshop"]
    assert titles(priority=exporting.pk) == ["Exporting workshop"]
    assert titles(q="board") == ["Sounding board survey"]
    assert titles(when="past") == ["Exporting workshop"]
    assert titles(when="upcoming") == ["Sounding board survey"]
    assert "No activity matches the search." in text_of(client.get(list_url(strategy), {"q": "zz"}))


def test_the_list_is_paginated_and_has_an_empty_state(client, staff):
    strategy = StrategyFactory()
    empty = text_of(client.get(list_url(strategy)))
    assert "This strategy has no engagement activities yet." in empty
    assert "Add an activity" in empty
    for number in range(27):
        ActivityFactory(
            strategy=strategy, starts_at=at("2019-01-01") + datetime.timedelta(days=number)
        )
    first = client.get(list_url(strategy))
    assert len(first.context["object_list"]) == 25
    assert "Showing 1 to 25 of 27" in text_of(first)
    assert len(client.get(list_url(strategy), {"page": 2}).context["object_list"]) == 2


# Creating, editing, deleting


def test_staff_add_an_activity_with_priorities_host_and_body(client, staff):
    strategy = StrategyFactory()
    skills = PriorityFactory(strategy=strategy, number=2, title="Skills")
    digital = PriorityFactory(strategy=strategy, number=5, title="Digital")
    PriorityFactory(title="Other strategy's priority")
    body = BodyFactory(strategy=strategy, name="Digital working group")
    host = PersonFactory(name="Board Member Host")

    form_page = text_of(
        client.get(reverse("engagement_staff:activity_create", args=[strategy.slug]))
    )
    assert "2. Skills" in form_page and "5. Digital" in form_page
    assert "Other strategy's priority" not in form_page

    response = client.post(
        reverse("engagement_staff:activity_create", args=[strategy.slug]),
        activity_data(priorities=[skills.pk, digital.pk], host=host.pk, body=body.pk),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("activity_hub", activity)
    assert activity.starts_at == at("2019-06-12")
    assert activity.ends_at == at("2019-06-12", "13:00")
    assert (activity.host, activity.body) == (host, body)
    assert set(activity.priorities.all()) == {skills, digital}
    assert activity.agenda == "1. Welcome\n2. Exporting data"


def test_summer_times_are_london_times(client, staff):
    strategy = StrategyFactory()
    client.post(
        reverse("engagement_staff:activity_create", args=[strategy.slug]),
        activity_data(starts_on="2019-07-01", starts_time="09:30", ends_on="2019-07-02"),
    )
    activity = Activity.objects.get()
    assert activity.starts_at == datetime.datetime(2019, 7, 1, 8, 30, tzinfo=datetime.UTC)
    assert activity.ends_at == datetime.datetime(2019, 7, 2, 12, 0, tzinfo=datetime.UTC)


def test_errors_are_summarised_and_keep_what_was_typed(client, staff):
    strategy = StrategyFactory()
    response = client.post(
        reverse("engagement_staff:activity_create", args=[strategy.slug]),
        activity_data(place="", starts_time="25:99", title="Kept title", purpose="Kept purpose"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "govuk-error-summary" in html
    assert 'href="#id_starts_time"' in html
    assert "Enter the time the activity starts as hours and minutes, for example 14:30" in html
    assert 'value="Kept title"' in html and "Kept purpose" in html
    assert not Activity.objects.exists()

    response = client.post(
        reverse("engagement_staff:activity_create", args=[strategy.slug]),
        activity_data(place="", title="No venue"),
    )
    assert "Enter the place, or an online link, or both." in response.content.decode()
    assert 'value="No venue"' in response.content.decode()
    assert not Activity.objects.exists()


def test_a_future_activity_cannot_be_marked_held_on_the_edit_page(client, staff, as_of):
    activity = ActivityFactory(starts_at=at("2019-06-12"))
    response = client.post(
        url("activity_edit", activity),
        activity_data(title=activity.title, status=ActivityStatus.HELD),
    )
    assert "The activity has not started yet: it cannot be “Held” before it starts." in (
        response.content.decode()
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_editing_shows_current_values_and_cancelling_keeps_everything(client, staff):
    activity = ActivityFactory(starts_at=at("2019-06-12", "14:30"), place="Guildford")
    ContributionFactory(activity=activity, text="Kept")
    form = client.get(url("activity_edit", activity)).context["form"]
    assert form.initial["starts_time"] == "14:30"
    assert form.initial["place"] == "Guildford"
    response = client.post(
        url("activity_edit", activity),
        activity_data(
            title=activity.title,
            status=ActivityStatus.CANCELLED,
            starts_time="14:30",
            ends_time="",
            place="Guildford",
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED
    assert activity.contributions.get().text == "Kept"
    assert activity.ends_at is None


def test_delete_is_refused_while_the_activity_holds_contributions(client, staff):
    activity = ActivityFactory(title="Digital workshop")
    ContributionFactory(activity=activity)
    page = text_of(client.get(url("activity_delete", activity)))
    assert "Digital workshop cannot be deleted" in page
    assert "it holds 1 contribution, and nothing a participant said is dropped." in page
    assert "Yes, delete it" not in page

    response = client.post(url("activity_delete", activity))
    assert response.status_code == 200
    assert "cannot be deleted" in text_of(response)
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_delete_confirms_then_deletes(client, staff):
    activity = ActivityFactory(title="Mistaken entry")
    FollowUpFactory(activity=activity)
    page = text_of(client.get(url("activity_delete", activity)))
    assert "Delete activity “Mistaken entry”?" in page
    assert "1 follow-up action" in page
    response = client.post(url("activity_delete", activity))
    assert response["Location"] == list_url(activity.strategy)
    assert not Activity.objects.filter(pk=activity.pk).exists()


# The hub


def test_the_hub_shows_details_materials_invitations_write_up_follow_ups_contributions(
    client, staff, as_of
):
    strategy = StrategyFactory()
    towns = PriorityFactory(strategy=strategy, number=3, title="Towns")
    activity = ActivityFactory(
        strategy=strategy,
        title="Towns workshop",
        starts_at=at("2019-05-01"),
        ends_at=at("2019-05-01", "12:00"),
        online_url="https://meet.example.org/towns",
        agenda="Item one",
        notes="We heard about high streets.",
        outputs="Three town pilots.",
        status=ActivityStatus.WRITTEN_UP,
        host=PersonFactory(name="Hostess Example", organisation=None),
        body=BodyFactory(strategy=strategy, name="Steering group"),
    )
    activity.priorities.add(towns)
    ActivityMaterialFactory(activity=activity, title="Towns research summary")
    ActivityInvitationFactory(activity=activity, response=Rsvp.ACCEPTED, attendance="attended")
    ActivityInvitationFactory(activity=activity, response=Rsvp.DECLINED)
    ActivityInvitationFactory(activity=activity)
    FollowUpFactory(activity=activity, text="Send notes", due_on=datetime.date(2019, 5, 10))
    FollowUpFactory(
        activity=activity, text="Book room", due_on=datetime.date(2019, 5, 10), is_done=True
    )
    FollowUpFactory(activity=activity, text="Draft pilots", due_on=datetime.date(2019, 6, 10))
    for number in range(7):
        ContributionFactory(
            activity=activity, text=f"Point {number}", made_on=datetime.date(2019, 5, 1)
        )

    response = client.get(url("activity_hub", activity))
    page = text_of(response)
    html = response.content.decode()
    assert "Kind Workshop" in page
    assert "When Wednesday 1 May 2019, 10:00 to 12:00" in page
    assert "Organised by Steering group" in page
    assert "Host Hostess Example" in page
    assert "Priorities 3. Towns" in page
    assert "Online: https://meet.example.org/towns" in page
    assert "Towns research summary" in page
    assert "Coming 1 Attended 1" in page
    assert "Not coming 1 Did not attend 0" in page
    assert "No reply yet 1 Not recorded 2" in page
    for name in ("invitation_list", "invite", "attendance"):
        assert f'href="{url(name, activity)}"' in html
    assert "We heard about high streets." in page and "Three town pilots." in page
    assert "Send notes Nobody yet 10 May 2019 Overdue" in page
    assert "Book room Nobody yet 10 May 2019 Done" in page
    assert "Draft pilots Nobody yet 10 Jun 2019 Not yet" in page
    assert len(response.context["contributions"]) == 5
    assert "See all contributions to Towns workshop" in page


def test_an_activity_of_another_strategy_is_not_found(client, staff):
    activity = ActivityFactory()
    other = StrategyFactory()
    response = client.get(reverse("engagement_staff:activity_hub", args=[other.slug, activity.pk]))
    assert response.status_code == 404


# Write-up


def test_writing_up_saves_notes_and_outputs_and_marks_it_written_up(client, staff, as_of):
    activity = ActivityFactory(starts_at=at("2019-05-01"), status=ActivityStatus.HELD)
    response = client.post(
        url("activity_write_up", activity), {"notes": "Notes here", "outputs": "Outputs here"}
    )
    assert response["Location"] == url("activity_hub", activity) + "#write-up"
    activity.refresh_from_db()
    assert (activity.notes, activity.outputs) == ("Notes here", "Outputs here")
    assert activity.status == ActivityStatus.WRITTEN_UP
    assert activity.written_up_at == as_of


def test_an_empty_write_up_is_refused(client, staff, as_of):
    activity = ActivityFactory(starts_at=at("2019-05-01"))
    response = client.post(url("activity_write_up", activity), {"notes": " ", "outputs": ""})
    assert "Enter the notes, the outputs, or both" in response.content.decode()
    activity.refresh_from_db()
    assert activity.written_up_at is None


# Materials


def test_a_material_is_uploaded_downloaded_and_deleted(client, staff):
    activity = ActivityFactory()
    content = b"%PDF-1.7\nslides"
    response = client.post(
        url("material_create", activity),
        {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", content), "url": ""},
    )
    assert response.status_code == 302
    material = ActivityMaterial.objects.get()
    download = client.get(url("material_download", activity, material.pk))
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]

    client.post(url("material_delete", activity, material.pk))
    assert not ActivityMaterial.objects.exists()


def test_a_fake_upload_is_refused_and_the_title_kept(client, staff):
    activity = ActivityFactory()
    response = client.post(
        url("material_create", activity),
        {"title": "Kept title", "file": SimpleUploadedFile("fake.pdf", b"MZ binary"), "url": ""},
    )
    html = response.content.decode()
    assert "“fake.pdf” is not a real .pdf file" in html
    assert 'value="Kept title"' in html
    assert not ActivityMaterial.objects.exists()


def test_a_link_material(client, staff):
    activity = ActivityFactory()
    client.post(
        url("material_create", activity), {"title": "Research", "url": "example.org/research.pdf"}
    )
    material = ActivityMaterial.objects.get()
    assert material.url == "https://example.org/research.pdf"
    assert (
        'href="https://example.org/research.pdf"'
        in client.get(url("activity_hub", activity)).content.decode()
    )


# Follow-ups


def test_follow_ups_are_added_edited_and_deleted(client, staff):
    activity = ActivityFactory()
    owner = PersonFactory(name="Owen Owner")
    client.post(
        url("follow_up_create", activity),
        {"text": "Circulate notes", "owner": owner.pk, "due_on": "2019-06-20"},
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.text, follow_up.owner, follow_up.due_on) == (
        "Circulate notes",
        owner,
        datetime.date(2019, 6, 20),
    )
    client.post(
        url("follow_up_edit", activity, follow_up.pk),
        {"text": "Circulate notes", "owner": owner.pk, "due_on": "2019-06-20", "is_done": "on"},
    )
    follow_up.refresh_from_db()
    assert follow_up.is_done
    client.post(url("follow_up_delete", activity, follow_up.pk))
    assert not FollowUp.objects.exists()


# Contributions


def test_a_contribution_tagged_to_two_priorities_is_recorded_and_listed(client, staff, as_of):
    activity = ActivityFactory()
    skills = PriorityFactory(strategy=activity.strategy, number=2, title="Skills")
    digital = PriorityFactory(strategy=activity.strategy, number=5, title="Digital")
    author = PersonFactory(name="Asha Author")
    response = client.post(
        url("contribution_create", activity),
        {
            "kind": ContributionKind.IDEA,
            "text": "  Digital skills bootcamps.\n",
            "author": author.pk,
            "made_on": "2019-05-20",
            "priorities": [skills.pk, digital.pk],
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.text == "  Digital skills bootcamps.\n"
    assert set(contribution.priorities.all()) == {skills, digital}
    assert contribution.recorded_by == staff

    listing = client.get(url("contribution_list", activity))
    assert "20 May 2019 Idea Asha Author Digital skills bootcamps. 2. Skills 5. Digital" in text_of(
        listing
    )
    assert [
        c.pk
        for c in client.get(url("contribution_list", activity), {"priority": digital.pk}).context[
            "object_list"
        ]
    ] == [contribution.pk]
    assert (
        client.get(url("contribution_list", activity), {"kind": "note"})
        .context["object_list"]
        .count()
        == 0
    )
    assert [
        c.pk
        for c in client.get(url("contribution_list", activity), {"q": "bootcamp"}).context[
            "object_list"
        ]
    ] == [contribution.pk]


def test_an_anonymous_contribution_is_shown_as_anonymous(client, staff, as_of):
    activity = ActivityFactory()
    client.post(
        url("contribution_create", activity),
        {
            "kind": ContributionKind.COMMENT,
            "text": "Rents are too high.",
            "author": PersonFactory(name="Secret Name").pk,
            "is_anonymous": "on",
            "made_on": "2019-05-20",
        },
    )
    page = text_of(client.get(url("contribution_list", activity)))
    assert "Comment Anonymous Rents are too high." in page
    assert "Secret Name" not in page


def test_a_contribution_is_edited_and_deleted_after_confirming(client, staff, as_of):
    activity = ActivityFactory()
    contribution = ContributionFactory(activity=activity, author=None, text="Old words")
    client.post(
        url("contribution_edit", activity, contribution.pk),
        {"kind": ContributionKind.NOTE, "text": "New words", "made_on": "2019-05-20"},
    )
    contribution.refresh_from_db()
    assert (contribution.text, contribution.kind) == ("New words", ContributionKind.NOTE)

    confirm = text_of(client.get(url("contribution_delete", activity, contribution.pk)))
    assert "Delete the note by Anonymous?" in confirm
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    client.post(url("contribution_delete", activity, contribution.pk))
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    assert AuditEvent.objects.filter(
        verb="deleted", target_type__model="contribution", target_id=str(contribution.pk)
    ).exists()


def test_the_contribution_list_has_an_empty_state(client, staff):
    activity = ActivityFactory()
    assert "No contributions recorded for this activity yet." in text_of(
        client.get(url("contribution_list", activity))
    )


# Permissions


def every_page(activity, material, follow_up, contribution):
    """Every page of this area, as (URL, form data for a POST or None for GET-only pages)."""
    strategy = activity.strategy
    return [
        (list_url(strategy), None),
        (reverse("engagement_staff:activity_create", args=[strategy.slug]), activity_data()),
        (url("activity_hub", activity), None),
        (url("activity_edit", activity), activity_data(title="Changed")),
        (url("activity_delete", activity), {}),
        (url("activity_write_up", activity), {"notes": "Changed", "outputs": ""}),
        (url("material_create", activity), {"title": "T", "url": "https://example.org/x"}),
        (url("material_download", activity, material.pk), None),
        (url("material_delete", activity, material.pk), {}),
        (url("follow_up_create", activity), {"text": "Changed"}),
        (url("follow_up_edit", activity, follow_up.pk), {"text": "Changed"}),
        (url("follow_up_delete", activity, follow_up.pk), {}),
        (url("contribution_list", activity), None),
        (
            url("contribution_create", activity),
            {"kind": "note", "text": "Changed", "made_on": "2019-05-01"},
        ),
        (
            url("contribution_edit", activity, contribution.pk),
            {"kind": "note", "text": "Changed", "made_on": "2019-05-01"},
        ),
        (url("contribution_delete", activity, contribution.pk), {}),
    ]


@pytest.fixture
def records():
    activity = ActivityFactory(title="Unchanged")
    material = ActivityMaterialFactory(activity=activity)
    follow_up = FollowUpFactory(activity=activity, text="Unchanged")
    contribution = ContributionFactory(activity=activity, text="Unchanged")
    return activity, material, follow_up, contribution


def snapshot():
    return (
        list(Activity.objects.values_list("title", "notes", "status")),
        ActivityMaterial.objects.count(),
        list(FollowUp.objects.values_list("text", flat=True)),
        list(Contribution.objects.values_list("text", flat=True)),
    )


def test_signed_in_people_who_are_not_staff_get_403_and_change_nothing(client, records):
    client.force_login(UserFactory())
    before = snapshot()
    for page_url, data in every_page(*records):
        assert client.get(page_url).status_code == 403, page_url
        if data is not None:
            assert client.post(page_url, data).status_code == 403, page_url
    assert snapshot() == before


def test_people_not_signed_in_are_sent_to_sign_in(client, records):
    before = snapshot()
    for page_url, data in every_page(*records):
        response = client.get(page_url)
        assert response.status_code == 302, page_url
        assert response["Location"].startswith(reverse("account_login")), page_url
        if data is not None:
            assert client.post(page_url, data)["Location"].startswith(reverse("account_login"))
    assert snapshot() == before


# Hostile text


def usable(strings, max_length=None):
    """The strings a text input takes back as typed: Django strips surrounding whitespace and
    refuses NUL characters, by design."""
    return [
        text
        for text in strings
        if text
        and text.strip() == text
        and "\x00" not in text
        and (max_length is None or len(text) <= max_length)
    ]


def single_line(text: str) -> bool:
    return len(text.splitlines()) == 1 and "\r" not in text and "\n" not in text


def test_naughty_strings_survive_the_activity_form(client, staff, naughty_strings):
    strategy = StrategyFactory()
    strings = usable(naughty_strings, max_length=200)
    assert len(strings) > 400
    create = reverse("engagement_staff:activity_create", args=[strategy.slug])
    for text in strings:
        response = client.post(
            create, activity_data(title=text, purpose=text, place=text[:300], agenda=text)
        )
        assert response.status_code == 302, (text, response.context["form"].errors)
    stored = list(
        Activity.objects.order_by("pk").values_list("title", "purpose", "place", "agenda")
    )
    assert stored == [(text, text, text, text) for text in strings]

    html = client.get(list_url(strategy), {"page": 1}).content.decode()
    assert "<script>alert(0)</script>" not in html
    for activity in Activity.objects.order_by("pk")[:60]:
        hub = client.get(
            reverse("engagement_staff:activity_hub", args=[strategy.slug, activity.pk])
        )
        assert hub.status_code == 200
        if single_line(activity.title):
            assert escape(activity.title) in hub.content.decode()


def test_nul_characters_get_a_message_not_a_server_error(client, staff):
    strategy = StrategyFactory()
    response = client.post(
        reverse("engagement_staff:activity_create", args=[strategy.slug]),
        activity_data(title="a\x00b"),
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


def test_naughty_strings_survive_the_write_up_and_follow_ups(client, staff, naughty_strings, as_of):
    strings = usable(naughty_strings, max_length=500)
    activity = ActivityFactory(starts_at=at("2019-05-01"))
    for text in strings:
        response = client.post(url("activity_write_up", activity), {"notes": text, "outputs": text})
        assert response.status_code == 302, text
        activity.refresh_from_db()
        assert (activity.notes, activity.outputs) == (text, text)
        response = client.post(url("follow_up_create", activity), {"text": text})
        assert response.status_code == 302, text
    assert list(FollowUp.objects.order_by("pk").values_list("text", flat=True)) == strings
    hub = client.get(url("activity_hub", activity)).content.decode()
    for text in strings:
        if single_line(text):
            assert escape(text) in hub
    assert "<script>alert(0)</script>" not in hub


def test_naughty_strings_survive_contributions_exactly(client, staff, naughty_strings, as_of):
    activity = ActivityFactory()
    # Contribution text is kept exactly, surrounding spaces included.
    strings = [text for text in naughty_strings if text.strip() and "\x00" not in text]
    for text in strings:
        response = client.post(
            url("contribution_create", activity),
            {"kind": "comment", "text": text, "made_on": "2019-05-01"},
        )
        assert response.status_code == 302, (text, response.context["form"].errors)
    stored = list(Contribution.objects.order_by("pk").values_list("text", flat=True))
    # A browser sends line ends as CRLF; the test client sends what it is given.
    assert stored == strings
    listing = client.get(url("contribution_list", activity), {"page": 2}).content.decode()
    assert "<script>alert(0)</script>" not in listing
    first_page = client.get(url("contribution_list", activity))
    html = first_page.content.decode()
    for contribution in first_page.context["object_list"]:
        if single_line(contribution.text):
            assert escape(contribution.text) in html


def test_naughty_strings_survive_material_titles(client, staff, naughty_strings):
    activity = ActivityFactory()
    strings = usable(naughty_strings, max_length=200)
    for text in strings:
        response = client.post(
            url("material_create", activity), {"title": text, "url": "https://example.org/m"}
        )
        assert response.status_code == 302, text
    assert sorted(ActivityMaterial.objects.values_list("title", flat=True)) == sorted(strings)
    hub = client.get(url("activity_hub", activity)).content.decode()
    for text in strings:
        if single_line(text):
            assert escape(text) in hub


# Query counts: the same at two sizes of data


def activity_with(size: int) -> Activity:
    strategy = StrategyFactory()
    priorities = [PriorityFactory(strategy=strategy) for _ in range(3)]
    body = BodyFactory(strategy=strategy)
    activity = ActivityFactory(strategy=strategy, body=body, host=PersonFactory())
    activity.priorities.set(priorities)
    for number in range(size):
        other = ActivityFactory(strategy=strategy, body=body)
        other.priorities.add(priorities[0])
        ActivityInvitationFactory(activity=other)
        ContributionFactory(activity=other)
        ActivityMaterialFactory(activity=activity)
        FollowUpFactory(activity=activity, owner=PersonFactory(), due_on=datetime.date(2019, 6, 1))
        ActivityInvitationFactory(activity=activity, attendance=ActivityAttendance.ATTENDED)
        ContributionFactory(activity=activity, priorities=priorities[: 1 + number % 3])
    return activity


# Each page's queries include the session, the user and the navigation's strategy; the delete
# page of an activity is measured on one that holds contributions, so it shows the refusal.
PAGE_QUERIES = {
    "activity_list": 7,
    "activity_create": 7,
    "activity_hub": 11,
    "activity_edit": 9,
    "activity_delete": 7,
    "activity_write_up": 6,
    "material_create": 6,
    "material_delete": 7,
    "follow_up_create": 7,
    "follow_up_edit": 8,
    "follow_up_delete": 7,
    "contribution_list": 10,
    "contribution_create": 8,
    "contribution_edit": 10,
    "contribution_delete": 10,  # the interventions it shaped, and insight's copy of its text
}


def page_urls(activity: Activity) -> dict[str, str]:
    material = activity.materials.first()
    follow_up = activity.follow_ups.first()
    contribution = activity.contributions.first()
    slug = activity.strategy.slug
    return {
        "activity_list": list_url(activity.strategy),
        "activity_create": reverse("engagement_staff:activity_create", args=[slug]),
        "activity_hub": url("activity_hub", activity),
        "activity_edit": url("activity_edit", activity),
        "activity_delete": url("activity_delete", activity),
        "activity_write_up": url("activity_write_up", activity),
        "material_create": url("material_create", activity),
        "material_delete": url("material_delete", activity, material.pk),
        "follow_up_create": url("follow_up_create", activity),
        "follow_up_edit": url("follow_up_edit", activity, follow_up.pk),
        "follow_up_delete": url("follow_up_delete", activity, follow_up.pk),
        "contribution_list": url("contribution_list", activity),
        "contribution_create": url("contribution_create", activity),
        "contribution_edit": url("contribution_edit", activity, contribution.pk),
        "contribution_delete": url("contribution_delete", activity, contribution.pk),
    }


@pytest.mark.parametrize("page", sorted(PAGE_QUERIES))
@pytest.mark.parametrize("size", [3, 30])
def test_every_page_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, page, size
):
    activity = activity_with(size)
    page_url = page_urls(activity)[page]
    assert client.get(page_url).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES[page]):
        response = client.get(page_url)
    assert response.status_code == 200
