"""Staff URLs of discussions (filled by the discussions work)."""

app_name = "discussions_staff"

urlpatterns: list = []
