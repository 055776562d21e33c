"""Public URLs of publications (a strategy's list, a publication, its versions and files) and
the signer's pages (the versions awaiting their sign-off)."""

from django.urls import path

from convenor.publishing import views

app_name = "publishing"

publications = "s/<slug:slug>/publications/"
publication = f"{publications}<slug:publication>/"
version = f"{publication}v<int:number>/"

urlpatterns = [
    path("publications/sign-off/", views.sign_off_list, name="sign_off_list"),
    path("publications/sign-off/<int:pk>/", views.sign_off_detail, name="sign_off_detail"),
    path("publications/sign-off/<int:pk>/sign/", views.sign_off_sign, name="sign_off_sign"),
    path("publications/sign-off/<int:pk>/return/", views.sign_off_return, name="sign_off_return"),
    path(publications, views.publication_list, name="publication_list"),
    path(publication, views.publication_detail, name="publication_detail"),
    path(version, views.version_detail, name="version_detail"),
    path(f"{version}<str:output>/", views.version_file, name="version_file"),
]
