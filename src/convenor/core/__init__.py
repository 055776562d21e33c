"""Shared model bases, the audit trail and small helpers used by several apps."""
