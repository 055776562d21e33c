"""Every page a person can open: it answers, shows its heading, and makes a fixed number of queries.

The demo and a generated scenario ten times its size are loaded once, side by side, for this
module. Each page is opened for an object of the demo and for the same object in the generated
strategy (its first copy of the demo); both must make exactly the number of queries QUERIES
gives, so that no page's query count grows with the data (house rule 2).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from convenor.accounts.models import User
from convenor.governance.models import Body, Membership
from convenor.scenarios.demo import demo_logins_create
from convenor.scenarios.generate import DEMO_SCENARIO, scenario_generate
from convenor.scenarios.loader import scenario_load, scenario_load_data
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy

pytestmark = pytest.mark.django_db

DEMO_SLUG, LARGE_SLUG = "enterprise-m3-lis", "generated-x10"
# The demo's login for a member of an action group, who may edit the priorities it steers.
MEMBER_KEY = "ben-carter"


@dataclass(frozen=True)
class Objects:
    """The objects of one strategy that its pages are opened for, and the register searches."""

    strategy: Strategy
    stage: Stage
    milestone: Milestone
    priority: Priority
    line_of_enquiry: LineOfEnquiry
    body: Body
    membership: Membership
    area: Area
    organisation: Organisation
    person: Person
    member: User
    member_priority: Priority
    # The stakeholder register is shared by both strategies, so its lists are opened with a
    # search for one of the demo's rows (finding a handful), and with one finding every
    # generated row (ten copies of the demo's, over many pages).
    area_search: str
    organisation_search: str
    person_search: str


@dataclass(frozen=True)
class Scenarios:
    """The demo and the generated strategy, loaded side by side, and who opens their pages."""

    demo: Objects
    large: Objects
    staff: User


def _objects(
    *,
    strategy: Strategy,
    body: Body,
    person: Person,
    organisation: Organisation,
    area: Area,
    member: User,
    searches: tuple[str, str, str],
) -> Objects:
    priority = strategy.priorities.get(number=1)
    stage = strategy.stages.order_by("order").first()
    milestone = strategy.milestones.order_by("date", "title").first()
    line_of_enquiry = priority.lines_of_enquiry.order_by("order").first()
    membership = (
        Membership.objects.filter(body=body, ends_on__isnull=True)
        .select_related("person")
        .order_by("person__key", "role")
        .first()
    )
    member_priority = (
        Priority.objects.filter(strategy=strategy, steering__body__memberships__person__user=member)
        .order_by("number")
        .first()
    )
    assert stage and milestone and line_of_enquiry and membership and member_priority
    return Objects(
        strategy=strategy,
        stage=stage,
        milestone=milestone,
        priority=priority,
        line_of_enquiry=line_of_enquiry,
        body=body,
        membership=membership,
        area=area,
        organisation=organisation,
        person=person,
        member=member,
        member_priority=member_priority,
        area_search=searches[0],
        organisation_search=searches[1],
        person_search=searches[2],
    )


def _scenarios_load() -> Scenarios:
    scenario_load(path=DEMO_SCENARIO)
    logins = demo_logins_create(path=DEMO_SCENARIO)
    scenario_load_data(data=scenario_generate(scale=10), source="generated x10")
    staff = User.objects.get(email=next(login.email for login in logins if "staff" in login.role))
    demo = Strategy.objects.get(slug=DEMO_SLUG)
    large = Strategy.objects.get(slug=LARGE_SLUG)

    # The busiest rows of the demo: the body with the most memberships, the person with the most
    # memberships, the organisation with the most people, the area with the most organisations.
    body = (
        Body.objects.filter(strategy=demo)
        .annotate(rows=Count("memberships"))
        .order_by("-rows", "slug")
        .first()
    )
    person = (
        Person.objects.filter(memberships__body__strategy=demo)
        .annotate(rows=Count("memberships"))
        .order_by("-rows", "key")
        .first()
    )
    organisation = (
        Organisation.objects.exclude(key__regex=r"^g[0-9]+-")
        .annotate(rows=Count("people"))
        .order_by("-rows", "key")
        .first()
    )
    area = (
        Area.objects.filter(strategies=demo)
        .annotate(rows=Count("organisations"))
        .order_by("-rows", "key")
        .first()
    )
    assert body and person and organisation and area
    demo_member = Person.objects.get(key=MEMBER_KEY).user
    assert demo_member is not None
    # The generated scenario has no logins: its first copy of the member gets an account.
    large_member = User.objects.create_user(email="g1.member@example.org")
    Person.objects.filter(key=f"g1-{MEMBER_KEY}").update(user=large_member)

    return Scenarios(
        demo=_objects(
            strategy=demo,
            body=body,
            person=person,
            organisation=organisation,
            area=area,
            member=demo_member,
            searches=(area.gss_code, organisation.name, person.email),
        ),
        # The same rows in the generated strategy's first copy of the demo.
        large=_objects(
            strategy=large,
            body=Body.objects.get(strategy=large, slug=f"g1-{body.slug}"),
            person=Person.objects.get(key=f"g1-{person.key}"),
            organisation=Organisation.objects.get(key=f"g1-{organisation.key}"),
            area=Area.objects.get(key=f"gen-{area.key}"),
            member=large_member,
            searches=("Generated", "(copy", "(copy"),
        ),
        staff=staff,
    )


@pytest.fixture(scope="module")
def scenarios(django_db_setup, django_db_blocker) -> Iterator[Scenarios]:
    """Load the demo and ten times the demo once, in a transaction rolled back at the end.

    Each test runs in a savepoint inside that transaction, so whatever a test changes is undone
    after it, and nothing loaded here is left behind for the other test modules.
    """
    loading = transaction.atomic()
    with django_db_blocker.unblock():
        loading.__enter__()
        try:
            loaded = _scenarios_load()
        except BaseException:
            transaction.set_rollback(True)
            loading.__exit__(None, None, None)
            raise
    yield loaded
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)


# --- The pages ----------------------------------------------------------------------------------

Url = Callable[[Objects], str]


@dataclass(frozen=True)
class Page:
    """A page to open: its name (the URL's, with who opens it), its address, its heading."""

    name: str
    url: Url
    heading: Callable[[Objects], str]
    user: str = "staff"  # "anonymous", "staff", or "member" (of a body steering the priority)


def _deleting(obj: Any) -> str:
    return f"Delete {obj._meta.verbose_name} “{obj}”?"


def _strategy_args(o: Objects) -> list[Any]:
    return [o.strategy.slug]


def _priority_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.priority.number]


