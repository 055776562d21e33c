"""Staff URLs of workshops, under /staff/: an activity's sign-ups and its reminders."""

from django.urls import path

from convenor.engagement import workshops_staff_views as views

app_name = "workshops_staff"

workshop = "strategies/<slug:slug>/workshops/<int:pk>/"

urlpatterns = [
    path(workshop, views.WorkshopSignUps.as_view(), name="signups"),
    path(f"{workshop}remind/", views.WorkshopRemind.as_view(), name="remind"),
]
