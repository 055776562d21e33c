"""PLACEHOLDER being written: the public documents pages of the sounding board."""

from django.urls import URLPattern

app_name = "documents"

urlpatterns: list[URLPattern] = []
