"""URLs of the staff area's strategy pages, under /staff/."""

from django.urls import path

from convenor.strategy import gate_views
from convenor.strategy import staff_views as views

app_name = "strategy_staff"

strategy = "strategies/<slug:slug>/"
priority = f"{strategy}priorities/<int:number>/"

urlpatterns = [
    path("", views.StaffHome.as_view(), name="home"),
    path("strategies/new/", views.StrategyCreate.as_view(), name="strategy_create"),
    path(strategy, views.StrategyEdit.as_view(), name="strategy_edit"),
    path(f"{strategy}delete/", views.StrategyDelete.as_view(), name="strategy_delete"),
    path(f"{strategy}stages/new/", views.StageCreate.as_view(), name="stage_create"),
    path(f"{strategy}stages/advance/", gate_views.StageAdvance.as_view(), name="stage_advance"),
    path(f"{strategy}stages/<int:pk>/", views.StageEdit.as_view(), name="stage_edit"),
    path(f"{strategy}stages/<int:pk>/delete/", views.StageDelete.as_view(), name="stage_delete"),
    path(f"{strategy}milestones/new/", views.MilestoneCreate.as_view(), name="milestone_create"),
    path(f"{strategy}milestones/<int:pk>/", views.MilestoneEdit.as_view(), name="milestone_edit"),
    path(
        f"{strategy}milestones/<int:pk>/delete/",
        views.MilestoneDelete.as_view(),
        name="milestone_delete",
    ),
    path(f"{strategy}priorities/new/", views.PriorityCreate.as_view(), name="priority_create"),
    path(priority, views.PriorityEdit.as_view(), name="priority_edit"),
    path(f"{priority}delete/", views.PriorityDelete.as_view(), name="priority_delete"),
    path(
        f"{priority}enquiries/new/",
        views.LineOfEnquiryCreate.as_view(),
        name="line_of_enquiry_create",
    ),
    path(
        f"{priority}enquiries/<int:pk>/",
        views.LineOfEnquiryEdit.as_view(),
        name="line_of_enquiry_edit",
    ),
    path(
        f"{priority}enquiries/<int:pk>/delete/",
        views.LineOfEnquiryDelete.as_view(),
        name="line_of_enquiry_delete",
    ),
]
