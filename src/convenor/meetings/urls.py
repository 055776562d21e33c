"""Public URLs of meetings, and the signed-in person's own meetings and actions."""

from django.urls import path

from convenor.meetings import views

app_name = "meetings"
urlpatterns = [
    path("s/<slug:slug>/meetings/", views.meeting_list, name="meeting_list"),
    path("s/<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "s/<slug:slug>/meetings/<int:pk>/papers/<int:paper_pk>/",
        views.paper_download,
        name="paper_download",
    ),
    path("me/", views.my_meetings, name="my_meetings"),
    path("me/actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
]
