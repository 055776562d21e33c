"""The engagement app's management commands."""
