"""URLs of the staff dashboard, under /staff/."""

from django.urls import path

from convenor.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path(
        "strategies/<slug:slug>/dashboard/",
        views.StrategyDashboard.as_view(),
        name="dashboard",
    ),
]
