"""URLs of the staff area's stakeholder register pages, under /staff/."""

from django.urls import path

from convenor.stakeholders import import_views, privacy_views
from convenor.stakeholders import staff_views as views

app_name = "stakeholders_staff"

urlpatterns = [
    path("areas/", views.AreaList.as_view(), name="area_list"),
    path("areas/new/", views.AreaCreate.as_view(), name="area_create"),
    path("areas/<int:pk>/", views.AreaEdit.as_view(), name="area_edit"),
    path("areas/<int:pk>/delete/", views.AreaDelete.as_view(), name="area_delete"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationCreate.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", views.OrganisationEdit.as_view(), name="organisation_edit"),
    path(
        "organisations/<int:pk>/history/",
        views.OrganisationHistory.as_view(),
        name="organisation_history",
    ),
    path(
        "organisations/<int:pk>/delete/",
        views.OrganisationDelete.as_view(),
        name="organisation_delete",
    ),
    path(
        "organisations/import/",
        import_views.OrganisationImport.as_view(),
        name="organisation_import",
    ),
    path(
        "organisations/export/<str:file_format>/",
        import_views.OrganisationExport.as_view(),
        name="organisation_export",
    ),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/import/", import_views.PersonImport.as_view(), name="person_import"),
    path(
        "people/export/<str:file_format>/",
        import_views.PersonExport.as_view(),
        name="person_export",
    ),
    path("imports/<str:import_id>/", import_views.ImportPreview.as_view(), name="import_preview"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonEdit.as_view(), name="person_edit"),
    path("people/<int:pk>/history/", views.PersonHistory.as_view(), name="person_history"),
    path("people/<int:pk>/delete/", views.PersonDelete.as_view(), name="person_delete"),
    path("people/<int:pk>/data/", privacy_views.PersonData.as_view(), name="person_data"),
    path(
        "people/<int:pk>/data/download.<str:file_format>",
        privacy_views.PersonDataDownload.as_view(),
        name="person_data_download",
    ),
    path("people/<int:pk>/erase/", privacy_views.PersonErase.as_view(), name="person_erase"),
]
