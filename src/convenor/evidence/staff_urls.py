"""Staff URLs of the evidence base, under /staff/: a strategy's evidence items."""

from django.urls import path

from convenor.evidence import staff_views as views

app_name = "evidence_staff"

items = "strategies/<slug:slug>/evidence/"
item = f"{items}<int:pk>/"

urlpatterns = [
    path(items, views.ItemList.as_view(), name="item_list"),
    path(f"{items}new/", views.ItemCreate.as_view(), name="item_create"),
    path(
        "strategies/<slug:slug>/priorities/<int:number>/evidence/new/",
        views.PriorityItemCreate.as_view(),
        name="priority_item_create",
    ),
    path(item, views.ItemDetail.as_view(), name="item_detail"),
    path(f"{item}edit/", views.ItemEdit.as_view(), name="item_edit"),
    path(f"{item}delete/", views.ItemDelete.as_view(), name="item_delete"),
    path(f"{item}file/", views.ItemDownload.as_view(), name="item_download"),
]
