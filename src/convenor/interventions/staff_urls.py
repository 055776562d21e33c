"""URLs of the staff pages of interventions and their delivery, under /staff/."""

app_name = "interventions_staff"
urlpatterns: list = []