def _body_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.body.slug]


def _membership_args(o: Objects) -> list[Any]:
    return [o.strategy.slug, o.body.slug, o.membership.pk]


def _url(
    name: str, args: Callable[[Objects], list[Any]] | None = None, query: Url | None = None
) -> Url:
    def build(o: Objects) -> str:
        address = reverse(name, args=args(o) if args else None)
        return f"{address}?{query(o)}" if query else address

    return build


def _search(text: str) -> str:
    return urlencode({"q": text})


PAGES = [
    # Public pages. The home page shows the newest public strategy: the generated one.
    Page(
        "strategy:home",
        _url("strategy:home"),
        lambda o: "Generated strategy (10 times the demo)",
        "anonymous",
    ),
    Page(
        "strategy:strategy_detail",
        _url("strategy:strategy_detail", _strategy_args),
        lambda o: o.strategy.name,
        "anonymous",
    ),
    Page(
        "strategy:priority_detail",
        _url("strategy:priority_detail", _priority_args),
        lambda o: o.priority.title,
        "anonymous",
    ),
    Page(
        "governance:body_list",
        _url("governance:body_list", _strategy_args),
        lambda o: "Groups and boards",
        "anonymous",
    ),
    Page(
        "governance:body_detail",
        _url("governance:body_detail", _body_args),
        lambda o: o.body.name,
        "anonymous",
    ),
    Page("account_login", _url("account_login"), lambda o: "Sign in", "anonymous"),
    # The staff area: strategies, their timetables and priorities.
    Page(
        "strategy_staff:home",
        _url("strategy_staff:home", query=lambda o: _search(o.strategy.name)),
        lambda o: "Staff area",
    ),
    Page(
        "strategy_staff:strategy_create",
        _url("strategy_staff:strategy_create"),
        lambda o: "Add a strategy",
    ),
    Page(
        "strategy_staff:strategy_edit",
        _url("strategy_staff:strategy_edit", _strategy_args),
        lambda o: o.strategy.name,
    ),
    Page(
        "strategy_staff:strategy_delete",
        _url("strategy_staff:strategy_delete", _strategy_args),
        lambda o: _deleting(o.strategy),
    ),
    Page(
        "strategy_staff:stage_create",
        _url("strategy_staff:stage_create", _strategy_args),
        lambda o: "Add a stage",
    ),
    Page(
        "strategy_staff:stage_edit",
        _url("strategy_staff:stage_edit", lambda o: [*_strategy_args(o), o.stage.pk]),
        lambda o: f"Edit stage: {o.stage.name}",
    ),
    Page(
        "strategy_staff:stage_delete",
        _url("strategy_staff:stage_delete", lambda o: [*_strategy_args(o), o.stage.pk]),
        lambda o: _deleting(o.stage),
    ),
    Page(
        "strategy_staff:milestone_create",
        _url("strategy_staff:milestone_create", _strategy_args),
        lambda o: "Add a milestone",
    ),
    Page(
        "strategy_staff:milestone_edit",
        _url("strategy_staff:milestone_edit", lambda o: [*_strategy_args(o), o.milestone.pk]),
        lambda o: f"Edit milestone: {o.milestone.title}",
    ),
    Page(
        "strategy_staff:milestone_delete",
        _url("strategy_staff:milestone_delete", lambda o: [*_strategy_args(o), o.milestone.pk]),
        lambda o: _deleting(o.milestone),
    ),
    Page(
        "strategy_staff:priority_create",
        _url("strategy_staff:priority_create", _strategy_args),
        lambda o: "Add a priority",
    ),
    Page(
        "strategy_staff:priority_edit",
        _url("strategy_staff:priority_edit", _priority_args),
        lambda o: f"Priority {o.priority.number}: {o.priority.title}",
    ),
    Page(
        "strategy_staff:priority_edit (member)",
        _url("strategy_staff:priority_edit", lambda o: [o.strategy.slug, o.member_priority.number]),
        lambda o: f"Priority {o.member_priority.number}: {o.member_priority.title}",
        "member",
    ),
    Page(
        "strategy_staff:priority_delete",
        _url("strategy_staff:priority_delete", _priority_args),
        lambda o: _deleting(o.priority),
    ),
    Page(
        "strategy_staff:line_of_enquiry_create",
        _url("strategy_staff:line_of_enquiry_create", _priority_args),
        lambda o: "Add a line of enquiry",
    ),
    Page(
        "strategy_staff:line_of_enquiry_edit",
        _url(
            "strategy_staff:line_of_enquiry_edit",
            lambda o: [*_priority_args(o), o.line_of_enquiry.pk],
        ),
        lambda o: "Edit line of enquiry",
    ),
    Page(
        "strategy_staff:line_of_enquiry_delete",
        _url(
            "strategy_staff:line_of_enquiry_delete",
            lambda o: [*_priority_args(o), o.line_of_enquiry.pk],
        ),
        lambda o: "Delete this line of enquiry?",
    ),
    # Bodies and memberships.
    Page(
        "governance_staff:body_list",
        _url("governance_staff:body_list", _strategy_args),
        lambda o: "Bodies",
    ),
    Page(
        "governance_staff:body_create",
        _url("governance_staff:body_create", _strategy_args),
        lambda o: "Add a body",
    ),
    Page(
        "governance_staff:body_edit",
        _url("governance_staff:body_edit", _body_args),
        lambda o: o.body.name,
    ),
    Page(
        "governance_staff:body_priorities",
        _url("governance_staff:body_priorities", _body_args),
        lambda o: "Priorities it steers",
    ),
    Page(
        "governance_staff:body_delete",
        _url("governance_staff:body_delete", _body_args),
        lambda o: _deleting(o.body),
    ),
    Page(
        "governance_staff:membership_create",
        _url("governance_staff:membership_create", _body_args),
        lambda o: f"Add a member to {o.body.name}",
    ),
    Page(
        "governance_staff:membership_edit",
        _url("governance_staff:membership_edit", _membership_args),
        lambda o: f"Edit membership: {o.membership.person}",
    ),
    Page(
        "governance_staff:membership_end",
        _url("governance_staff:membership_end", _membership_args),
        lambda o: f"End the membership of {o.membership.person}",
    ),
    Page(
        "governance_staff:membership_delete",
        _url("governance_staff:membership_delete", _membership_args),
        lambda o: f"Delete the membership of {o.membership.person}?",
    ),
    # The stakeholder register.
    Page(
        "stakeholders_staff:area_list",
        _url("stakeholders_staff:area_list", query=lambda o: _search(o.area_search)),
        lambda o: "Areas",
    ),
    Page(
        "stakeholders_staff:area_create",
        _url("stakeholders_staff:area_create"),
        lambda o: "Add an area",
    ),
    Page(
        "stakeholders_staff:area_edit",
        _url("stakeholders_staff:area_edit", lambda o: [o.area.pk]),
        lambda o: f"Edit {o.area.name}",
    ),
    Page(
        "stakeholders_staff:area_delete",
        _url("stakeholders_staff:area_delete", lambda o: [o.area.pk]),
        lambda o: _deleting(o.area),
    ),
    Page(
        "stakeholders_staff:organisation_list",
        _url(
            "stakeholders_staff:organisation_list", query=lambda o: _search(o.organisation_search)
        ),
        lambda o: "Organisations",
    ),
    Page(
        "stakeholders_staff:organisation_create",
        _url("stakeholders_staff:organisation_create"),
        lambda o: "Add an organisation",
    ),
    Page(
        "stakeholders_staff:organisation_edit",
        _url("stakeholders_staff:organisation_edit", lambda o: [o.organisation.pk]),
        lambda o: o.organisation.name,
    ),
    Page(
        "stakeholders_staff:organisation_delete",
        _url("stakeholders_staff:organisation_delete", lambda o: [o.organisation.pk]),
        lambda o: _deleting(o.organisation),
    ),
    Page(
        "stakeholders_staff:person_list",
        _url("stakeholders_staff:person_list", query=lambda o: _search(o.person_search)),
        lambda o: "People",
    ),
    Page(
        "stakeholders_staff:person_create",
        _url("stakeholders_staff:person_create"),
        lambda o: "Add a person",
    ),
    Page(
        "stakeholders_staff:person_edit",
        _url("stakeholders_staff:person_edit", lambda o: [o.person.pk]),
        lambda o: f"Edit {o.person.name}",
    ),
    Page(
        "stakeholders_staff:person_delete",
        _url("stakeholders_staff:person_delete", lambda o: [o.person.pk]),
        lambda o: _deleting(o.person),
    ),
]

