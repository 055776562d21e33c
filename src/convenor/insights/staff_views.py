"""Staff pages of insight: a strategy's, a priority's and a window's themes beside who has (and
has not) spoken, the strategy's opinion groups, the tagging queue, relabelling a theme, "you
said, we did", running the analysis again, and the exports.

Each view checks its rule (insights.permissions), parses a form and calls one service or
selector. Buttons on lists (confirm, reject, add a priority, run again) post, then go back to the
page they were pressed on, filters and all, with a message saying what happened.
"""

from __future__ import annotations

import copy
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from convenor.engagement import coverage_selectors, said_selectors
from convenor.engagement.models import Document
from convenor.insights import exports, selectors, services, themes
from convenor.insights.charts import percent, short_label
from convenor.insights.choices import RunStatus, ThemeScope
from convenor.insights.forms import (
    TagAddForm,
    TagDecideForm,
    TagFilterForm,
    ThemeLabelForm,
    YouSaidForm,
)
from convenor.insights.models import PriorityTag, Text, Theme, ThemeRun, YouSaid
from convenor.strategy.models import Priority, Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class InsightPage(StaffPage):
    """A staff page about the insight of one strategy, named by its slug."""

    permission_required = "insights.view_insight"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def url(self, name: str, *args: Any) -> str:
        return reverse(f"insights_staff:{name}", args=[self.strategy.slug, *args])

    def insight_url(self) -> str:
        return self.url("strategy")

    def scope_url(self, run: ThemeRun) -> str:
        """The insight page of the scope a theme run is about."""
        if run.scope == ThemeScope.PRIORITY and run.priority is not None:
            return self.url("priority", run.priority.number)
        if run.scope == ThemeScope.WINDOW and run.window_id is not None:
            return self.url("window", run.window_id)
        return self.insight_url()

    def back_url(self, fallback: str) -> str:
        """Where a button's form asked to go back to (`next`): a page of this strategy's insight,
        with its query string; anything else goes to `fallback`."""
        wanted = self.request.POST.get("next", "")
        if wanted.startswith(self.insight_url()) and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return wanted
        return fallback

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Insight", self.insight_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


# --- the insight pages: strategy, priority, window ---------------------------------------------


class ScopePage(InsightPage):
    """An insight page of one scope: its themes, the suggestions waiting, coverage and gaps."""

    template_name = "insights/staff/insight.html"

    def scope(self) -> selectors.Scope:
        return selectors.Scope(strategy=self.strategy)

    def coverage_priority(self) -> Priority | None:
        return None

    def extra_context_data(self) -> dict[str, Any]:
        scope = self.scope()
        run = selectors.theme_run_latest(scope=scope)
        shown = selectors.themes_shown(run=run)
        text_count = selectors.scope_texts(scope=scope).count()
        waiting, waiting_count = selectors.suggestions_waiting(scope=scope)
        latest = selectors.analysis_latest(strategy=self.strategy)
        tags_url = self.url("tags")
        if scope.priority is not None:
            tags_url += f"?priority={scope.priority.number}&status=suggested"
        return {
            **super().extra_context_data(),
            "scope": scope,
            "run": run,
            "themes": shown,
            "text_count": text_count,
            "empty_reason": "" if shown else self.empty_reason(scope, run, text_count),
            "latest": latest,
            "pending": latest is not None
            and latest.status in (RunStatus.QUEUED, RunStatus.RUNNING),
            "failed": latest is not None and latest.status == RunStatus.FAILED,
            "waiting": [{"tag": tag, "percent": percent(tag.confidence)} for tag in waiting],
            "waiting_count": waiting_count,
            "waiting_url": tags_url,
            "coverage": coverage_selectors.coverage_for(
                strategy=self.strategy, priority=self.coverage_priority()
            ),
            "next": self.request.path,
        }

    @staticmethod
    def empty_reason(scope: selectors.Scope, run: ThemeRun | None, text_count: int) -> str:
        """Why a scope has no themes, in words."""
        if run is None:
            fewer = (
                f" Themes need at least {themes.MIN_TEXTS} texts, and {scope.name} has "
                f"{plural(text_count, 'text', 'texts')} so far."
                if text_count < themes.MIN_TEXTS
                else ""
            )
            return f"The analysis has not run on {scope.name} yet.{fewer}"
        if text_count < themes.MIN_TEXTS:
            return (
                f"Themes need at least {themes.MIN_TEXTS} texts, and {scope.name} has "
                f"{plural(text_count, 'text', 'texts')}."
            )
        if run.text_count < themes.MIN_TEXTS:
            return (
                f"At the last run {scope.name} had {plural(run.text_count, 'text', 'texts')}, "
                f"fewer than {themes.MIN_TEXTS}; it has {text_count} now. Run the analysis "
                "again to find its themes."
            )
        return f"No themes were found in the {run.text_count} texts read at the last run."


