"""Placeholder until the staff area lands."""
app_name = "strategy_staff"
urlpatterns: list = []
