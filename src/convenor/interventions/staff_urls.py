"""URLs of the staff pages of interventions and their delivery, under /staff/."""

from django.urls import path

from convenor.interventions import staff_views as views

app_name = "interventions_staff"

strategy = "strategies/<slug:slug>/"
interventions = f"{strategy}interventions/"
one = f"{interventions}<int:pk>/"
milestone = f"{one}milestones/<int:milestone_pk>/"

urlpatterns = [
    path(interventions, views.InterventionList.as_view(), name="intervention_list"),
    path(
        f"{strategy}priorities/<int:number>/interventions/new/",
        views.InterventionCreate.as_view(),
        name="intervention_create",
    ),
    path(one, views.InterventionDetail.as_view(), name="intervention_detail"),
    path(f"{one}edit/", views.InterventionEdit.as_view(), name="intervention_edit"),
    path(f"{one}links/", views.InterventionLinks.as_view(), name="intervention_links"),
    path(f"{one}delete/", views.InterventionDelete.as_view(), name="intervention_delete"),
    path(f"{one}stage/", views.StageChangePage.as_view(), name="stage_change"),
    path(f"{one}supporters/new/", views.SupportAdd.as_view(), name="support_add"),
    path(
        f"{one}supporters/<int:support_pk>/remove/",
        views.SupportRemove.as_view(),
        name="support_remove",
    ),
    path(f"{one}milestones/new/", views.MilestoneAdd.as_view(), name="milestone_add"),
    path(f"{milestone}edit/", views.MilestoneEdit.as_view(), name="milestone_edit"),
    path(f"{milestone}done/", views.MilestoneDone.as_view(), name="milestone_done"),
    path(f"{milestone}delete/", views.MilestoneDelete.as_view(), name="milestone_delete"),
    path(f"{one}progress/new/", views.ProgressUpdateAdd.as_view(), name="progress_add"),
    path(f"{strategy}delivery/", views.DeliveryReview.as_view(), name="delivery"),
]
