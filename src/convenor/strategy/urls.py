"""Public URLs of strategies: the home page, a strategy's page and its priorities' pages."""

from django.urls import path

from convenor.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.home, name="home"),
    path("s/<slug:slug>/", views.strategy_detail, name="strategy_detail"),
    path("s/<slug:slug>/priorities/<int:number>/", views.priority_detail, name="priority_detail"),
]