class StrategyInsight(ScopePage):
    """The strategy's insight: themes of everything said, coverage, opinion groups, and links to
    each priority's and window's page, the tagging queue, "you said, we did" and the exports."""

    def get_page_title(self) -> str:
        return f"Insight: {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Insight", None)]

    def extra_context_data(self) -> dict[str, Any]:
        opinion_run = selectors.opinion_run_latest(strategy=self.strategy)
        return {
            **super().extra_context_data(),
            "is_strategy": True,
            "opinion_run": opinion_run,
            "opinion": selectors.opinion_shown(run=opinion_run),
            "stakeholder_types": [label for _key, label in selectors.STAKEHOLDER_TYPES],
            "priorities": selectors.priorities(strategy=self.strategy),
            "windows": list(said_selectors.windows(strategy=self.strategy)),
            "exports": [
                (what, fmt, self.url("export", what, fmt))
                for what in exports.EXPORTS
                for fmt in exports.FORMATS
            ],
        }


class PriorityInsight(ScopePage):
    """One priority's insight: themes of the texts about it, and its own coverage and gaps."""

    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority, strategy=self.strategy, number=self.kwargs["number"]
        )

    def scope(self) -> selectors.Scope:
        return selectors.Scope(
            strategy=self.strategy, kind=ThemeScope.PRIORITY, priority=self.priority
        )

    def coverage_priority(self) -> Priority | None:
        return self.priority

    def get_page_title(self) -> str:
        return f"Insight on priority {self.priority.number}: {self.priority.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (f"Priority {self.priority.number}", None)]


class WindowInsight(ScopePage):
    """One window's insight: themes of the comments on it, beside the strategy's coverage."""

    window: Document

    def load(self) -> None:
        super().load()
        window = selectors.window_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if window is None:
            raise Http404("No such window.")
        self.window = window

    def scope(self) -> selectors.Scope:
        return selectors.Scope(strategy=self.strategy, kind=ThemeScope.WINDOW, window=self.window)

    def get_page_title(self) -> str:
        return f"Insight on {self.window.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.window.title, None)]


class AnalysisRun(InsightPage):
    """Run the analysis again now (POST): queued, unless a run is already waiting."""

    permission_required = "insights.run_analysis"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.analysis_request(strategy_id=self.strategy.pk)
        messages.success(
            request,
            "The analysis will run again shortly: the insight pages say when it has finished.",
        )
        return redirect(self.back_url(self.insight_url()))


# --- relabelling a theme -----------------------------------------------------------------------


