"""Staff URLs of workshops (filled by the workshops work)."""

app_name = "workshops_staff"

urlpatterns: list = []
