"""Publishing's rules, one test each: staff write publications, the named signer (still a member)
signs off a version awaiting it, and everyone reads what was published."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from convenor.governance.models import Membership
from convenor.publishing import services
from tests.publishing.worlds import AS_OF, fake_build, make_world, signed_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def test_only_staff_see_and_change_publications_on_staff_pages(world):
    for perm in ("publishing.view_publication_staff", "publishing.change_publication"):
        assert world.staff.has_perm(perm)
        assert not world.signer.has_perm(perm)
        assert not AnonymousUser().has_perm(perm)


def test_only_the_named_signer_may_sign_off_and_only_while_it_awaits_sign_off(world):
    version = world.v1
    assert not world.signer.has_perm("publishing.sign_off_version", version)
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    assert world.signer.has_perm("publishing.sign_off_version", version)
    assert not world.staff.has_perm("publishing.sign_off_version", version)
    assert not world.outsider.has_perm("publishing.sign_off_version", version)


def test_a_signer_who_left_the_body_may_no_longer_sign_off(world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    Membership.objects.filter(person__user=world.signer).update(ends_on=datetime.date(2019, 6, 1))
    assert not world.signer.has_perm("publishing.sign_off_version", version)


def test_a_version_is_seen_by_everyone_once_published_and_before_only_by_staff_and_signer(world):
    version = world.v1
    assert world.staff.has_perm("publishing.view_version", version)
    assert not AnonymousUser().has_perm("publishing.view_version", version)
    assert not world.outsider.has_perm("publishing.view_version", version)
    services.version_publish(actor=world.staff, version=signed_off(world))
    version.refresh_from_db()
    assert AnonymousUser().has_perm("publishing.view_version", version)
    assert world.outsider.has_perm("publishing.view_version", version)
