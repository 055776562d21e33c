"""GOV.UK Frontend forms: CSS classes on widgets, date inputs, and service errors shown on fields.

Markup lives in one component, ui/includes/form_field.html; this module only decorates the
widgets that component renders, so that every form (ours and django-allauth's) looks the same.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import construct_instance
from django.forms.renderers import DjangoTemplates

# The GOV.UK class for each widget type (BoundField.widget_type); radios and checkbox lists are
# drawn item by item in the template, so they are not here.
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "password": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
ERROR_MODIFIERS = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


# Django's label for "no choice", which GOV.UK pages replace with words.
BLANK_LABEL = "---------"


class GovukBoundField(BoundField):
    """A bound field whose widget carries the GOV.UK classes, with the error modifier if invalid."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # A widget that brings its own class (the Django admin's) keeps it.
        if "class" in widget.attrs or "class" in attrs:
            return attrs
        base = WIDGET_CLASSES.get(self.widget_type)
        if base is None:
            return attrs
        classes = base.split()
        if self.errors and classes[0] in ERROR_MODIFIERS:
            classes.append(ERROR_MODIFIERS[classes[0]])
        attrs["class"] = " ".join(classes)
        return attrs


class GovukFormRenderer(DjangoTemplates):
    """The site's form renderer: every form's fields get GOV.UK classes (settings.FORM_RENDERER)."""

    bound_field_class: type[BoundField] | None = GovukBoundField


class GovukFormMixin:
    """Makes a form GOV.UK-shaped: dates as date pickers, radios without a blank choice."""

    bound_field_class: type[BoundField] | None = GovukBoundField
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            choices: Any = getattr(field, "choices", ())
            if isinstance(field, forms.DateField):
                date_widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                date_widget.is_required = field.required
                field.widget = date_widget
            elif isinstance(field, forms.ModelChoiceField):
                if field.empty_label == BLANK_LABEL:
                    field.empty_label = "Choose one" if field.required else "None"
            elif isinstance(field, forms.ChoiceField) and isinstance(
                field.widget, forms.RadioSelect
            ):
                if field.required:
                    # "---------" is not an answer a person should be offered as a radio.
                    field.choices = [(value, label) for value, label in choices if value != ""]
            elif isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.Select):
                blank_label = "Choose one" if field.required else "None"
                field.choices = [
                    (value, blank_label if label == BLANK_LABEL else label)
                    for value, label in choices
                ]
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 5


def https_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A model field's form field; a web address typed without a scheme is taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class GovukServiceModelForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form that parses input; the service validates the whole row and saves it.

    It never copies values onto the instance it edits, so that instance stays as it is in the
    database until the service has changed it (and can say which fields changed); errors the
    service raises are shown on the form's fields with `add_service_errors`. For a new row,
    pass an unsaved instance with its parent set (Stage(strategy=...)), so the model's checks
    that need the parent can run.
    """

    def _post_clean(self) -> None:
        # The model's own cross-field checks (a stage ending before it starts...) run on a copy,
        # so their messages join the field errors while the edited instance stays untouched;
        # uniqueness and constraints are left to the service, which checks the whole row.
        candidate = copy.copy(self.instance)
        try:
            construct_instance(self, candidate, self._meta.fields, self._meta.exclude)
            candidate.clean()
        except ValidationError as error:
            add_service_errors(self, error)


class SearchForm(GovukFormMixin, forms.Form):
    """The search box above a staff list."""

    q = forms.CharField(label="Search by name", required=False, max_length=200)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form: on its field, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field_name, messages in error.message_dict.items():
        if field_name in form.fields:
            form.add_error(field_name, messages)
        elif field_name == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            # A field the form does not show: say which, so the message still makes sense.
            label = field_name.replace("_", " ").capitalize()
            form.add_error(None, [f"{label}: {message}" for message in messages])