# The queries each page makes, the same for the demo and for ten times the demo. Every page
# asks for the navigation's strategy; a signed-in person's page also reads the session and the
# account. Beyond those, the comment says what each page reads.
QUERIES: dict[str, int] = {
    # strategy, stages, milestones, priorities, the bodies steering them (2); it is the navigation's
    "strategy:home": 6,
    "strategy:strategy_detail": 7,  # the same, and the navigation's strategy
    # strategy, priority, its bodies (2), its lines of enquiry, previous and next priority
    "strategy:priority_detail": 8,
    "governance:body_list": 5,  # strategy, bodies, their current chairs, what they steer
    # strategy, body, bodies reporting to it, what it steers, memberships; its meetings panel:
    # meetings, their joint bodies, agenda items, the items' priorities, decisions
    "governance:body_detail": 11,
    "account_login": 1,
    # count and page of strategies, the latest changes; the meetings panels: meetings with papers
    # or minutes due, overdue actions, the strategies to link to meetings of
    "strategy_staff:home": 9,
    "strategy_staff:strategy_create": 6,  # choices: areas, organisations, people
    # strategy, its areas, choices (3), stages, milestones, priorities, steering bodies (2), bodies
    "strategy_staff:strategy_edit": 14,
    # strategy, and what deleting it collects, one query per kind of row (areas, stages,
    # milestones, priorities, enquiries, steering, bodies, memberships, meetings and all that
    # hangs off them: agenda items, papers, invitations, decisions, declarations, actions...)
    "strategy_staff:strategy_delete": 26,
    "strategy_staff:stage_create": 5,  # strategy, the next stage number
    "strategy_staff:stage_edit": 5,  # strategy, stage
    "strategy_staff:stage_delete": 5,  # strategy, stage
    "strategy_staff:milestone_create": 5,  # strategy, choice of stages
    "strategy_staff:milestone_edit": 6,  # strategy, milestone, choice of stages
    "strategy_staff:milestone_delete": 5,  # strategy, milestone
    "strategy_staff:priority_create": 7,  # strategy, next number, choices: sponsor, lead officer
    # strategy, priority, choices: sponsor, lead officer; lines of enquiry
    "strategy_staff:priority_edit": 8,
    "strategy_staff:priority_edit (member)": 9,  # the same, and whether they sit on its body
    # strategy, priority, and what deleting it collects: enquiries, steering, agenda items
    "strategy_staff:priority_delete": 8,
    "strategy_staff:line_of_enquiry_create": 6,  # strategy, priority, the next order
    "strategy_staff:line_of_enquiry_edit": 6,  # strategy, priority, line of enquiry
    "strategy_staff:line_of_enquiry_delete": 6,  # strategy, priority, line of enquiry
    "governance_staff:body_list": 6,  # strategy, count and page of bodies
    "governance_staff:body_create": 5,  # strategy, choice of bodies to report to
    # strategy, body, what it steers (form and list), choices: bodies, priorities (2); members
    "governance_staff:body_edit": 11,
    # strategy, body, what it steers, choices of priorities (2)
    "governance_staff:body_priorities": 8,
    # strategy, body, and what deleting it collects, one query per kind of row: steering,
    # memberships, meetings (its own and joint) and their agenda items, papers, decisions...
    "governance_staff:body_delete": 16,
    "governance_staff:membership_create": 7,  # strategy, body, choices: people, organisations
    # strategy, body, membership, choices: people, organisations
    "governance_staff:membership_edit": 8,
    "governance_staff:membership_end": 6,  # strategy, body, membership
    "governance_staff:membership_delete": 6,  # strategy, body, membership
    "stakeholders_staff:area_list": 5,  # count and page of areas
    "stakeholders_staff:area_create": 3,
    "stakeholders_staff:area_edit": 4,  # area
    "stakeholders_staff:area_delete": 5,  # area, the strategies covering it
    "stakeholders_staff:organisation_list": 5,  # count and page of organisations
    "stakeholders_staff:organisation_create": 4,  # choice of areas
    "stakeholders_staff:organisation_edit": 5,  # organisation, choice of areas
    "stakeholders_staff:organisation_delete": 4,  # organisation
    # count and page of people, organisations to filter by
    "stakeholders_staff:person_list": 6,
    "stakeholders_staff:person_create": 5,  # choices: organisations, accounts
    "stakeholders_staff:person_edit": 6,  # person, choices: organisations, accounts
    # person, and what deleting it collects: memberships, invitations, actions, declarations
    "stakeholders_staff:person_delete": 8,
}

