"""Convenor: co-design a place-based strategy with partners, in the open, and publish it."""

__version__ = "0.1.0"
