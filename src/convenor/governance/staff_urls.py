"""URLs of the staff area's body and membership pages, under /staff/."""

from django.urls import path

from convenor.governance import staff_views as views

app_name = "governance_staff"

bodies = "strategies/<slug:slug>/bodies/"
body = f"{bodies}<slug:body_slug>/"
member = f"{body}members/<int:pk>/"

urlpatterns = [
    path(bodies, views.BodyList.as_view(), name="body_list"),
    path(f"{bodies}new/", views.BodyCreate.as_view(), name="body_create"),
    path(body, views.BodyEdit.as_view(), name="body_edit"),
    path(f"{body}priorities/", views.BodyPrioritiesEdit.as_view(), name="body_priorities"),
    path(f"{body}delete/", views.BodyDelete.as_view(), name="body_delete"),
    path(f"{body}members/new/", views.MembershipCreate.as_view(), name="membership_create"),
    path(member, views.MembershipEdit.as_view(), name="membership_edit"),
    path(f"{member}end/", views.MembershipEnd.as_view(), name="membership_end"),
    path(f"{member}delete/", views.MembershipDelete.as_view(), name="membership_delete"),
]
