"""Staff URLs of the sounding board, under /staff/: its settings and its participants."""

from django.urls import path

from convenor.engagement import joining_staff_views as views

app_name = "joining_staff"

board = "strategies/<slug:slug>/sounding-board/"

urlpatterns = [
    path(board, views.Settings.as_view(), name="settings"),
    path(f"{board}participants/", views.ParticipantList.as_view(), name="participant_list"),
    path(
        f"{board}participants/<int:pk>/decide/",
        views.ParticipantDecide.as_view(),
        name="participant_decide",
    ),
]
