"""PLACEHOLDER being written: the staff statements pages of the sounding board, under /staff/."""

from django.urls import URLPattern

app_name = "statements_staff"

urlpatterns: list[URLPattern] = []
