"""Placeholder until the staff area lands."""
app_name = "stakeholders_staff"
urlpatterns: list = []
