"""Public URLs of the bodies steering a strategy."""

from django.urls import path

from convenor.governance import views

app_name = "governance"
urlpatterns = [
    path("s/<slug:slug>/bodies/", views.body_list, name="body_list"),
    path("s/<slug:slug>/bodies/<slug:body_slug>/", views.body_detail, name="body_detail"),
]
