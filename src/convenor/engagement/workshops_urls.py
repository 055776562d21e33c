"""Public URLs of workshops (filled by the workshops work)."""

app_name = "workshops"

urlpatterns: list = []
