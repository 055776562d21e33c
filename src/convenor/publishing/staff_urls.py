"""Staff URLs of publications, under /staff/: list, create, edit, versions, sections, builds, lints,
comparison, sign-off requests and publishing."""

from django.urls import path

from convenor.publishing import staff_views as views

app_name = "publishing_staff"

publications = "strategies/<slug:slug>/publications/"
publication = f"{publications}<slug:publication>/"
version = f"{publication}v<int:number>/"
section = f"{version}sections/<int:pk>/"

urlpatterns = [
    path(publications, views.PublicationList.as_view(), name="publication_list"),
    path(f"{publications}new/", views.PublicationCreate.as_view(), name="publication_create"),
    path(publication, views.PublicationDetail.as_view(), name="publication_detail"),
    path(f"{publication}edit/", views.PublicationEdit.as_view(), name="publication_edit"),
    path(f"{publication}new-version/", views.VersionNew.as_view(), name="version_new"),
    path(f"{publication}compare/", views.VersionCompare.as_view(), name="version_compare"),
    path(version, views.VersionDetail.as_view(), name="version_detail"),
    path(f"{version}edit/", views.VersionEdit.as_view(), name="version_edit"),
    path(f"{version}progress/", views.VersionProgress.as_view(), name="version_progress"),
    path(f"{version}build/", views.VersionBuild.as_view(), name="version_build"),
    path(f"{version}waive/", views.LintWaive.as_view(), name="lint_waive"),
    path(
        f"{version}waivers/<int:pk>/withdraw/",
        views.WaiverWithdraw.as_view(),
        name="waiver_withdraw",
    ),
    path(f"{version}sign-off/", views.SignOffRequest.as_view(), name="sign_off_request"),
    path(f"{version}sign-off/withdraw/", views.ReviewWithdraw.as_view(), name="review_withdraw"),
    path(f"{version}publish/", views.VersionPublish.as_view(), name="version_publish"),
    path(f"{version}sections/new/", views.SectionCreate.as_view(), name="section_create"),
    path(f"{section}edit/", views.SectionEdit.as_view(), name="section_edit"),
    path(f"{section}delete/", views.SectionDelete.as_view(), name="section_delete"),
    path(f"{section}move/", views.SectionMove.as_view(), name="section_move"),
]
