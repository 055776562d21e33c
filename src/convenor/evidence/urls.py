"""Public URLs of the evidence base: a strategy's evidence, one item and its file."""

from django.urls import path

from convenor.evidence import views

app_name = "evidence"

items = "s/<slug:slug>/evidence/"

urlpatterns = [
    path(items, views.item_list, name="item_list"),
    path(f"{items}<int:pk>/", views.item_detail, name="item_detail"),
    path(f"{items}<int:pk>/file/", views.item_file, name="item_file"),
]
