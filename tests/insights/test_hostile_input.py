"""Hostile text through the insight forms staff type into: a theme's label and the "we did" of a
"you said, we did" link. Every string is stored as typed (without surrounding spaces) or refused
with a message and the text kept; it is shown escaped, and nothing answers 500."""

from __future__ import annotations

from html import escape

import pytest
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse

from convenor.insights import services
from convenor.insights.models import Theme, YouSaid
from tests.insights.test_pages import World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def test_naughty_theme_labels_are_stored_or_refused_and_shown_escaped(
    client, world, naughty_strings
):
    theme = world.broadband
    address = reverse("insights_staff:theme_label", args=[world.strategy.slug, theme.pk])
    client.force_login(world.staff)
    accepted = 0
    for naughty in naughty_strings:
        response = client.post(address, {"label": naughty}, follow=True)
        assert response.status_code == 200, repr(naughty)
        html = response.content.decode()
        label = Theme.objects.values_list("label", flat=True).get(pk=theme.pk)
        if not response.redirect_chain:
            assert "govuk-error-summary" in html, repr(naughty)
            assert label == "", repr(naughty)  # the last accepted label was reset below
            assert f'value="{escape(naughty)}"' in html, repr(naughty)
            continue
        accepted += 1
        assert label == naughty.strip(), repr(naughty)
        # The insight page, where the redirect lands, titles the theme with it.
        title = escape(naughty.strip()) if naughty.strip() else "broadband, rural, fibre"
        assert f"Theme 1: {title}</h3>" in html, repr(naughty)
        services.theme_relabel(theme=theme, label="", actor=world.staff)
    assert accepted > len(naughty_strings) // 2


def test_naughty_we_did_words_are_stored_or_refused_and_shown_escaped(
    client, world, naughty_strings
):
    address = (
        reverse("insights_staff:you_said_add", args=[world.strategy.slug])
        + f"?theme={world.homes.pk}"
    )
    generated = services.we_did_text(decision=world.decision)
    client.force_login(world.staff)
    accepted = 0
    for naughty in naughty_strings:
        data = {"answer": f"decision-{world.decision.pk}", "we_did": naughty}
        response = client.post(address, data, follow=True)
        assert response.status_code == 200, repr(naughty)
        html = response.content.decode()
        link = YouSaid.objects.filter(strategy=world.strategy).first()
        if link is None:
            assert "govuk-error-summary" in html, repr(naughty)
            assert f"{escape(naughty)}</textarea>" in html, repr(naughty)
            continue
        accepted += 1
        assert link.we_did == (naughty.strip() or generated), repr(naughty)
        # The table shows it escaped, its line breaks as <br>.
        assert linebreaksbr(link.we_did, autoescape=True) in html, repr(naughty)
        link.delete()
    assert accepted > len(naughty_strings) // 2
