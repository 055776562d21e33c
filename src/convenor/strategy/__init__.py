"""The strategy itself: its stages and milestones, priorities and lines of enquiry."""
