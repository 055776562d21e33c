"""Governance and engagement structures: bodies, the priorities they steer, and their members."""
