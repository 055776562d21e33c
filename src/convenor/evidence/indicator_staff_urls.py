"""URLs of the staff pages of indicators and their import, under /staff/."""

from django.urls import path

from convenor.evidence import indicator_views as views

app_name = "indicators_staff"

indicators = "strategies/<slug:slug>/indicators/"
indicator = f"{indicators}<int:pk>/"

urlpatterns = [
    path(indicators, views.IndicatorList.as_view(), name="indicator_list"),
    path(f"{indicators}import/", views.IndicatorImport.as_view(), name="indicator_import"),
    path(indicator, views.IndicatorDetail.as_view(), name="indicator_detail"),
    path(f"{indicator}edit/", views.IndicatorEdit.as_view(), name="indicator_edit"),
    path(f"{indicator}delete/", views.IndicatorDelete.as_view(), name="indicator_delete"),
]
