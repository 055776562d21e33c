"""URLs of the staff dashboard, under /staff/."""

app_name = "dashboard"
urlpatterns: list = []
