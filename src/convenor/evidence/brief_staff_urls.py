"""URLs of the staff pages of project briefs, under /staff/."""

from django.urls import path

from convenor.evidence import brief_views as views

app_name = "briefs_staff"

briefs = "strategies/<slug:slug>/briefs/"
brief = f"{briefs}<int:pk>/"

urlpatterns = [
    path(briefs, views.BriefList.as_view(), name="brief_list"),
    path(
        "strategies/<slug:slug>/priorities/<int:number>/briefs/new/",
        views.BriefCreate.as_view(),
        name="brief_create",
    ),
    path(brief, views.BriefDetail.as_view(), name="brief_detail"),
    path(f"{brief}edit/", views.BriefEdit.as_view(), name="brief_edit"),
    path(f"{brief}delete/", views.BriefDelete.as_view(), name="brief_delete"),
]
