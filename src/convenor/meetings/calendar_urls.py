"""Calendar addresses: a meeting's .ics, a body's feed, a person's own feed."""

from django.urls import path

from convenor.meetings import calendar_views

app_name = "calendar"
urlpatterns = [
    path(
        "s/<slug:slug>/meetings/<int:pk>/meeting.ics",
        calendar_views.meeting_ics,
        name="meeting_ics",
    ),
    path(
        "s/<slug:slug>/bodies/<slug:body_slug>/meetings.ics",
        calendar_views.body_feed,
        name="body_feed",
    ),
    path("calendar/<str:token>.ics", calendar_views.person_feed, name="person_feed"),
]
