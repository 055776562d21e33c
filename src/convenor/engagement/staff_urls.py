"""URLs of the staff area's engagement pages, under /staff/."""

from django.urls import path

from convenor.engagement import activity_views, coverage_views, invitation_views, register_views

app_name = "engagement_staff"

activities = "strategies/<slug:slug>/activities/"
activity = f"{activities}<int:pk>/"
coverage = "strategies/<slug:slug>/coverage/"

urlpatterns = [
    # The register: relationships (power/interest, owner, priorities of interest) and segments
    path("register/grid/", register_views.RelationshipGrid.as_view(), name="relationship_grid"),
    path(
        "people/<int:pk>/relationship/",
        register_views.PersonRelationshipEdit.as_view(),
        name="person_relationship",
    ),
    path(
        "organisations/<int:pk>/relationship/",
        register_views.OrganisationRelationshipEdit.as_view(),
        name="organisation_relationship",
    ),
    path("segments/", register_views.SegmentList.as_view(), name="segment_list"),
    path("segments/new/", register_views.SegmentCreate.as_view(), name="segment_create"),
    path("segments/<int:pk>/", register_views.SegmentEdit.as_view(), name="segment_edit"),
    path(
        "segments/<int:pk>/delete/", register_views.SegmentDelete.as_view(), name="segment_delete"
    ),
    # Activities, their materials, write-up, follow-ups and contributions
    path(activities, activity_views.ActivityList.as_view(), name="activity_list"),
    path(f"{activities}new/", activity_views.ActivityCreate.as_view(), name="activity_create"),
    path(activity, activity_views.ActivityHub.as_view(), name="activity_hub"),
    path(f"{activity}edit/", activity_views.ActivityEdit.as_view(), name="activity_edit"),
    path(f"{activity}delete/", activity_views.ActivityDelete.as_view(), name="activity_delete"),
    path(
        f"{activity}write-up/", activity_views.ActivityWriteUp.as_view(), name="activity_write_up"
    ),
    path(
        f"{activity}materials/new/",
        activity_views.MaterialCreate.as_view(),
        name="material_create",
    ),
    path(
        f"{activity}materials/<int:material_pk>/",
        activity_views.MaterialDownload.as_view(),
        name="material_download",
    ),
    path(
        f"{activity}materials/<int:material_pk>/delete/",
        activity_views.MaterialDelete.as_view(),
        name="material_delete",
    ),
    path(
        f"{activity}follow-ups/new/",
        activity_views.FollowUpCreate.as_view(),
        name="follow_up_create",
    ),
    path(
        f"{activity}follow-ups/<int:follow_up_pk>/",
        activity_views.FollowUpEdit.as_view(),
        name="follow_up_edit",
    ),
    path(
        f"{activity}follow-ups/<int:follow_up_pk>/delete/",
        activity_views.FollowUpDelete.as_view(),
        name="follow_up_delete",
    ),
    path(
        f"{activity}contributions/",
        activity_views.ContributionList.as_view(),
        name="contribution_list",
    ),
    path(
        f"{activity}contributions/new/",
        activity_views.ContributionCreate.as_view(),
        name="contribution_create",
    ),
    path(
        f"{activity}contributions/<int:contribution_pk>/",
        activity_views.ContributionEdit.as_view(),
        name="contribution_edit",
    ),
    path(
        f"{activity}contributions/<int:contribution_pk>/delete/",
        activity_views.ContributionDelete.as_view(),
        name="contribution_delete",
    ),
    # Invitations, replies and attendance
    path(
        f"{activity}invitations/",
        invitation_views.InvitationList.as_view(),
        name="invitation_list",
    ),
    path(f"{activity}invite/", invitation_views.InvitePeople.as_view(), name="invite"),
    path(f"{activity}remind/", invitation_views.RemindPending.as_view(), name="remind"),
    path(
        f"{activity}attendance/",
        invitation_views.AttendanceRecord.as_view(),
        name="attendance",
    ),
    path(
        f"{activity}invitations/<int:invitation_pk>/delete/",
        invitation_views.InvitationDelete.as_view(),
        name="invitation_delete",
    ),
    # Reach and coverage
    path(coverage, coverage_views.StrategyCoverage.as_view(), name="coverage"),
    path(
        f"{coverage}priorities/<int:number>/",
        coverage_views.PriorityCoverage.as_view(),
        name="priority_coverage",
    ),
]
