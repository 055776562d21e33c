"""Public URLs of the sounding board: home, joining, the profile, leaving and unsubscribing."""

from django.urls import path

from convenor.engagement import joining_views as views

app_name = "joining"

urlpatterns = [
    path("s/<slug:slug>/sounding-board/", views.home, name="home"),
    path("s/<slug:slug>/sounding-board/join/", views.JoinPage.as_view(), name="join"),
    path(
        "s/<slug:slug>/sounding-board/join/<str:token>/",
        views.JoinInvited.as_view(),
        name="join_invited",
    ),
    path("s/<slug:slug>/sounding-board/profile/", views.Profile.as_view(), name="profile"),
    path("s/<slug:slug>/sounding-board/leave/", views.Leave.as_view(), name="leave"),
    path(
        "s/<slug:slug>/sounding-board/unsubscribe/<str:token>/",
        views.Unsubscribe.as_view(),
        name="unsubscribe",
    ),
]
