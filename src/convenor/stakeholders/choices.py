"""Choices used by the stakeholder register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaTier(models.TextChoices):
    COUNTY = "county", _("County council")
    DISTRICT = "district", _("District or borough council")
    UNITARY = "unitary", _("Unitary authority")
    OTHER = "other", _("Other area")


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    UNIVERSITY = "university", _("University")
    COLLEGE = "college", _("College")
    BUSINESS = "business", _("Business")
    BUSINESS_BODY = "business_body", _("Business representative body")
    GOVERNMENT = "government", _("Government")
    AGENCY = "agency", _("Agency")
    VOLUNTARY = "voluntary", _("Voluntary and community")


class Ownership(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    THIRD = "third", _("Third sector")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (0 to 9 staff)")
    SMALL = "small", _("Small (10 to 49 staff)")
    MEDIUM = "medium", _("Medium (50 to 249 staff)")
    LARGE = "large", _("Large (250 staff or more)")
    NOT_APPLICABLE = "n/a", _("Not applicable")


class LawfulBasis(models.TextChoices):
    """The UK GDPR Article 6 basis on which we hold and use a person's contact details."""

    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")
    PUBLIC_TASK = "public_task", _("Public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests")


class ConsentChannel(models.TextChoices):
    """How a person gave their consent to be contacted: the evidence UK GDPR Article 7 asks for."""

    WEB_FORM = "web_form", _("Web form")
    EMAIL = "email", _("Email")
    PAPER_FORM = "paper_form", _("Paper form")
    EVENT = "event", _("At an event")
    PHONE = "phone", _("By phone")
    IMPORTED_LIST = "imported_list", _("Imported list")
