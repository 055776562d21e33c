"""URLs of the staff area's stakeholder register pages, under /staff/."""

from django.urls import path

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
        "organisations/<int:pk>/delete/",
        views.OrganisationDelete.as_view(),
        name="organisation_delete",
    ),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonEdit.as_view(), name="person_edit"),
    path("people/<int:pk>/delete/", views.PersonDelete.as_view(), name="person_delete"),
]
