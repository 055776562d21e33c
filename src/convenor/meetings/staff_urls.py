"""URLs of the staff area's meeting pages, under /staff/."""

from django.urls import path

from convenor.meetings import staff_views as views

app_name = "meetings_staff"

meetings = "strategies/<slug:slug>/meetings/"
meeting = f"{meetings}<int:pk>/"
item = f"{meeting}agenda/<int:item_pk>/"
paper = f"{meeting}papers/<int:paper_pk>/"
invitation = f"{meeting}invitations/<int:invitation_pk>/"
decision = f"{meeting}decisions/<int:decision_pk>/"
action = f"{meeting}actions/<int:action_pk>/"

urlpatterns = [
    path(meetings, views.MeetingList.as_view(), name="meeting_list"),
    path(f"{meetings}new/", views.MeetingCreate.as_view(), name="meeting_create"),
    path(meeting, views.MeetingHub.as_view(), name="meeting_hub"),
    path(f"{meeting}delete/", views.MeetingDelete.as_view(), name="meeting_delete"),
    path(f"{meeting}cancel/", views.MeetingCancel.as_view(), name="meeting_cancel"),
    path(f"{meeting}held/", views.MeetingMarkHeld.as_view(), name="meeting_mark_held"),
    # Agenda and declarations of interest
    path(f"{meeting}agenda/new/", views.AgendaItemCreate.as_view(), name="agenda_item_create"),
    path(f"{meeting}agenda/generate/", views.AgendaGenerate.as_view(), name="agenda_generate"),
    path(item, views.AgendaItemEdit.as_view(), name="agenda_item_edit"),
    path(f"{item}delete/", views.AgendaItemDelete.as_view(), name="agenda_item_delete"),
    path(
        f"{item}declarations/new/",
        views.DeclarationCreate.as_view(),
        name="declaration_create",
    ),
    path(
        f"{item}declarations/<int:declaration_pk>/delete/",
        views.DeclarationDelete.as_view(),
        name="declaration_delete",
    ),
    # Papers
    path(f"{meeting}papers/new/", views.PaperUpload.as_view(), name="paper_upload"),
    path(f"{meeting}papers/publish/", views.PapersPublish.as_view(), name="papers_publish"),
    path(f"{paper}file/", views.PaperDownload.as_view(), name="paper_download"),
    path(f"{paper}delete/", views.PaperDelete.as_view(), name="paper_delete"),
    # Invitations and attendance
    path(f"{meeting}invitations/new/", views.InvitationCreate.as_view(), name="invitation_create"),
    path(
        f"{meeting}invitations/members/",
        views.InvitationsForMembers.as_view(),
        name="invitations_for_members",
    ),
    path(f"{meeting}invitations/send/", views.InvitationsSend.as_view(), name="invitations_send"),
    path(invitation, views.InvitationEdit.as_view(), name="invitation_edit"),
    path(f"{invitation}delete/", views.InvitationDelete.as_view(), name="invitation_delete"),
    path(f"{meeting}attendance/", views.AttendanceEdit.as_view(), name="attendance"),
    # Minutes
    path(f"{meeting}minutes/", views.MinutesEdit.as_view(), name="minutes_edit"),
    path(f"{meeting}minutes/publish/", views.MinutesPublish.as_view(), name="minutes_publish"),
    path(f"{meeting}minutes/approve/", views.MinutesApprove.as_view(), name="minutes_approve"),
    # Decisions and actions
    path(f"{meeting}decisions/new/", views.DecisionCreate.as_view(), name="decision_create"),
    path(decision, views.DecisionEdit.as_view(), name="decision_edit"),
    path(f"{decision}delete/", views.DecisionDelete.as_view(), name="decision_delete"),
    path(f"{meeting}actions/new/", views.ActionCreate.as_view(), name="action_create"),
    path(action, views.ActionEdit.as_view(), name="action_edit"),
    path(f"{action}delete/", views.ActionDelete.as_view(), name="action_delete"),
]
