"""The small world the publishing tests start from: a strategy, its board with a chair who has
an account, staff, and an evidence summary in draft; with fake builds (files and checksums given
directly, nothing rendered) for the tests that are not about building."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from convenor.accounts.models import User
from convenor.governance.choices import BodyKind
from convenor.governance.models import Body
from convenor.publishing import services
from convenor.publishing.choices import BuildStatus
from convenor.publishing.models import LintFinding, Publication, PublicationVersion
from convenor.strategy.models import Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 6, 14, 10, 0, tzinfo=LONDON)


@dataclass
class World:
    """A strategy with a board whose chair has an account, staff, and a publication."""

    strategy: Strategy
    board: Body
    staff: User
    signer: User
    outsider: User
    publication: Publication

    @property
    def v1(self) -> PublicationVersion:
        return self.publication.versions.get(number=1)


def make_world() -> World:
    """The world every publishing test starts from (an evidence summary, version 1 a draft)."""
    strategy = StrategyFactory(name="Enterprise M3 LIS", slug="em3")
    board = BodyFactory(strategy=strategy, name="Enterprise M3 Board", kind=BodyKind.BOARD)
    signer = UserFactory(name="Stacey King")
    MembershipFactory(body=board, person=PersonFactory(name="Stacey King", user=signer))
    staff = StaffUserFactory(name="Kevin Lloyd")
    publication = services.publication_create(
        actor=staff,
        strategy=strategy,
        kind="evidence-summary",
        title="What the evidence says",
        slug="evidence-summary",
        as_of=datetime.date(2019, 6, 21),
    )
    return World(strategy, board, staff, signer, UserFactory(), publication)


def fake_build(version: PublicationVersion, *, findings: list[tuple[str, str]] = ()) -> None:
    """Give the version built files and checksums as a build would, without rendering anything."""
    stem = f"{version.publication.slug}-v{version.number}"
    for output in ("html", "pdf", "docx"):
        content = f"{output} of version {version.number}".encode()
        getattr(version, f"{output}_file").save(
            f"{stem}.{output}", ContentFile(content), save=False
        )
        setattr(version, f"{output}_sha256", services.sha256_of(content))
    version.build_status = BuildStatus.BUILT
    version.build_progress = 100
    version.build_step = "Built"
    version.built_at = AS_OF
    version.build_seconds = 0.8
    version.page_count = 3
    version.save()
    for code, message in findings:
        LintFinding.objects.create(version=version, code=code, message=message)


def signed_off(world: World, version: PublicationVersion | None = None) -> PublicationVersion:
    """Build (faked), ask for sign-off, and sign off a version."""
    version = version or world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    return services.version_sign_off(actor=world.signer, version=version)


def files_bytes(version: PublicationVersion) -> dict[str, bytes]:
    """The bytes of each of the version's files, read from storage now."""
    contents = {}
    for output in ("html", "pdf", "docx"):
        field = getattr(version, f"{output}_file")
        with field.storage.open(field.name, "rb") as handle:
            contents[output] = handle.read()
    return contents
