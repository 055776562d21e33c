"""Engagement: the register's relationships and segments, activities, invitations, contributions."""
