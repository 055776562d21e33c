"""Staff pages of publications: list, create, sections, builds, lints, sign-off and versions."""

from django.urls import path  # noqa: F401

app_name = "publishing_staff"

urlpatterns: list = []
