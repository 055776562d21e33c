"""URLs of the staff pages of indicators and their import, under /staff/."""

app_name = "indicators_staff"
urlpatterns: list = []
