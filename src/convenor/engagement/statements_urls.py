"""Public URLs of statements: vote one at a time, change your votes, submit your own."""

from django.urls import path

from convenor.engagement import statements_views as views

app_name = "statements"

statements = "s/<slug:slug>/statements/"

urlpatterns = [
    path(statements, views.vote, name="vote"),
    path(f"{statements}<int:pk>/vote/", views.vote_cast, name="vote_cast"),
    path(f"{statements}my-votes/", views.my_votes, name="my_votes"),
    path(f"{statements}submit/", views.submit, name="submit"),
]