class ThemeLabel(InsightPage, StaffFormPage):
    """Give a theme a label of staff's own; blank goes back to its top terms."""

    permission_required = "insights.change_theme"
    template_name = "insights/staff/theme_label.html"
    submit_label = "Save the label"
    theme: Theme

    def load(self) -> None:
        super().load()
        theme = selectors.theme_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if theme is None:
            raise Http404("No such theme.")
        self.theme = theme

    def get_page_title(self) -> str:
        return f"Relabel the theme “{self.theme.title}”"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Relabel a theme", None)]

    def get_form(self, data: Any = None) -> BaseForm:
        return ThemeLabelForm(
            data=data, initial={"label": self.theme.label}, terms=self.theme.terms
        )

    def save(self, form: BaseForm) -> Theme:
        # On a copy: a refused label must not change this page's title and links.
        return services.theme_relabel(
            theme=copy.copy(self.theme), label=form.cleaned_data["label"], actor=self.request.user
        )

    def success_message(self, saved: Theme) -> str:
        if saved.label:
            return f"Relabelled theme {saved.number}: “{saved.label}”."
        return f"Theme {saved.number} is titled by its top terms again: {saved.title}."

    def success_url(self, saved: Theme) -> str:
        return f"{self.scope_url(saved.run)}#theme-{saved.pk}"

    def cancel_url(self) -> str:
        return f"{self.scope_url(self.theme.run)}#theme-{self.theme.pk}"

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "theme": self.theme}


# --- the tagging queue -------------------------------------------------------------------------


class TagQueue(InsightPage):
    """Texts with their priority tags, to confirm or reject, filtered and searchable."""

    template_name = "insights/staff/tags.html"
    page_title = "Priority tags"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Priority tags", None)]

    def extra_context_data(self) -> dict[str, Any]:
        priorities = selectors.priorities(strategy=self.strategy)
        filter_form = TagFilterForm(self.request.GET or None, priorities=priorities)
        filters = filter_form.filters() if self.request.GET else {}
        page = paginate(
            self.request, selectors.tag_queue(strategy=self.strategy, **filters), per_page=25
        )
        rows = []
        for text in page["object_list"]:
            tags = list(text.tags.all())
            tagged = {tag.priority_id for tag in tags}
            rows.append(
                {
                    "text": text,
                    "tags": [{"tag": tag, "percent": percent(tag.confidence)} for tag in tags],
                    "addable": [p for p in priorities if p.pk not in tagged],
                }
            )
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "is_filtered": any(filters.values()),
            "rows": rows,
            "next": self.request.get_full_path(),
            **page,
        }


class TagDecide(InsightPage):
    """Confirm or reject a suggested priority (POST), then back to where it was pressed."""

    permission_required = "insights.decide_tag"
    http_method_names = ["post"]
    tag: PriorityTag

    def load(self) -> None:
        super().load()
        tag = selectors.tag_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if tag is None:
            raise Http404("No such tag.")
        self.tag = tag

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        back = self.back_url(self.url("tags"))
        form = TagDecideForm(request.POST)
        if not form.is_valid():
            messages.error(request, str(form.errors["decision"][0]))
            return redirect(back)
        confirm = form.cleaned_data["decision"] == "confirm"
        tag = services.tag_decide(tag=self.tag, actor=request.user, confirm=confirm)
        messages.success(
            request,
            f"{'Confirmed' if confirm else 'Rejected'} priority {tag.priority.number} "
            f"for “{short_label(tag.text.text, 80)}”.",
        )
        return redirect(back)


