"""Staff forms for the stakeholder register: areas, organisations and people, and list filters.

The forms parse what staff type; the services in stakeholders.services validate and save it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError

from convenor.accounts.models import User
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.stakeholders.register import RegisterFilterForm
from convenor.ui.forms import GovukServiceModelForm, https_formfield


def _linkedin_only(url: str) -> str:
    """Accept a LinkedIn address or nothing: other sites do not belong in this field."""
    host = (urlsplit(url).hostname or "").lower()
    if url and host != "linkedin.com" and not host.endswith(".linkedin.com"):
        raise ValidationError("Enter a LinkedIn address, starting https://www.linkedin.com/")
    return url


class AreaForm(GovukServiceModelForm):
    """A local authority area."""

    class Meta:
        model = Area
        fields = ["name", "gss_code", "tier", "county"]
        widgets = {"tier": forms.RadioSelect}


class OrganisationForm(GovukServiceModelForm):
    """An organisation's name, type, sector, size, sector of the economy, place and web links."""

    class Meta:
        model = Organisation
        formfield_callback = https_formfield
        fields = [
            "name",
            "kind",
            "ownership",
            "sector",
            "size_band",
            "area",
            "website",
            "linkedin_url",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "ownership": forms.RadioSelect,
            "size_band": forms.RadioSelect,
        }
        help_texts = {"linkedin_url": "For example https://www.linkedin.com/company/example"}

    def clean_linkedin_url(self) -> str:
        return _linkedin_only(self.cleaned_data["linkedin_url"])


class AccountChoiceField(forms.ModelChoiceField):
    """Sign-in accounts, shown by email address."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.email)


class PersonForm(GovukServiceModelForm):
    """A person's details, the lawful basis on which we hold them, and any opt-out."""

    user = AccountChoiceField(
        queryset=User.objects.order_by("email"),
        required=False,
        label="Sign-in account",
        help_text="Link an account so this person can sign in and edit what their bodies steer.",
    )

    class Meta:
        model = Person
        formfield_callback = https_formfield
        fields = [
            "name",
            "organisation",
            "job_title",
            "email",
            "linkedin_url",
            "lawful_basis",
            "consent_date",
            "consent_channel",
            "consent_wording_version",
            "opted_out",
            "user",
        ]
        widgets = {"lawful_basis": forms.RadioSelect, "consent_channel": forms.RadioSelect}
        help_texts = {
            "lawful_basis": "The UK GDPR basis on which we hold and use this person's details.",
            "linkedin_url": "For example https://www.linkedin.com/in/example",
            "consent_channel": "Required when the lawful basis is consent.",
            "consent_wording_version": (
                "The version of the privacy notice they agreed to, for example "
                "privacy-notice-2019-05."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_linkedin_url(self) -> str:
        return _linkedin_only(self.cleaned_data["linkedin_url"])


class OrganisationFilterForm(RegisterFilterForm):
    """Search organisations by name or sector and narrow them by every register filter."""

    register_kind = "organisations"


class PersonFilterForm(RegisterFilterForm):
    """Search people by name or email and narrow them by every register filter."""

    register_kind = "people"
