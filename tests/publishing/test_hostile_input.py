"""Hostile text through the publishing forms that staff type into: a section's heading and text,
and a waiver's reason. Every string is stored as typed (one-line fields lose surrounding spaces)
or refused with a message and the text kept; it is shown escaped, and nothing answers 500."""

from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse

from convenor.publishing.choices import LintCode, SectionKind
from convenor.publishing.models import LintWaiver, Section
from tests.publishing.worlds import AS_OF, World, fake_build, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def _url(world: World, name: str, *args: object) -> str:
    return reverse(
        f"publishing_staff:{name}", args=[world.strategy.slug, world.publication.slug, 1, *args]
    )


def test_naughty_section_headings_and_texts_are_stored_as_typed_or_refused_and_escaped(
    client, world, naughty_strings
):
    section = world.v1.sections.order_by("position").first()
    assert section is not None
    edit = _url(world, "section_edit", section.pk)
    client.force_login(world.staff)
    accepted = 0
    for naughty in naughty_strings:
        data = {"kind": SectionKind.WRITTEN, "heading": naughty, "body": naughty}
        response = client.post(edit, data, follow=True)
        assert response.status_code == 200, repr(naughty)
        html = response.content.decode()
        if not response.redirect_chain:
            assert "govuk-error-summary" in html, repr(naughty)
            if naughty.strip():
                assert f"{escape(naughty)}</textarea>" in html, repr(naughty)
            continue
        accepted += 1
        stored = Section.objects.values_list("heading", "body").get(pk=section.pk)
        # The heading loses surrounding spaces; the Markdown text is kept exactly (its spaces
        # can mean something: an indented line, a hard break).
        assert stored == (naughty.strip(), naughty), repr(naughty)
        assert escape(naughty.strip()) in html, repr(naughty)
    assert accepted > len(naughty_strings) // 2


def test_naughty_waiver_reasons_are_stored_as_typed_or_refused_and_escaped(
    client, world, naughty_strings
):
    fake_build(world.v1, findings=[(LintCode.QUESTIONS, "It asks “What should we do?”")])
    waive = _url(world, "lint_waive")
    client.force_login(world.staff)
    accepted = 0
    for naughty in naughty_strings:
        data = {"code": LintCode.QUESTIONS, "section": "", "reason": naughty}
        response = client.post(waive, data, follow=True)
        assert response.status_code == 200, repr(naughty)
        html = response.content.decode()
        waiver = LintWaiver.objects.filter(version=world.v1).first()
        if waiver is None:
            assert "govuk-error-summary" in html, repr(naughty)
            continue
        accepted += 1
        assert waiver.reason == naughty.strip(), repr(naughty)
        assert escape(naughty.strip()) in html, repr(naughty)
        waiver.delete()
    assert accepted > len(naughty_strings) // 2
