"""Public URLs of the evidence base: a strategy's published evidence items."""

app_name = "evidence"
urlpatterns: list = []
