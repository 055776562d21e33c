"""URLs of the staff pages of project briefs, under /staff/."""

app_name = "briefs_staff"
urlpatterns: list = []
