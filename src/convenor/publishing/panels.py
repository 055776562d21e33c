"""Panels publishing adds to pages of apps it depends on (core.panels slots): a strategy's public
page links to its publications, and the staff home to each strategy's staff list."""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.publishing.choices import VersionStatus
from convenor.publishing.models import Publication, PublicationVersion
from convenor.strategy.models import Strategy

# The slots' names, as the pages that own them (strategy.views, strategy.staff_views,
# meetings.views) use them.
STRATEGY_PAGE_SLOT = "strategy_page"
STAFF_HOME_SLOT = "staff_home"
MY_PAGE_SLOT = "my_page"


def strategy_publications_panel(request: HttpRequest, *, strategy: Strategy) -> Panel | None:
    """On a strategy's public page: its published publications, if any."""
    publications = list(
        Publication.objects.filter(strategy=strategy, versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .order_by("kind", "title")
    )
    if not publications:
        return None
    return Panel(
        template_name="publishing/includes/strategy_publications_panel.html",
        context={"strategy": strategy, "publications": publications},
    )


def staff_publications_panel(request: HttpRequest) -> Panel | None:
    """On the staff home: a link to each strategy's publications (staff only)."""
    if not request.user.has_perm("publishing.view_publication_staff"):
        return None
    return Panel(
        template_name="publishing/includes/staff_home_panel.html",
        context={"strategies": list(Strategy.objects.order_by("name").only("slug", "name"))},
    )


def sign_off_panel(request: HttpRequest) -> Panel | None:
    """On the signed-in person's own page: the versions waiting for them to sign off."""
    if not request.user.is_authenticated:
        return None
    waiting = list(
        PublicationVersion.objects.filter(signer=request.user, status=VersionStatus.IN_REVIEW)
        .select_related("publication", "signer_body")
        .order_by("review_requested_at")
    )
    if not waiting:
        return None
    return Panel(
        template_name="publishing/includes/sign_off_panel.html", context={"versions": waiting}
    )


def publishing_panels_register() -> None:
    """Register publishing's panels on other apps' pages (called from the app's ready())."""
    panel_register(slot=STRATEGY_PAGE_SLOT, factory=strategy_publications_panel)
    panel_register(slot=STAFF_HOME_SLOT, factory=staff_publications_panel)
    panel_register(slot=MY_PAGE_SLOT, factory=sign_off_panel)
