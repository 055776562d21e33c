"""PLACEHOLDER being written: the public joining pages of the sounding board."""

from django.urls import URLPattern

app_name = "joining"

urlpatterns: list[URLPattern] = []
