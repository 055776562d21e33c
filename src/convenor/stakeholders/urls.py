"""URLs of the signed-in person's own pages about the data held on them."""

from django.urls import path

from convenor.stakeholders import privacy_views

app_name = "stakeholders"

urlpatterns = [
    path("me/data/", privacy_views.my_data, name="my_data"),
    path(
        "me/data/download.<str:file_format>",
        privacy_views.my_data_download,
        name="my_data_download",
    ),
]
