"""Public engagement URLs: an invitee's reply through the signed link in their invitation."""

from django.urls import path

from convenor.engagement import views

app_name = "engagement"

urlpatterns = [
    path("rsvp/<str:token>/", views.Rsvp.as_view(), name="rsvp"),
    path("rsvp/<str:token>/calendar.ics", views.RsvpCalendar.as_view(), name="rsvp_calendar"),
]
