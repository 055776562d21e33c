"""Insight's rules, one test each (staff only), and every insight page and button through HTTP:
someone not signed in is sent to sign in, a signed-in partner who is not staff is refused (403),
and neither changes anything."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.insights import services
from convenor.insights.models import PriorityTag, Theme, ThemeRun, YouSaid
from tests.insights.test_pages import World, make_world
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

RULES = (
    "insights.view_insight",
    "insights.change_theme",
    "insights.decide_tag",
    "insights.link_you_said",
    "insights.run_analysis",
)


@pytest.fixture
def world() -> World:
    return make_world()


@pytest.fixture
def link(world: World) -> YouSaid:
    return services.you_said_link(
        strategy=world.strategy, actor=world.staff, theme=world.homes, decision=world.decision
    )


@pytest.mark.parametrize("rule", RULES)
def test_only_staff_have_each_rule(world, rule):
    assert world.staff.has_perm(rule)
    assert not world.outsider.has_perm(rule)
    assert not AnonymousUser().has_perm(rule)


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"insights_staff:{name}", args=[world.strategy.slug, *args])


def pages(world: World, link: YouSaid) -> dict[str, str]:
    """Every page that answers GET, by name."""
    return {
        "strategy": url(world, "strategy"),
        "priority": url(world, "priority", 1),
        "window": url(world, "window", world.window.pk),
        "theme_label": url(world, "theme_label", world.broadband.pk),
        "tags": url(world, "tags"),
        "you_said": url(world, "you_said"),
        "you_said_add": f"{url(world, 'you_said_add')}?theme={world.broadband.pk}",
        "you_said_delete": url(world, "you_said_delete", link.pk),
        "export themes.csv": url(world, "export", "themes", "csv"),
        "export tags.xlsx": url(world, "export", "tags", "xlsx"),
        "export groups.csv": url(world, "export", "groups", "csv"),
    }


def posts(world: World, link: YouSaid) -> dict[str, tuple[str, dict[str, str]]]:
    """Every button and form that changes something, by name, with valid data."""
    return {
        "run": (url(world, "run"), {}),
        "theme_label": (url(world, "theme_label", world.broadband.pk), {"label": "Taken over"}),
        "tag_decide": (url(world, "tag_decide", world.suggested.pk), {"decision": "confirm"}),
        "tag_add": (url(world, "tag_add", world.texts[2].pk), {"priority": "1"}),
        "you_said_add": (
            f"{url(world, 'you_said_add')}?theme={world.broadband.pk}",
            {"answer": f"decision-{world.decision.pk}", "we_did": "Hijacked"},
        ),
        "you_said_delete": (url(world, "you_said_delete", link.pk), {}),
    }


def state() -> tuple[Any, ...]:
    """Everything a refused request could have changed."""
    return (
        list(ThemeRun.objects.order_by("pk").values_list("pk", "status")),
        list(Theme.objects.order_by("pk").values_list("pk", "label", "labelled_by")),
        list(PriorityTag.objects.order_by("pk").values_list("pk", "status", "decided_by")),
        list(YouSaid.objects.order_by("pk").values_list("pk", "we_did")),
        AuditEvent.objects.count(),
    )


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_page(client, world, link):
    login = reverse("account_login")
    for name, address in pages(world, link).items():
        response = client.get(address)
        assert response.status_code == 302, name
        assert response.url.startswith(login), name


def test_someone_not_signed_in_changes_nothing(client, world, link):
    login = reverse("account_login")
    before = state()
    for name, (address, data) in posts(world, link).items():
        response = client.post(address, data)
        assert response.status_code == 302, name
        assert response.url.startswith(login), name
    assert state() == before


def test_a_partner_who_is_not_staff_is_refused_every_page(client, world, link):
    client.force_login(world.outsider)
    for name, address in pages(world, link).items():
        assert client.get(address).status_code == 403, name


def test_a_partner_who_is_not_staff_changes_nothing(client, world, link):
    client.force_login(world.outsider)
    before = state()
    for name, (address, data) in posts(world, link).items():
        assert client.post(address, data).status_code == 403, name
    assert state() == before


def test_staff_may_open_every_page(client, world, link):
    client.force_login(world.staff)
    for name, address in pages(world, link).items():
        assert client.get(address).status_code == 200, name


def test_nothing_of_another_strategy_is_reached_through_this_one(client, world, link):
    """Pages name their strategy in the URL: another strategy's rows are not found through it."""
    StrategyFactory(slug="elsewhere")
    client.force_login(world.staff)
    not_found = {"priority", "window", "theme_label", "you_said_add", "you_said_delete"}
    for name, address in pages(world, link).items():
        moved = address.replace("/strategies/em3/", "/strategies/elsewhere/")
        assert client.get(moved).status_code == (404 if name in not_found else 200), name
    for name, (address, data) in posts(world, link).items():
        moved = address.replace("/strategies/em3/", "/strategies/elsewhere/")
        if name != "run":
            assert client.post(moved, data).status_code == 404, name
