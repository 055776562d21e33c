"""The stakeholder register: areas, organisations and the people in them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.stakeholders.choices import (
    AreaTier,
    ConsentChannel,
    LawfulBasis,
    OrganisationKind,
    Ownership,
    SizeBand,
)


class Area(TimeStampedModel):
    """A local authority area, identified where known by its ONS GSS code (E07000084...)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    gss_code = models.CharField(
        _("GSS code"),
        max_length=9,
        blank=True,
        help_text=_("The ONS Government Statistical Service code, for example E07000084."),
    )
    tier = models.CharField(_("tier"), max_length=20, choices=AreaTier.choices)
    county = models.CharField(_("county"), max_length=150, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"], condition=~Q(gss_code=""), name="stakeholders_area_gss_unique"
            ),
            models.CheckConstraint(
                condition=Q(gss_code="") | Q(gss_code__regex=r"^[EWSN][0-9]{8}$"),
                name="stakeholders_area_gss_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A council, university, college, business, agency or other body we work with."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    sector = models.CharField(
        _("sector"),
        max_length=120,
        blank=True,
        help_text=_("The industry or field, for example space and satellite, or higher education."),
    )
    size_band = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, default=SizeBand.NOT_APPLICABLE
    )
    ownership = models.CharField(
        _("public, private or third sector"), max_length=10, choices=Ownership.choices
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="stakeholders_org_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ownership__in=Ownership.values),
                name="stakeholders_org_ownership_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """Someone we involve, with the lawful basis on which we hold their details."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    lawful_basis = models.CharField(
        _("lawful basis"),
        max_length=24,
        choices=LawfulBasis.choices,
        default=LawfulBasis.LEGITIMATE_INTERESTS,
    )
    consent_date = models.DateField(
        _("consent given on"),
        null=True,
        blank=True,
        help_text=_("Required when the lawful basis is consent."),
    )
    consent_channel = models.CharField(
        _("consent given by"),
        max_length=20,
        choices=ConsentChannel.choices,
        blank=True,
        help_text=_("Required when the lawful basis is consent."),
    )
    consent_wording_version = models.CharField(
        _("wording consented to"),
        max_length=100,
        blank=True,
        help_text=_(
            "The version of the privacy notice they agreed to, for example privacy-notice-2019-05."
        ),
    )
    opted_out = models.BooleanField(
        _("opted out"),
        default=False,
        help_text=_("Opted out of contact: nothing in Convenor will email this person."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )
    erased_at = models.DateTimeField(
        _("erased at"),
        null=True,
        blank=True,
        help_text=_("When staff erased this person's contact details (UK GDPR Article 17)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="stakeholders_person_email_unique"
            ),
            # An erased record keeps no consent evidence: it holds nothing to contact.
            models.CheckConstraint(
                condition=~Q(lawful_basis=LawfulBasis.CONSENT)
                | Q(erased_at__isnull=False)
                | (Q(consent_date__isnull=False) & ~Q(consent_channel="")),
                name="stakeholders_person_consent_recorded",
                violation_error_message=_("Give the date consent was given and how."),
            ),
            models.CheckConstraint(
                condition=Q(consent_channel="") | Q(consent_channel__in=ConsentChannel.values),
                name="stakeholders_person_consent_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True) | (Q(email="") & Q(opted_out=True)),
                name="stakeholders_person_erased_uncontactable",
                violation_error_message=_(
                    "An erased person has no email address and is opted out."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()
        if self.lawful_basis == LawfulBasis.CONSENT and self.erased_at is None:
            errors = {}
            if self.consent_date is None:
                errors["consent_date"] = _(
                    "Give the date consent was given, or choose another basis."
                )
            if not self.consent_channel:
                errors["consent_channel"] = _("Say how consent was given, or choose another basis.")
            if errors:
                raise ValidationError(errors)

    @property
    def is_erased(self) -> bool:
        """Whether staff erased this person's contact details."""
        return self.erased_at is not None
