"""Tests of publications: sections, builds, lints, sign-off, versions and their pages."""
