"""The staff dashboard: where a strategy stands, its stage gates, and its priorities at a glance."""
