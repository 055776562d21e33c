"""Staff pages of indicators: the list, one indicator charted by area, editing, the CSV import.

Each view checks its rule (evidence.indicator_permissions, staff only), parses a form and calls
one service or selector. An indicator's page charts the area chosen in its GET form against the
comparison area, with the data table beside the chart.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.evidence import indicator_import, indicator_selectors, indicator_services
from convenor.evidence.indicator_charts import indicator_chart_context
from convenor.evidence.indicator_forms import AreaPickerForm, IndicatorForm, IndicatorImportForm
from convenor.evidence.models import Indicator
from convenor.strategy.models import Strategy
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyIndicatorsPage(StaffPage):
    """A staff page about the indicators of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def permission_object(self) -> Model | None:
        return self.strategy

    def list_url(self) -> str:
        return reverse("indicators_staff:indicator_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Indicators", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class IndicatorList(StrategyIndicatorsPage):
    """A strategy's indicators with their unit, source, areas and periods, a page at a time."""

    permission_required = "evidence.view_indicator"
    template_name = "evidence/indicators/indicator_list.html"

    def get_page_title(self) -> str:
        return f"Indicators of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Indicators", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            **paginate(self.request, indicator_selectors.indicator_list(strategy=self.strategy)),
        }


class IndicatorImport(StrategyIndicatorsPage, StaffFormPage):
    """Upload a CSV of values; every problem is reported and nothing written, or all is."""

    permission_required = "evidence.import_indicators"
    template_name = "evidence/indicators/indicator_import.html"
    form_class = IndicatorImportForm
    page_title = "Import indicator values"
    submit_label = "Import"

    def get_form(self, data: Any = None) -> BaseForm:
        files = self.request.FILES if data is not None else None
        return IndicatorImportForm(data=data, files=files)

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "columns": ",".join(indicator_import.COLUMNS)}

    def cancel_url(self) -> str:
        return self.list_url()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render(form=form)
        assert isinstance(form, IndicatorImportForm)
        filename = form.cleaned_data["upload"].name
        try:
            plan = indicator_import.indicator_import_plan(
                strategy=self.strategy, content=form.content
            )
        except indicator_import.ImportFileError as error:
            form.add_error("upload", str(error))
            return self.render(form=form)
        if not plan.is_valid:
            count = len(plan.problems)
            form.add_error(
                "upload",
                f"The file has {count} problem{'' if count == 1 else 's'}, listed below: "
                "nothing was imported. Fix them and upload the file again",
            )
            return self.render(form=form, problems=plan.problems, filename=filename)
        try:
            result = indicator_services.indicator_import_write(
                actor=request.user, strategy=self.strategy, plan=plan, filename=filename
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(form=form)
        messages.success(request, f"Imported {filename}: {result.summary()}")
        return redirect(self.list_url())


class IndicatorPage(StrategyIndicatorsPage):
    """A staff page about one indicator."""

    indicator: Indicator

    def load(self) -> None:
        super().load()
        indicator = indicator_selectors.indicator_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if indicator is None:
            raise Http404("No such indicator.")
        self.indicator = indicator

    def permission_object(self) -> Model:
        return self.indicator

    def detail_url(self) -> str:
        return reverse(
            "indicators_staff:indicator_detail", args=[self.strategy.slug, self.indicator.pk]
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.indicator.name, self.detail_url())]

    def cancel_url(self) -> str:
        return self.detail_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "indicator": self.indicator}


class IndicatorDetail(IndicatorPage):
    """One indicator: its details, a chart of the chosen area against the comparison area."""

    permission_required = "evidence.view_indicator"
    template_name = "evidence/indicators/indicator_detail.html"

    def get_page_title(self) -> str:
        return self.indicator.name

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.indicator.name, None)]

    def extra_context_data(self) -> dict[str, Any]:
        indicator = self.indicator
        codes = indicator_selectors.indicator_area_codes(indicator=indicator)
        wanted = (
            [*codes, indicator.comparison_area_code] if indicator.comparison_area_code else codes
        )
        names = indicator_selectors.area_names(wanted)
        choices = [(code, f"{names[code]} ({code})" if code in names else code) for code in codes]
        picker = AreaPickerForm(self.request.GET or None, areas=choices)
        area = ""
        if picker.is_bound and picker.is_valid():
            area = picker.cleaned_data["area"]
        elif codes:
            # The first area that is not the comparison: the comparison is drawn anyway.
            others = [code for code in codes if code != indicator.comparison_area_code]
            area = (others or codes)[0]
            picker = AreaPickerForm(initial={"area": area}, areas=choices)
        chart = (
            indicator_chart_context(indicator=indicator, area_code=area, area_names=names)
            if area
            else None
        )
        return {
            **super().extra_context_data(),
            "picker": picker,
            "has_values": bool(codes),
            "chart": chart,
            "comparison_name": names.get(
                indicator.comparison_area_code, indicator.comparison_area_code
            ),
            "citations": list(indicator_selectors.indicator_citations(indicator=indicator)),
        }


class IndicatorEdit(IndicatorPage, StaffFormPage):
    """Change an indicator's name, unit, source, description, comparison area or flag."""

    permission_required = "evidence.change_indicator"
    submit_label = "Save indicator"

    def get_page_title(self) -> str:
        return f"Edit {self.indicator.name}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return IndicatorForm(indicator=self.indicator)
        return IndicatorForm(data=data)

    def save(self, form: BaseForm) -> Indicator:
        assert isinstance(form, IndicatorForm)
        indicator_services.indicator_update(
            actor=self.request.user, indicator=self.indicator, data=form.indicator_data()
        )
        return self.indicator

    def success_url(self, saved: Indicator) -> str:
        return self.detail_url()

    def delete_url(self) -> str:
        return reverse(
            "indicators_staff:indicator_delete", args=[self.strategy.slug, self.indicator.pk]
        )


class IndicatorDelete(IndicatorPage, StaffDeletePage):
    """Delete an indicator with its values."""

    permission_required = "evidence.delete_indicator"

    def target(self) -> Indicator:
        return self.indicator

    def render(self, **context: Any) -> HttpResponse:
        context.setdefault(
            "delete_note", "Evidence items that cite it are kept, no longer citing it."
        )
        return super().render(**context)

    def delete(self) -> None:
        indicator_services.indicator_delete(actor=self.request.user, indicator=self.indicator)

    def success_url(self) -> str:
        return self.list_url()
