"""Public pages of publications: the list, a publication with its versions and downloads."""

from django.urls import path  # noqa: F401

app_name = "publishing"

urlpatterns: list = []
