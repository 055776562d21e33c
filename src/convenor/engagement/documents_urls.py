"""Public URLs of reaction windows: documents, paragraph comments, replies, reactions, reports."""

from django.urls import path

from convenor.engagement import documents_views as views

app_name = "documents"

documents = "s/<slug:slug>/documents/"
document = f"{documents}<int:pk>/"

urlpatterns = [
    path(documents, views.document_list, name="document_list"),
    path(document, views.document_detail, name="document_detail"),
    path(f"{document}research-file/", views.research_file, name="research_file"),
    path(
        f"{document}paragraphs/<int:paragraph_pk>/comments/",
        views.paragraph_comments,
        name="paragraph_comments",
    ),
    path(
        f"{document}paragraphs/<int:paragraph_pk>/comment/",
        views.comment_create,
        name="comment_create",
    ),
    path(f"{document}paragraphs/<int:paragraph_pk>/react/", views.react, name="react"),
    path(f"{document}comments/<int:comment_pk>/reply/", views.reply_create, name="reply_create"),
    path(f"{document}comments/<int:comment_pk>/flag/", views.flag, name="flag"),
]
