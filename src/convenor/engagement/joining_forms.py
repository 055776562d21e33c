"""Forms of the sounding board: joining (newcomer, signed in, invited), the profile, leaving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from convenor.accounts.models import User
from convenor.engagement.choices import NameShown, NotificationChoice
from convenor.engagement.joining_services import ACCOUNT_TAKEN_MESSAGE, JoinDetails
from convenor.engagement.models import SoundingBoard
from convenor.governance.choices import BodyKind
from convenor.governance.models import Body
from convenor.stakeholders.models import Area
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin


class ProfileForm(GovukFormMixin, forms.Form):
    """How a participant is named and reached, what they care about, and their organisation."""

    name = forms.CharField(
        label="Your name",
        max_length=150,
        error_messages={"required": "Enter your name."},
    )
    organisation_name = forms.CharField(
        label="Your organisation",
        max_length=200,
        required=False,
        help_text="The business, council, college or group you work for, if any.",
    )
    sector = forms.CharField(
        label="Sector",
        max_length=120,
        required=False,
        help_text="The industry or field, for example space and satellite, or higher education.",
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        help_text="The council area your organisation is in.",
    )
    priorities = forms.ModelMultipleChoiceField(
        label="Priorities you are interested in",
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="We tell you first about documents on these. Select all that apply.",
    )
    name_shown = forms.ChoiceField(
        label="How your name is shown beside what you write",
        choices=NameShown.choices,
        widget=forms.RadioSelect,
        initial=NameShown.FULL_NAME,
        error_messages={"required": "Choose how your name is shown."},
    )
    notifications = forms.ChoiceField(
        label="Email me about new documents and replies",
        choices=NotificationChoice.choices,
        widget=forms.RadioSelect,
        initial=NotificationChoice.IMMEDIATE,
        error_messages={"required": "Choose which emails you want."},
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area: Any = self.fields["area"]
        area.queryset = strategy.areas.order_by("name")
        priorities: Any = self.fields["priorities"]
        priorities.queryset = Priority.objects.filter(strategy=strategy).order_by("number")
        priorities.label_from_instance = lambda p: f"{p.number}. {p.title}"

    def details(self) -> JoinDetails:
        """The cleaned answers, as the service takes them."""
        data = self.cleaned_data
        return JoinDetails(
            name=data["name"],
            organisation_name=data["organisation_name"],
            sector=data["sector"],
            area=data["area"],
            priorities=list(data["priorities"]),
            name_shown=data["name_shown"],
            notifications=data["notifications"],
        )


class JoinForm(ProfileForm):
    """Joining the sounding board: the profile, consent to the privacy notice, and (for a
    newcomer) the email address and password of a new account."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send a link to confirm it. You sign in with it.",
        error_messages={"required": "Enter your email address."},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password, and not all numbers.",
        error_messages={"required": "Enter a password."},
    )
    consent = forms.BooleanField(
        label="I agree",
        error_messages={"required": "Agree to the privacy notice to join the sounding board."},
    )

    field_order = [
        "name",
        "email",
        "password",
        "organisation_name",
        "sector",
        "area",
        "priorities",
        "name_shown",
        "notifications",
        "consent",
    ]

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        sounding_board: SoundingBoard,
        with_account: bool,
        fixed_email: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, strategy=strategy, **kwargs)
        self.with_account = with_account
        self.fixed_email = fixed_email
        if not with_account:
            del self.fields["email"]
            del self.fields["password"]
        elif fixed_email:
            # The invited address is the one we hold: shown, not editable, never taken from POST.
            email: Any = self.fields["email"]
            email.disabled = True
            email.initial = fixed_email
            email.help_text = (
                "The address your invitation was sent to. We send a link to confirm it."
            )
        self.fields["consent"].help_text = (
            "I have read the privacy notice (version "
            f"{sounding_board.privacy_notice_version}) and agree that the organisers hold my "
            "details to run the sounding board and email me about it. I can leave at any time."
        )
        for name in ("name", "email"):
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = (
                    "name" if name == "name" else "email"
                )

    def clean_email(self) -> str:
        """An address no account uses yet (any case)."""
        email: str = self.fixed_email or self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(ACCOUNT_TAKEN_MESSAGE)
        return email

    def clean(self) -> dict[str, Any]:
        """Check the password with Django's validators, against the name and address given."""
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if self.with_account and password:
            candidate = User(email=cleaned.get("email") or "", name=cleaned.get("name") or "")
            try:
                password_validation.validate_password(password, user=candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LeaveForm(GovukFormMixin, forms.Form):
    """Leaving: just stop, or also have one's personal data erased."""

    STOP = "stop"
    ERASE = "erase"

    what = forms.ChoiceField(
        label="What do you want us to do?",
        choices=[
            (STOP, "Take me off the sounding board, and keep my details"),
            (ERASE, "Take me off the sounding board, and erase my personal details"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to keep or erase your details."},
    )


class DecideForm(GovukFormMixin, forms.Form):
    """A staff decision on a pending participant."""

    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])


class SoundingBoardForm(GovukFormMixin, forms.Form):
    """A strategy's sounding board: its body, whether it is open, approval, the notice version."""

    body = forms.ModelChoiceField(
        label="Body whose members the participants become",
        queryset=Body.objects.none(),
        help_text="A body of the kind “sounding board” of this strategy.",
        error_messages={"required": "Choose the sounding board's body."},
    )
    is_open = forms.BooleanField(label="Open to new participants", required=False)
    requires_approval = forms.BooleanField(
        label="Staff approve each new participant", required=False
    )
    privacy_notice_version = forms.CharField(
        label="Privacy notice version",
        max_length=100,
        help_text="The wording people consent to when they join, for example privacy-2019-05.",
        error_messages={"required": "Enter the privacy notice's version."},
    )
    welcome = forms.CharField(
        label="Welcome text",
        required=False,
        widget=forms.Textarea,
        help_text="What the sounding board is, in the paper's words. Shown on its page.",
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: Any = self.fields["body"]
        body.queryset = Body.objects.filter(
            strategy=strategy, kind=BodyKind.SOUNDING_BOARD
        ).order_by("name")


class ParticipantFilterForm(GovukFormMixin, forms.Form):
    """The participant list's filters: status, and a search by name or email."""

    status = forms.ChoiceField(label="Status", required=False)
    q = forms.CharField(label="Search by name or email", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from convenor.engagement.choices import ParticipantStatus

        super().__init__(*args, **kwargs)
        status: Any = self.fields["status"]
        status.choices = [("", "Any status"), *ParticipantStatus.choices]
