"""Public URLs of workshops: the workshops open for sign-up, one workshop, book and cancel."""

from django.urls import path

from convenor.engagement import workshops_views as views

app_name = "workshops"

workshops = "s/<slug:slug>/workshops/"
workshop = f"{workshops}<int:pk>/"

urlpatterns = [
    path(workshops, views.workshop_list, name="workshop_list"),
    path(workshop, views.workshop_detail, name="workshop_detail"),
    path(f"{workshop}book/", views.place_book, name="place_book"),
    path(f"{workshop}cancel/", views.place_cancel, name="place_cancel"),
]
