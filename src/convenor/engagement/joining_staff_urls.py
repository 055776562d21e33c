"""PLACEHOLDER being written: the staff joining pages of the sounding board, under /staff/."""

from django.urls import URLPattern

app_name = "joining_staff"

urlpatterns: list[URLPattern] = []
