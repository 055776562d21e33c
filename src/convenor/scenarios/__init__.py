"""Strategies written as data, and the loader that reads them into the database."""
