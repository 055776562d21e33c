"""PLACEHOLDER being written: what engagement holds about a person, for subject access."""

from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import SubjectAccessSection


def person_engagement_data(person: Person) -> list[SubjectAccessSection]:
    """Engagement's sections of a subject access report (not yet written)."""
    return []
