"""Who may see, change and sign off publications: staff write them, a named person signs them off
on behalf of a body, and everyone reads what is published."""

from __future__ import annotations

from typing import Any

import rules

from convenor.governance.permissions import current_memberships
from convenor.publishing.choices import VersionStatus
from convenor.publishing.models import PublicationVersion


@rules.predicate
def is_named_signer(user: Any, version: PublicationVersion | None) -> bool:
    """The user is the person asked to sign the version off, and still a member of the body."""
    if version is None or not user.is_authenticated or version.signer_id != user.pk:
        return False
    return bool(current_memberships(user).filter(body_id=version.signer_body_id).exists())


@rules.predicate
def is_awaiting_sign_off(user: Any, version: PublicationVersion | None) -> bool:
    return version is not None and version.status == VersionStatus.IN_REVIEW


@rules.predicate
def was_published(user: Any, version: PublicationVersion | None) -> bool:
    """Published now or before: superseded versions stay available."""
    return version is not None and version.published_at is not None


is_staff = rules.is_staff

rules.add_perm("publishing.view_publication_staff", is_staff)
rules.add_perm("publishing.change_publication", is_staff)
rules.add_perm("publishing.sign_off_version", is_named_signer & is_awaiting_sign_off)
rules.add_perm("publishing.view_version", was_published | is_staff | is_named_signer)