H1 = re.compile(r'<h1 class="govuk-heading-[a-z]+">(.*?)</h1>', re.DOTALL)


@dataclass(frozen=True)
class Visit:
    """What one page showed for one strategy: its main headings and the queries it made."""

    heading: str
    queries: list[str]


def _visit(client, scenarios: Scenarios, page: Page, objects: Objects) -> Visit:
    client.logout()
    if page.user == "staff":
        client.force_login(scenarios.staff)
    elif page.user == "member":
        client.force_login(objects.member)
    address = page.url(objects)
    # The first visit fills the process's caches (templates, content types); the second counts.
    first = client.get(address)
    assert first.status_code == 200, f"{page.name} at {address} answered {first.status_code}"
    with CaptureQueriesContext(connection) as captured:
        again = client.get(address)
    assert again.status_code == 200, f"{page.name} at {address} answered {again.status_code}"
    return Visit(
        heading=" ".join(H1.findall(first.content.decode())),
        queries=[query["sql"][:160] for query in captured.captured_queries],
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_shows_its_heading_and_makes_as_many_queries_for_ten_times_the_demo(
    client, scenarios, page
):
    demo = _visit(client, scenarios, page, scenarios.demo)
    large = _visit(client, scenarios, page, scenarios.large)

    assert demo.heading == html.escape(page.heading(scenarios.demo))
    assert large.heading == html.escape(page.heading(scenarios.large))
    expected = QUERIES.get(page.name)
    counts = (len(demo.queries), len(large.queries))
    assert counts == (expected, expected), (
        f"{page.name}: {counts[0]} queries for the demo, {counts[1]} for ten times the demo, "
        f"{expected} expected. Ten times the demo made:\n" + "\n".join(large.queries)
    )


# Pages this module does not open: a redirect, and the meetings pages, which the scenarios hold
# no meetings for yet (their own tests count their queries).
NOT_PAGES = {"ui:after_sign_in"}
NAMESPACES_NOT_COVERED = {"admin", "meetings", "meetings_staff", "calendar"}


def _url_names(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_page_of_the_site_is_opened_here():
    # Our apps' URLs are all namespaced; the ones without a namespace are django-allauth's, of
    # which the sign-in page is opened here.
    names = {
        name
        for name in _url_names(get_resolver())
        if ":" in name and name.split(":")[0] not in NAMESPACES_NOT_COVERED
    } - NOT_PAGES
    opened = {page.name.split(" ")[0] for page in PAGES}

    assert names - opened == set()
    assert set(QUERIES) == {page.name for page in PAGES}
