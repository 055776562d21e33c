"""Public URLs of discussions (filled by the discussions work)."""

app_name = "discussions"

urlpatterns: list = []
