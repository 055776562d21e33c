"""Staff URLs of insight, under /staff/: a strategy's, a priority's and a window's insight, the
analysis run again, relabelling a theme, the tagging queue, "you said, we did" and exports."""

from django.urls import path

from convenor.insights import staff_views as views

app_name = "insights_staff"

insight = "strategies/<slug:slug>/insight/"

urlpatterns = [
    path(insight, views.StrategyInsight.as_view(), name="strategy"),
    path(f"{insight}priorities/<int:number>/", views.PriorityInsight.as_view(), name="priority"),
    path(f"{insight}windows/<int:pk>/", views.WindowInsight.as_view(), name="window"),
    path(f"{insight}run/", views.AnalysisRun.as_view(), name="run"),
    path(f"{insight}themes/<int:pk>/label/", views.ThemeLabel.as_view(), name="theme_label"),
    path(f"{insight}tags/", views.TagQueue.as_view(), name="tags"),
    path(f"{insight}tags/<int:pk>/decide/", views.TagDecide.as_view(), name="tag_decide"),
    path(f"{insight}texts/<int:pk>/tags/add/", views.TagAdd.as_view(), name="tag_add"),
    path(f"{insight}you-said/", views.YouSaidList.as_view(), name="you_said"),
    path(f"{insight}you-said/add/", views.YouSaidAdd.as_view(), name="you_said_add"),
    path(
        f"{insight}you-said/<int:pk>/delete/",
        views.YouSaidDelete.as_view(),
        name="you_said_delete",
    ),
    path(f"{insight}export/<str:what>.<str:fmt>", views.Export.as_view(), name="export"),
]
