"""PLACEHOLDER being written: the staff documents pages of the sounding board, under /staff/."""

from django.urls import URLPattern

app_name = "documents_staff"

urlpatterns: list[URLPattern] = []
