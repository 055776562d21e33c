"""Indicators: the CSV import's checks and writes, the chart's numbers, the staff pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.evidence import indicator_import, indicator_services
from convenor.evidence.indicator_charts import indicator_chart_context, line_chart
from convenor.evidence.indicator_import import ImportProblem
from convenor.evidence.models import Indicator, IndicatorValue
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.factories import EvidenceItemFactory, IndicatorFactory, IndicatorValueFactory
from tests.stakeholders.factories import AreaFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

HEADER = "indicator,area_code,period,value,unit,source\n"
GOOD = (
    HEADER
    + "GVA per hour,E07000209,2016,34.1,£ per hour,ONS\n"
    + "GVA per hour,E07000209,2017,35.5,£ per hour,ONS\n"
    + "GVA per hour,E07000209,2018,33.0,£ per hour,ONS\n"
    + "GVA per hour,K02000001,2016,32.0,£ per hour,ONS\n"
    + "GVA per hour,K02000001,2017,33.0,£ per hour,ONS\n"
    + "GVA per hour,K02000001,2018,34.0,£ per hour,ONS\n"
)
BAD = (
    HEADER
    + "GVA per hour,E07000209,2016,34.1,£ per hour,ONS\n"  # line 2: fine
    + ",E07000209,2017,35.5,£ per hour,ONS\n"  # 3: no indicator
    + "GVA per hour,X123,2017,35.5,£ per hour,ONS\n"  # 4: not a GSS code
    + "GVA per hour,E07000209,2018,=1+2,£ per hour,ONS\n"  # 5: a formula, not a number
    + "GVA per hour,E07000209,2016,34.2,£ per hour,ONS\n"  # 6: repeats line 2
    + "GVA per hour,E07000209,2019,36,£ an hour,ONS\n"  # 7: another unit
)


def plan_of(text, strategy):
    return indicator_import.indicator_import_plan(strategy=strategy, content=text.encode())


def csv_file(text, name="values.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def import_url(strategy):
    return reverse("indicators_staff:indicator_import", args=[strategy.slug])


def ind_url(name, indicator):
    return reverse(f"indicators_staff:{name}", args=[indicator.strategy.slug, indicator.pk])


# Acceptance: a bad file reports line, column and problem, and writes nothing


def test_a_bad_file_reports_every_problem_exactly():
    strategy = StrategyFactory()
    plan = plan_of(BAD, strategy)
    assert plan.problems == [
        ImportProblem(3, "indicator", "Missing value"),
        ImportProblem(
            4,
            "area_code",
            "“X123” is not a GSS area code: a letter (E, W, S, N or K) and 8 digits, "
            "like E07000209",
        ),
        ImportProblem(5, "value", "“=1+2” is not a number"),
        ImportProblem(
            6, "indicator, area_code, period", "The same indicator, area and period as line 2"
        ),
        ImportProblem(
            7,
            "unit",
            "The unit “£ an hour” differs from the unit given for “GVA per hour” on line 2: "
            "“£ per hour”",
        ),
    ]


def test_a_bad_file_uploaded_writes_nothing_and_shows_the_report(client):
    strategy = StrategyFactory()
    held = IndicatorValueFactory(indicator__strategy=strategy)
    before = (Indicator.objects.count(), IndicatorValue.objects.count())
    client.force_login(StaffUserFactory())
    response = client.post(import_url(strategy), {"upload": csv_file(BAD)})
    assert response.status_code == 200
    assert (Indicator.objects.count(), IndicatorValue.objects.count()) == before
    held.refresh_from_db()
    assert held.value == Decimal("35.5")
    html = response.content.decode()
    assert "The file has 5 problems, listed below: nothing was imported" in html
    assert escape("“=1+2” is not a number") in html
    assert not AuditEvent.objects.filter(verb="imported indicator values").exists()


def test_the_unit_must_match_the_indicator_already_held():
    indicator = IndicatorFactory(name="GVA per hour", unit="£ per hour")
    plan = plan_of(HEADER + "GVA per hour,E07000209,2016,34.1,£/hr,ONS\n", indicator.strategy)
    assert plan.problems == [
        ImportProblem(
            2,
            "unit",
            "The unit “£/hr” differs from the unit of the indicator “GVA per hour” already "
            "held: “£ per hour”",
        )
    ]


def test_a_bad_header_names_the_missing_and_unknown_columns():
    plan = plan_of(
        "indicator,area,period,value,units,source\nx,E07000209,1,1,u,s\n", StrategyFactory()
    )
    expected = "indicator, area_code, period, value, unit, source"
    assert plan.problems == [
        ImportProblem(1, "area_code", "The header has no “area_code” column: it is needed"),
        ImportProblem(1, "unit", "The header has no “unit” column: it is needed"),
        ImportProblem(
            1, "area", f"“area” is not a column this import reads: the columns are {expected}"
        ),
        ImportProblem(
            1, "units", f"“units” is not a column this import reads: the columns are {expected}"
        ),
    ]


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("abc", "“abc” is not a number"),
        ("NaN", "“NaN” is not a number"),
        ("1.23456", "“1.23456” has more than 4 decimal places"),
        ("1e20", "“1e20” is too large: values must be below 10 to the power 16"),
        ("", "Missing value"),
    ],
)
def test_values_must_be_numbers_that_fit(cell, problem):
    plan = plan_of(HEADER + f"I,E07000209,2017,{cell},u,s\n", StrategyFactory())
    assert plan.problems == [ImportProblem(2, "value", problem)]


def test_a_byte_order_mark_and_formula_like_text_are_data():
    strategy = StrategyFactory()
    text = "\ufeff" + HEADER + '"=HYPERLINK(""x"")",e07000209,=2017,-1.5,@unit,+source\n'
    plan = plan_of(text, strategy)
    assert plan.problems == []
    indicator_services.indicator_import_write(actor=None, strategy=strategy, plan=plan)
    indicator = Indicator.objects.get()
    assert (indicator.name, indicator.unit, indicator.source) == (
        '=HYPERLINK("x")',
        "@unit",
        "+source",
    )
    value = IndicatorValue.objects.get()
    assert (value.area_code, value.period, value.value) == ("E07000209", "=2017", Decimal("-1.5"))


def test_a_file_that_is_not_utf8_text_is_refused_on_the_form(client):
    strategy = StrategyFactory()
    client.force_login(StaffUserFactory())
    upload = SimpleUploadedFile("values.csv", b"%PDF-1.4\x00\x01binary", "text/csv")
    response = client.post(import_url(strategy), {"upload": upload})
    assert "is not UTF-8 text" in response.content.decode() or "not a CSV file" in (
        response.content.decode()
    )
    too_big = SimpleUploadedFile(
        "values.csv", (HEADER + "x" * (5 * 1024 * 1024)).encode(), "text/csv"
    )
    response = client.post(import_url(strategy), {"upload": too_big})
    assert "The file must be 5 MB or smaller" in response.content.decode()
    assert not Indicator.objects.exists()


# Acceptance: a good file is written and charts correctly


def test_a_good_file_creates_and_replaces_in_one_go(client):
    strategy = StrategyFactory()
    held = IndicatorFactory(strategy=strategy, name="GVA per hour", unit="£ per hour")
    IndicatorValueFactory(indicator=held, area_code="E07000209", period="2016", value=1)
    staff = StaffUserFactory()
    client.force_login(staff)
    text = GOOD + "Employment,E07000209,2017,1200,people,BRES\n"
    response = client.post(import_url(strategy), {"upload": csv_file(text)})
    assert response.status_code == 302
    listing = client.get(response["Location"]).content.decode()
    assert "Imported values.csv: 1 indicator created, 6 values created and 1 value replaced." in (
        listing
    )
    assert Indicator.objects.filter(strategy=strategy).count() == 2
    assert IndicatorValue.objects.get(
        indicator=held, area_code="E07000209", period="2016"
    ).value == (Decimal("34.1"))
    event = AuditEvent.objects.get(verb="imported indicator values")
    assert event.actor == staff
    assert event.detail["values_created"] == 6 and event.detail["values_replaced"] == 1


def test_the_chart_plots_the_imported_values():
    strategy = StrategyFactory()
    AreaFactory(gss_code="E07000209", name="Guildford")
    plan = plan_of(GOOD, strategy)
    indicator_services.indicator_import_write(actor=None, strategy=strategy, plan=plan)
    indicator = Indicator.objects.get()
    indicator.comparison_area_code = "K02000001"
    indicator.is_illustrative = True
    indicator.save()
    context = indicator_chart_context(
        indicator=indicator,
        area_code="E07000209",
        area_names={"E07000209": "Guildford", "K02000001": "United Kingdom"},
    )
    chart = context["chart"]
    area, comparison = chart.series
    assert (area.name, area.is_comparison) == ("Guildford", False)
    assert (comparison.name, comparison.is_comparison) == ("United Kingdom", True)
    assert [(p.period, p.value) for p in area.points] == [
        ("2016", Decimal("34.1")),
        ("2017", Decimal("35.5")),
        ("2018", Decimal("33.0")),
    ]
    assert [(p.period, p.value) for p in comparison.points] == [
        ("2016", Decimal("32.0")),
        ("2017", Decimal("33.0")),
        ("2018", Decimal("34.0")),
    ]
    # The axis covers every value with round numbers.
    assert chart.y_min <= Decimal("32.0") and chart.y_max >= Decimal("35.5")
    assert (chart.y_min, chart.y_max) == (Decimal("32"), Decimal("36"))
    # Higher values are drawn higher (smaller y), in exact proportion.
    points = [*area.points, *comparison.points]
    by_value = sorted(points, key=lambda p: p.value)
    assert [p.y for p in by_value] == sorted((p.y for p in points), reverse=True)
    height = chart.plot_bottom - chart.plot_top
    for point in points:
        expected = chart.plot_bottom - float((point.value - Decimal(32)) / 4) * height
        assert point.y == round(expected, 2)
    # The same period sits at the same x on both lines, periods left to right.
    assert [p.x for p in area.points] == [p.x for p in comparison.points]
    assert area.points[0].x < area.points[1].x < area.points[2].x
    assert area.path == " ".join(
        f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(area.points)
    )
    assert context["rows"] == [
        {"period": "2016", "value": "34.1", "comparison": "32"},
        {"period": "2017", "value": "35.5", "comparison": "33"},
        {"period": "2018", "value": "33", "comparison": "34"},
    ]
    assert chart.is_illustrative


def test_a_flat_series_gets_a_range_around_it():
    chart = line_chart(
        periods=["2017"], series=[("A", "E07000209", {"2017": Decimal("10")}, False)], y_label="u"
    )
    assert chart is not None
    assert chart.y_min < Decimal("10") < chart.y_max
    assert chart.series[0].points[0].y == round((chart.plot_top + chart.plot_bottom) / 2, 2)


def test_the_detail_page_draws_the_chart_with_its_table(client):
    strategy = StrategyFactory()
    AreaFactory(gss_code="E07000209", name="Guildford")
    AreaFactory(gss_code="E07000210", name="Mole Valley")
    indicator_services.indicator_import_write(
        actor=None,
        strategy=strategy,
        plan=plan_of(GOOD + "GVA per hour,E07000210,2017,30,£ per hour,ONS\n", strategy),
    )
    indicator = Indicator.objects.get()
    Indicator.objects.filter(pk=indicator.pk).update(
        comparison_area_code="K02000001", is_illustrative=True
    )
    item = EvidenceItemFactory(strategy=strategy, title="Productivity review")
    item.indicators.add(indicator)
    client.force_login(StaffUserFactory())
    html = client.get(ind_url("indicator_detail", indicator)).content.decode()
    assert 'role="img"' in html and "<title id=" in html
    assert "Illustrative figures</text>" in html
    assert "Guildford (comparison)" not in html and "United Kingdom (comparison)" in html
    assert "Guildford (E07000209)" in html and "United Kingdom (K02000001)" in html
    assert ">35.5</td>" in html and "Productivity review" in html
    assert ">£ per hour</text>" in html and ">Period</text>" in html
    html = client.get(ind_url("indicator_detail", indicator), {"area": "E07000210"}).content
    assert "Mole Valley, compared with United Kingdom" in html.decode()


# Edit, delete, permissions


def test_edit_and_delete(client):
    indicator = IndicatorFactory()
    client.force_login(StaffUserFactory())
    data = {
        "name": "Renamed",
        "unit": "£",
        "source": "ONS",
        "description": "About it",
        "comparison_area_code": "e12000008",
    }
    response = client.post(ind_url("indicator_edit", indicator), data)
    assert response.status_code == 302, response.context["form"].errors
    indicator.refresh_from_db()
    assert (indicator.name, indicator.comparison_area_code) == ("Renamed", "E12000008")
    response = client.post(
        ind_url("indicator_edit", indicator), {**data, "comparison_area_code": "UK"}
    )
    assert "Enter a GSS area code" in response.content.decode()
    client.post(ind_url("indicator_delete", indicator))
    assert not Indicator.objects.exists()


def test_pages_are_for_staff_only(client):
    indicator = IndicatorFactory(name="Kept")
    pages = [
        reverse("indicators_staff:indicator_list", args=[indicator.strategy.slug]),
        import_url(indicator.strategy),
        ind_url("indicator_detail", indicator),
        ind_url("indicator_edit", indicator),
        ind_url("indicator_delete", indicator),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    for page in pages:
        assert client.get(page).status_code == 403
    assert (
        client.post(import_url(indicator.strategy), {"upload": csv_file(GOOD)}).status_code == 403
    )
    data = {"name": "Changed", "unit": "u", "source": "s"}
    assert client.post(ind_url("indicator_edit", indicator), data).status_code == 403
    assert client.post(ind_url("indicator_delete", indicator)).status_code == 403
    indicator.refresh_from_db()
    assert indicator.name == "Kept"
    assert Indicator.objects.count() == 1 and not IndicatorValue.objects.exists()


def test_naughty_strings_in_the_form_and_the_file(client, naughty_strings):
    strategy = StrategyFactory()
    client.force_login(StaffUserFactory())
    strings = [s for s in naughty_strings if "\x00" not in s and s.strip()][:200]
    indicator = IndicatorFactory(strategy=strategy)
    for text in strings:
        data = {"name": "N", "unit": "u", "source": "s", "description": text}
        assert client.post(ind_url("indicator_edit", indicator), data).status_code == 302
        indicator.refresh_from_db()
        assert indicator.description == text
        html = client.get(ind_url("indicator_detail", indicator)).content.decode()
        assert "<script>alert(0)</script>" not in html


# Query counts

PAGE_QUERIES = {
    "indicator_list": 6,
    "indicator_import": 4,
    "indicator_detail": 9,
    "indicator_edit": 5,
    "indicator_delete": 7,
}


@pytest.mark.parametrize("page", PAGE_QUERIES)
@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_are_constant(client, django_assert_num_queries, page, count):
    strategy = StrategyFactory()
    rows = "".join(
        f"Indicator {i},E07{n:06d},{2000 + n},{n},u,s\n" for i in range(count) for n in range(count)
    )
    comparison = "".join(f"Indicator 0,K02000001,{2000 + n},{n},u,s\n" for n in range(count))
    indicator_services.indicator_import_write(
        actor=None, strategy=strategy, plan=plan_of(HEADER + rows + comparison, strategy)
    )
    indicator = Indicator.objects.get(name="Indicator 0")
    Indicator.objects.filter(pk=indicator.pk).update(comparison_area_code="K02000001")
    for n in range(count):
        AreaFactory(gss_code=f"E07{n:06d}")
        EvidenceItemFactory(strategy=strategy).indicators.add(indicator)
    client.force_login(StaffUserFactory())
    page_url = (
        reverse(f"indicators_staff:{page}", args=[strategy.slug])
        if page in ("indicator_list", "indicator_import")
        else ind_url(page, indicator)
    )
    with django_assert_num_queries(PAGE_QUERIES[page]):
        assert client.get(page_url).status_code == 200
