"""Staff URLs of discussions, under /staff/: the list, a hub each, announcing, moderating posts."""

from django.urls import path

from convenor.engagement import discussions_staff_views as views

app_name = "discussions_staff"

discussions = "strategies/<slug:slug>/discussions/"
discussion = f"{discussions}<int:pk>/"

urlpatterns = [
    path(discussions, views.DiscussionList.as_view(), name="discussion_list"),
    path(f"{discussions}new/", views.DiscussionCreate.as_view(), name="discussion_create"),
    path(
        f"{discussions}posts/<int:pk>/moderate/",
        views.PostModerate.as_view(),
        name="post_moderate",
    ),
    path(discussion, views.DiscussionHub.as_view(), name="discussion_hub"),
    path(f"{discussion}edit/", views.DiscussionEdit.as_view(), name="discussion_edit"),
    path(f"{discussion}delete/", views.DiscussionDelete.as_view(), name="discussion_delete"),
    path(f"{discussion}announce/", views.DiscussionAnnounce.as_view(), name="discussion_announce"),
]
