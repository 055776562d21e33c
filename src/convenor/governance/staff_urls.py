"""Placeholder until the staff area lands."""
app_name = "governance_staff"
urlpatterns: list = []
