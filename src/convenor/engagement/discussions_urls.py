"""Public URLs of discussions: the list, a discussion's threads, new threads, replies, reports."""

from django.urls import path

from convenor.engagement import discussions_views as views

app_name = "discussions"

discussions = "s/<slug:slug>/discussions/"
discussion = f"{discussions}<int:pk>/"

urlpatterns = [
    path(discussions, views.discussion_list, name="discussion_list"),
    path(discussion, views.discussion_detail, name="discussion_detail"),
    path(f"{discussion}threads/new/", views.thread_start, name="thread_start"),
    path(f"{discussion}posts/<int:post_pk>/reply/", views.reply_create, name="reply_create"),
    path(f"{discussion}posts/<int:post_pk>/flag/", views.flag, name="flag"),
]
