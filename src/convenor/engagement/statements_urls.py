"""PLACEHOLDER being written: the public statements pages of the sounding board."""

from django.urls import URLPattern

app_name = "statements"

urlpatterns: list[URLPattern] = []
