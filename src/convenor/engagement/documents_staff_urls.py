"""Staff URLs of reaction windows, under /staff/: documents, their text, counts and moderation."""

from django.urls import path

from convenor.engagement import documents_staff_views as views

app_name = "documents_staff"

documents = "strategies/<slug:slug>/documents/"
document = f"{documents}<int:pk>/"

urlpatterns = [
    path(documents, views.DocumentList.as_view(), name="document_list"),
    path(f"{documents}new/", views.DocumentCreate.as_view(), name="document_create"),
    path(
        f"{documents}research/<int:item_pk>/open/",
        views.ResearchWindowCreate.as_view(),
        name="research_window_create",
    ),
    path(f"{documents}moderation/", views.ModerationQueue.as_view(), name="moderation_queue"),
    path(
        f"{documents}comments/<int:pk>/moderate/",
        views.CommentModerate.as_view(),
        name="comment_moderate",
    ),
    path(document, views.DocumentHub.as_view(), name="document_hub"),
    path(f"{document}edit/", views.DocumentEdit.as_view(), name="document_edit"),
    path(f"{document}revise/", views.DocumentRevise.as_view(), name="document_revise"),
    path(f"{document}delete/", views.DocumentDelete.as_view(), name="document_delete"),
    path(f"{document}announce/", views.DocumentAnnounce.as_view(), name="document_announce"),
]