class TagAdd(InsightPage):
    """Tag a text with a priority nobody suggested (POST): confirmed at once."""

    permission_required = "insights.decide_tag"
    http_method_names = ["post"]
    text: Text

    def load(self) -> None:
        super().load()
        text = selectors.text_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if text is None:
            raise Http404("No such text.")
        self.text = text

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        back = self.back_url(self.url("tags"))
        form = TagAddForm(request.POST, priorities=selectors.priorities(strategy=self.strategy))
        if not form.is_valid():
            messages.error(request, str(form.errors["priority"][0]))
            return redirect(back)
        priority = form.chosen()
        try:
            services.tag_add(text=self.text, priority=priority, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(
            request,
            f"Tagged “{short_label(self.text.text, 80)}” with priority {priority.number}.",
        )
        return redirect(back)


# --- you said, we did --------------------------------------------------------------------------


class YouSaidList(InsightPage):
    """The strategy's "you said, we did" table."""

    template_name = "insights/staff/you_said.html"
    page_title = "You said, we did"

    def you_said_url(self) -> str:
        return self.url("you_said")

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("You said, we did", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "links": list(selectors.you_said_list(strategy=self.strategy)),
        }


class YouSaidAdd(InsightPage, StaffFormPage):
    """Link a theme (?theme=) or a text (?text=) to ONE decision or ONE intervention change."""

    permission_required = "insights.link_you_said"
    template_name = "insights/staff/you_said_form.html"
    page_title = "Link what was said to what was done"
    submit_label = "Link them"
    theme: Theme | None
    said_text: Text | None

    def load(self) -> None:
        super().load()
        self.theme = self.said_text = None
        theme_pk, text_pk = self.request.GET.get("theme", ""), self.request.GET.get("text", "")
        if theme_pk.isdigit():
            self.theme = selectors.theme_get(strategy=self.strategy, pk=int(theme_pk))
        elif text_pk.isdigit():
            self.said_text = selectors.text_get(strategy=self.strategy, pk=int(text_pk))
        if self.theme is None and self.said_text is None:
            raise Http404("Choose a theme or a text of this strategy to link.")

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs(),
            ("You said, we did", self.url("you_said")),
            ("Link", None),
        ]

    @cached_property
    def answers(self) -> dict[str, Any]:
        return {
            "decisions": selectors.decisions_answering(strategy=self.strategy),
            "stage_changes": selectors.stage_changes_answering(strategy=self.strategy),
        }

    def get_form(self, data: Any = None) -> BaseForm:
        return YouSaidForm(data=data, **self.answers)

    def save(self, form: BaseForm) -> YouSaid:
        assert isinstance(form, YouSaidForm)
        return services.you_said_link(
            strategy=self.strategy,
            actor=self.request.user,
            theme=self.theme,
            text=self.said_text,
            we_did=form.cleaned_data["we_did"],
            **form.answers(),
        )

    def success_message(self, saved: YouSaid) -> str:
        return f"Linked “{short_label(saved.said, 80)}” to what was done."

    def success_url(self, saved: YouSaid) -> str:
        return f"{self.url('you_said')}#you-said-{saved.pk}"

    def cancel_url(self) -> str:
        if self.theme is not None:
            return f"{self.scope_url(self.theme.run)}#theme-{self.theme.pk}"
        return self.url("you_said")

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "theme": self.theme,
            "said_text": self.said_text,
            "has_answers": bool(self.answers["decisions"] or self.answers["stage_changes"]),
        }


class YouSaidDelete(InsightPage, StaffDeletePage):
    """Remove a "you said, we did" link, after asking."""

    permission_required = "insights.link_you_said"
    link: YouSaid

    def load(self) -> None:
        super().load()
        link = selectors.you_said_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if link is None:
            raise Http404("No such link.")
        self.link = link

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs(),
            ("You said, we did", self.url("you_said")),
            ("Remove a link", None),
        ]

    def target(self) -> YouSaid:
        return self.link

    def delete(self) -> None:
        services.you_said_delete(link=self.link, actor=self.request.user)

    def success_url(self) -> str:
        return self.url("you_said")

    def cancel_url(self) -> str:
        return self.url("you_said")


# --- exports -----------------------------------------------------------------------------------


class Export(InsightPage):
    """A download of the themes, the tags or the opinion groups, as CSV or XLSX."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        what, fmt = self.kwargs["what"], self.kwargs["fmt"]
        if what not in exports.EXPORTS or fmt not in exports.FORMATS:
            raise Http404("No such export.")
        return exports.insight_export(
            strategy=self.strategy, what=what, file_format=fmt, actor=request.user
        )
