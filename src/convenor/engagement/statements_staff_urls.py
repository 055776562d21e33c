"""URLs of the staff statements pages, under /staff/: list, seed, edit, moderate, results."""

from django.urls import path

from convenor.engagement import statements_staff_views as views

app_name = "statements_staff"

statements = "strategies/<slug:slug>/statements/"
statement = f"{statements}<int:pk>/"

urlpatterns = [
    path(statements, views.StatementList.as_view(), name="statement_list"),
    path(f"{statements}new/", views.StatementCreate.as_view(), name="statement_create"),
    path(f"{statements}results/", views.StatementResults.as_view(), name="results"),
    path(f"{statement}edit/", views.StatementEdit.as_view(), name="statement_edit"),
    path(f"{statement}delete/", views.StatementDelete.as_view(), name="statement_delete"),
    path(f"{statement}moderate/", views.StatementModerate.as_view(), name="statement_moderate"),
]
