"""Forms for indicators: an indicator's details, the area picker on its page, and the import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from convenor.evidence import indicator_import
from convenor.evidence.models import Indicator
from convenor.ui.forms import GovukFormMixin

GSS_MESSAGE = "Enter a GSS area code: a letter (E, W, S, N or K) and 8 digits, like K02000001"


class IndicatorForm(GovukFormMixin, forms.Form):
    """An indicator's name, unit, source, description, comparison area and illustrative flag."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="The import matches rows to the indicator by this name.",
        error_messages={
            "required": "Enter the name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    unit = forms.CharField(
        label="Unit",
        max_length=60,
        help_text="For example: £ per hour, or people.",
        error_messages={
            "required": "Enter the unit",
            "max_length": "The unit must be 60 characters or fewer",
        },
    )
    source = forms.CharField(
        label="Source",
        max_length=300,
        help_text="Who publishes the figures, for example: ONS, subregional productivity.",
        error_messages={
            "required": "Enter the source",
            "max_length": "The source must be 300 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea,
        required=False,
        strip=False,
        max_length=20000,
        error_messages={"max_length": "The description must be 20,000 characters or fewer"},
    )
    comparison_area_code = forms.CharField(
        label="Compare with (area code)",
        required=False,
        max_length=9,
        help_text="The GSS code of the area drawn as the comparison line, for example "
        "K02000001 for the United Kingdom or E12000008 for the South East.",
        error_messages={"max_length": GSS_MESSAGE},
    )
    is_illustrative = forms.BooleanField(
        label="Illustrative figures",
        required=False,
        help_text="Made up for a demonstration: the chart says so.",
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        if indicator is not None and "data" not in kwargs and not args:
            kwargs["initial"] = {name: getattr(indicator, name) for name in self.base_fields}
        super().__init__(*args, **kwargs)

    def clean_comparison_area_code(self) -> str:
        code = str(self.cleaned_data["comparison_area_code"]).upper()
        if code and not indicator_import.GSS_CODE.match(code):
            raise forms.ValidationError(GSS_MESSAGE)
        return code

    def indicator_data(self) -> dict[str, Any]:
        """The cleaned fields as the services take them."""
        return {name: self.cleaned_data[name] for name in self.base_fields}


class AreaPickerForm(GovukFormMixin, forms.Form):
    """Which area to chart: one of the areas the indicator has values for (a GET form)."""

    area = forms.ChoiceField(label="Area", choices=[])

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)
        area_field.choices = areas


class IndicatorImportForm(GovukFormMixin, forms.Form):
    """The CSV file to import: checked for size and for being text before its rows are read."""

    upload = forms.FileField(
        label="CSV file",
        help_text=f"A .csv file (UTF-8), {indicator_import.MAX_UPLOAD_TEXT} or smaller, whose "
        f"first row is: {','.join(indicator_import.COLUMNS)}",
        error_messages={"required": "Choose the CSV file to import"},
    )

    def clean_upload(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["upload"]
        name = upload.name or ""
        if upload.size is not None and upload.size > indicator_import.MAX_UPLOAD_BYTES:
            megabytes = upload.size / (1024 * 1024)
            raise forms.ValidationError(
                f"The file must be {indicator_import.MAX_UPLOAD_TEXT} or smaller: "
                f"“{name}” is {megabytes:.1f} MB"
            )
        if not name.lower().endswith(".csv"):
            raise forms.ValidationError(f"“{name}” is not a .csv file: save it as CSV (UTF-8)")
        self.content = upload.read()
        try:
            # Text, not a spreadsheet or a program renamed: the rows are checked by the view.
            indicator_import.csv_text(self.content)
        except indicator_import.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload
