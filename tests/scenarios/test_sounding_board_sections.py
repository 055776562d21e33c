"""The scenario format's sounding board, documents and statements, and the demo's sounding board."""

from __future__ import annotations

import copy
import datetime
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from convenor.accounts.models import User
from convenor.cli import DEMO_SCENARIO
from convenor.engagement.models import (
    Comment,
    Discussion,
    Document,
    Paragraph,
    ParagraphVersion,
    Participant,
    Post,
    Reaction,
    SoundingBoard,
    Statement,
    Vote,
)
from convenor.engagement.permissions import is_sounding_board_member
from convenor.evidence.models import EvidenceItem
from convenor.scenarios.demo import demo_logins_create
from convenor.scenarios.generate import scenario_generate
from convenor.scenarios.loader import (
    ScenarioError,
    scenario_check,
    scenario_load_data,
)
from convenor.strategy.models import Strategy
from tests.scenarios.test_engagement_sections import scenario
from tests.scenarios.test_loader import row_counts

LONDON = ZoneInfo("Europe/London")


def sounding_board() -> dict[str, Any]:
    return {
        "body": "sounding-board",
        "open": True,
        "requires_approval": True,
        "privacy_notice_version": "privacy-2024-05",
        "welcome": "Tell us what you think.",
        "participants": [
            {"person": "sam-lee", "name_shown": "initials", "notifications": "weekly"},
            {"person": "ada-khan", "name_shown": "full_name_and_organisation"},
            {"person": "raj-rao", "status": "pending", "notifications": "none"},
        ],
    }


def draft() -> dict[str, Any]:
    return {
        "key": "draft-plan",
        "title": "The draft plan",
        "summary": "What we think so far.",
        "priorities": [1, 2],
        "opens_at": "2024-06-01 09:00",
        "closes_at": "2024-06-30 17:00",
        "moderation": "pre",
        "illustrative": True,
        "paragraphs": [
            {"heading": "Our approach", "text": "We start with the port."},
            {"versions": ["Robots first.", "People and robots together."]},
            {"text": "We will report back.", "removed": True},
        ],
        "comments": [
            {"paragraph": 2, "version": 1, "author": "ada-khan", "text": "Why robots first?",
             "created_at": "2024-06-02 10:00",
             "replies": [{"author": "sam-lee", "text": "Fair point: we changed it.",
                          "created_at": "2024-06-03 11:00"}]},
            {"paragraph": 2, "author": "ada-khan", "text": "Better now.",
             "created_at": "2024-06-05 10:00"},
            {"paragraph": 1, "author": "raj-rao", "text": "Rude words.", "status": "hidden",
             "moderation_reason": "Please keep it civil.", "moderated_at": "2024-06-04 09:00"},
            {"paragraph": 3, "author": "sam-lee", "text": "Waiting.", "status": "pending"},
        ],
        "reactions": [
            {"paragraph": 1, "person": "ada-khan", "kind": "support"},
            {"paragraph": 2, "person": "ada-khan", "kind": "concern"},
            {"paragraph": 2, "person": "sam-lee", "kind": "support"},
        ],
    }  # fmt: skip


def statements() -> list[dict[str, Any]]:
    return [
        {"key": "train-first", "kind": "intervention", "text": "Train crane drivers first.",
         "priority": 2, "illustrative": True, "voters": "panel", "choices": "ad p",
         "votes": [{"person": "raj-rao", "choice": "agree"}]},
        {"key": "port-leads", "kind": "narrative", "text": "The port leads the economy.",
         "priority": 1, "votes": [{"person": "ada-khan", "choice": "disagree"}]},
        {"key": "my-idea", "kind": "participant", "text": "Open the port on Sundays.",
         "submitted_by": "ada-khan", "status": "pending"},
        {"key": "rude", "kind": "participant", "text": "Rude words.", "submitted_by": "raj-rao",
         "status": "hidden", "moderation_reason": "Please keep it civil."},
    ]  # fmt: skip


def voter_lists() -> list[dict[str, Any]]:
    return [{"name": "panel", "people": ["sam-lee", "ada-khan", "extra-voter"]}]


def full() -> dict[str, Any]:
    document = scenario(
        sounding_board=sounding_board(),
        documents=[draft()],
        voter_lists=voter_lists(),
        statements=statements(),
    )
    document["people"].append({"key": "extra-voter", "name": "Extra Voter"})
    return document


def research_and_discussions() -> dict[str, Any]:
    research = {
        "key": "port-study",
        "title": "The port study",
        "summary": "Ships are bigger.",
        "url": "https://example.org/port-study",
        "published_on": "2024-05-20",
        "priorities": [1],
    }
    window = {
        **draft(),
        "key": "port-study-comments",
        "title": "Comments on the port study",
        "evidence_item": "port-study",
        "comments": [],
        "reactions": [],
    }
    discussion = {
        "key": "night-buses",
        "title": "Night buses",
        "prompt": "Do we need them?",
        "priority": 2,
        "opens_at": "2024-06-01 09:00",
        "closes_at": "2024-06-30 17:00",
        "posts": [
            {
                "author": "ada-khan",
                "text": "Yes, for shift workers.",
                "created_at": "2024-06-02 10:00",
                "replies": [
                    {"author": "sam-lee", "text": "Which routes?", "created_at": "2024-06-02 11:00"}
                ],
            },
            {
                "author": "raj-rao",
                "text": "Rude words.",
                "status": "hidden",
                "moderation_reason": "Please keep it civil.",
                "moderated_at": "2024-06-03 09:00",
            },
        ],
    }
    return scenario(evidence_items=[research], documents=[window], discussions=[discussion])


@pytest.mark.django_db
def test_research_opens_a_comment_window_and_a_discussion_loads_with_threads():
    scenario_load_data(data=research_and_discussions(), source="board.yaml")

    window = Document.objects.get(key="port-study-comments")
    assert window.evidence_item == EvidenceItem.objects.get(key="port-study")
    assert window.evidence_item.url == "https://example.org/port-study"
    assert list(window.evidence_item.priorities.values_list("number", flat=True)) == [1]
    discussion = Discussion.objects.get(key="night-buses")
    assert discussion.priority is not None and discussion.priority.number == 2
    posts = Post.objects.filter(discussion=discussion).order_by("pk")
    assert [(p.author.key, p.parent and p.parent.author.key, p.status) for p in posts] == [
        ("ada-khan", None, "published"),
        ("sam-lee", "ada-khan", "published"),
        ("raj-rao", None, "hidden"),
    ]
    assert posts[2].moderation_reason == "Please keep it civil."
    assert posts[0].created_at == datetime.datetime(2024, 6, 2, 10, 0, tzinfo=LONDON)
    # Loading again changes nothing.
    report = scenario_load_data(data=research_and_discussions(), source="board.yaml")
    assert not report.changed


def test_a_hidden_post_needs_its_reason_and_a_window_names_research_that_exists():
    document = research_and_discussions()
    del document["discussions"][0]["posts"][1]["moderation_reason"]
    document["documents"][0]["evidence_item"] = "no-such-study"

    assert errors_of(document) == [
        (
            "documents[0].evidence_item",
            'no evidence item with key "no-such-study" in this file',
        ),
        (
            "discussions[0].posts[1].moderation_reason",
            "a hidden item needs the reason shown to its author",
        ),
    ]


def errors_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="board.yaml")
    return raised.value.errors


@pytest.mark.django_db
def test_the_sounding_board_loads_with_its_participants():
    scenario_load_data(data=full(), source="board.yaml")

    board = SoundingBoard.objects.get(strategy__slug="riverside")
    assert (board.body.slug, board.is_open, board.requires_approval) == (
        "sounding-board",
        True,
        True,
    )
    assert (board.privacy_notice_version, board.welcome) == (
        "privacy-2024-05",
        "Tell us what you think.",
    )
    assert set(
        Participant.objects.values_list("person__key", "status", "name_shown", "notifications")
    ) == {
        ("sam-lee", "member", "initials", "weekly"),
        ("ada-khan", "member", "full_name_and_organisation", "immediate"),
        ("raj-rao", "pending", "full_name", "none"),
    }


@pytest.mark.django_db
def test_a_document_loads_with_paragraphs_versions_comments_replies_and_reactions():
    scenario_load_data(data=full(), source="board.yaml")

    document = Document.objects.get(key="draft-plan")
    assert (document.title, document.summary, document.moderation, document.is_illustrative) == (
        "The draft plan",
        "What we think so far.",
        "pre",
        True,
    )
    assert document.opens_at == datetime.datetime(2024, 6, 1, 9, 0, tzinfo=LONDON)
    assert document.closes_at == datetime.datetime(2024, 6, 30, 17, 0, tzinfo=LONDON)
    assert sorted(document.priorities.values_list("number", flat=True)) == [1, 2]
    assert list(Paragraph.objects.values_list("order", "heading", "is_removed")) == [
        (1, "Our approach", False),
        (2, "", False),
        (3, "", True),
    ]
    assert list(ParagraphVersion.objects.values_list("paragraph__order", "number", "text")) == [
        (1, 1, "We start with the port."),
        (2, 1, "Robots first."),
        (2, 2, "People and robots together."),
        (3, 1, "We will report back."),
    ]
    comments = {row.text: row for row in Comment.objects.select_related("version", "parent")}
    first, reply = comments["Why robots first?"], comments["Fair point: we changed it."]
    assert (first.version.paragraph.order, first.version.number, first.parent) == (2, 1, None)
    assert first.created_at == datetime.datetime(2024, 6, 2, 10, 0, tzinfo=LONDON)
    # A reply is on its comment's version, and dated as the file says.
    assert (reply.parent, reply.version_id) == (first, first.version_id)
    assert reply.created_at == datetime.datetime(2024, 6, 3, 11, 0, tzinfo=LONDON)
    # No version named: the latest.
    assert comments["Better now."].version.number == 2
    hidden = comments["Rude words."]
    assert (hidden.status, hidden.moderation_reason) == ("hidden", "Please keep it civil.")
    assert hidden.moderated_at == datetime.datetime(2024, 6, 4, 9, 0, tzinfo=LONDON)
    assert comments["Waiting."].status == "pending"
    assert set(Reaction.objects.values_list("paragraph__order", "person__key", "kind")) == {
        (1, "ada-khan", "support"),
        (2, "ada-khan", "concern"),
        (2, "sam-lee", "support"),
    }


@pytest.mark.django_db
def test_statements_load_with_votes_in_both_forms():
    scenario_load_data(data=full(), source="board.yaml")

    rows = {row.key: row for row in Statement.objects.select_related("priority", "submitted_by")}
    train = rows["train-first"]
    assert (train.kind, train.text, train.status, train.is_illustrative) == (
        "intervention",
        "Train crane drivers first.",
        "published",
        True,
    )
    assert train.priority is not None and train.priority.number == 2
    # "ad p" for sam-lee, ada-khan, extra-voter: the space only groups; p is pass.
    assert set(Vote.objects.filter(statement=train).values_list("person__key", "choice")) == {
        ("sam-lee", "agree"),
        ("ada-khan", "disagree"),
        ("extra-voter", "pass"),
        ("raj-rao", "agree"),
    }
    assert list(rows["port-leads"].votes.values_list("person__key", "choice")) == [
        ("ada-khan", "disagree")
    ]
    mine = rows["my-idea"]
    assert (mine.status, mine.submitted_by.key if mine.submitted_by else None) == (
        "pending",
        "ada-khan",
    )
    assert (rows["rude"].status, rows["rude"].moderation_reason) == (
        "hidden",
        "Please keep it civil.",
    )


@pytest.mark.django_db
def test_a_dot_in_the_compact_choices_is_no_vote():
    document = full()
    document["statements"][0]["choices"] = ".a."
    document["statements"][0]["votes"] = []

    scenario_load_data(data=document, source="board.yaml")

    assert list(Vote.objects.filter(statement__key="train-first").values_list("person__key")) == [
        ("ada-khan",)
    ]


@pytest.mark.django_db
def test_loading_the_sounding_board_twice_changes_nothing():
    first = scenario_load_data(data=full(), source="board.yaml")
    once = row_counts()
    comments = dict(Comment.objects.values_list("text", "created_at"))

    second = scenario_load_data(data=full(), source="board.yaml")

    assert row_counts() == once
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert dict(Comment.objects.values_list("text", "created_at")) == comments
    for label in ("participants", "documents", "paragraphs", "paragraph versions", "comments",
                  "reactions", "statements", "votes"):  # fmt: skip
        assert first.counts[label]["created"] > 0, label


@pytest.mark.django_db
def test_a_changed_file_updates_the_rows_it_changes():
    scenario_load_data(data=full(), source="board.yaml")
    document = full()
    document["documents"][0]["paragraphs"][0]["text"] = "We start with the harbour."
    document["statements"][0]["votes"][0]["choice"] = "disagree"
    document["sounding_board"]["participants"][2]["status"] = "member"

    report = scenario_load_data(data=document, source="board.yaml")

    assert report.counts["paragraph versions"]["updated"] == 1
    assert report.counts["votes"]["updated"] == 1
    assert report.counts["participants"]["updated"] == 1
    assert Vote.objects.get(statement__key="train-first", person__key="raj-rao").choice == (
        "disagree"
    )


def bad() -> dict[str, Any]:
    """One mistake for each cross-check of the new sections."""
    document = full()
    document["people"].append({"key": "ben-oak", "name": "Ben Oak"})
    document["bodies"].append({"slug": "board", "name": "Board", "kind": "board"})
    document["sounding_board"]["body"] = "board"
    document["sounding_board"]["participants"].append({"person": "nobody"})
    plan = document["documents"][0]
    plan["closes_at"] = "2024-05-01 09:00"
    plan["paragraphs"].append({"heading": "Empty"})
    plan["paragraphs"].append({"text": "Both.", "versions": ["One."]})
    plan["comments"].append({"paragraph": 9, "author": "sam-lee", "text": "Where?"})
    plan["comments"].append({"paragraph": 1, "version": 2, "author": "sam-lee", "text": "When?"})
    plan["comments"].append(
        {"paragraph": 1, "author": "ben-oak", "text": "Hm.",
         "replies": [{"paragraph": 2, "author": "sam-lee", "text": "Wrong place."}]}
    )  # fmt: skip
    plan["comments"].append({"paragraph": 1, "author": "ghost", "text": "Boo."})
    plan["comments"].append({"paragraph": 1, "author": "sam-lee", "text": "Hidden.",
                             "status": "hidden"})  # fmt: skip
    plan["reactions"].append({"paragraph": 7, "person": "sam-lee", "kind": "support"})
    plan["reactions"].append({"paragraph": 1, "person": "ada-khan", "kind": "concern"})
    train = document["statements"][0]
    train["votes"].append({"person": "ada-khan", "choice": "pass"})
    document["statements"][1]["votes"].append({"person": "ada-khan", "choice": "agree"})
    document["statements"].append(
        {"key": "short", "kind": "narrative", "text": "Too few.", "voters": "panel",
         "choices": "ax"}
    )  # fmt: skip
    document["statements"].append(
        {"key": "half", "kind": "narrative", "text": "Half.", "voters": "panel"}
    )
    return document


@pytest.mark.django_db
def test_a_bad_file_reports_every_cross_check_with_its_path_and_writes_nothing():
    before = row_counts()

    errors = errors_of(bad())

    assert errors == [
        ("sounding_board.participants[3].person", 'no person with key "nobody" in this file'),
        ("documents[0].paragraphs[3]", "a paragraph needs a text (or versions, if it was revised)"),
        ("documents[0].paragraphs[4].versions",
         "give a paragraph's text or its versions, not both"),
        ("documents[0].comments[7].author", 'no person with key "ghost" in this file'),
        ("documents[0].comments[8].moderation_reason",
         "a hidden item needs the reason shown to its author"),
        ("documents[0].reactions[4].paragraph",
         'another reaction (documents[0].reactions[0]) already has paragraph 1 and person '
         '"ada-khan"'),
        ("documents[0].closes_at",
         "the window closes (2024-05-01 09:00) before it opens (2024-06-01 09:00)"),
        ("documents[0].comments[4].paragraph", "no paragraph 9 in this document (it has 1 to 5)"),
        ("documents[0].comments[5].version", "paragraph 1 has no version 2 (it has 1 version)"),
        ("documents[0].comments[6].replies[0].paragraph",
         "a reply is on the paragraph of the comment it answers (1), not 2"),
        ("documents[0].reactions[3].paragraph", "no paragraph 7 in this document (it has 1 to 5)"),
        ("sounding_board.body",
         '"board" is a body of kind board; name one of kind sounding_board'),
        ("statements[0].votes[1].person",
         '"ada-khan" already votes on this statement, in statements[0].choices (letter 2)'),
        ("statements[1].votes[1].person",
         '"ada-khan" already votes on this statement, in statements[1].votes[0]'),
        ("statements[4].choices",
         'letter 2 is "x"; use a (agree), d (disagree), p (pass) or . (no vote), with spaces '
         "to group them"),
        ("statements[4].choices",
         '2 choices for the 3 people of voter list "panel": give one letter per person'),
        ("statements[5].choices", "give both voters and choices, or neither"),
    ]  # fmt: skip
    assert row_counts() == before


def test_a_bad_file_prints_each_error_with_the_file_and_path():
    with pytest.raises(ScenarioError) as raised:
        scenario_check(data=bad(), source="board.yaml")

    assert "board.yaml: documents[0].comments[5].version: paragraph 1 has no version 2" in str(
        raised.value
    )


# --- The demo -------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_loaded_for_module, db) -> Strategy:
    # Loaded once for the module (tests/conftest.py); each test's changes are rolled back.
    return Strategy.objects.get(slug="enterprise-m3-lis")


def test_the_demo_sounding_board_has_its_invitation_list_as_members(demo):
    board = SoundingBoard.objects.get(strategy=demo)
    participants = Participant.objects.filter(sounding_board=board)
    members = participants.filter(status="member")
    invited = set(
        board.body.memberships.filter(role="member", note="").values_list("person__key", flat=True)
    )

    assert board.body.slug == "sounding-board"
    assert board.is_open and not board.requires_approval
    assert len(invited) == 120
    assert invited <= set(members.values_list("person__key", flat=True))
    # 120 from the invitation list and 32 who joined through the sign-up page; one has left.
    assert members.count() == 152
    assert Counter(participants.values_list("status", flat=True)) == {"member": 152, "left": 1}


def test_the_demo_draft_early_beta_statement_has_comments_a_revision_and_reactions(demo):
    beta = Document.objects.get(strategy=demo, key="early-beta-statement-draft")
    paragraphs = list(beta.paragraphs.all())
    comments = Comment.objects.filter(version__paragraph__document=beta)

    assert beta.is_illustrative and beta.moderation == "post"
    assert beta.opens_at == datetime.datetime(2019, 5, 20, 9, 0, tzinfo=LONDON)
    assert beta.closes_at is not None and beta.closes_at.date() == datetime.date(2019, 6, 14)
    assert 12 <= len(paragraphs) <= 20
    assert beta.priorities.count() == 9
    assert comments.count() == 35
    assert comments.values("version__paragraph").distinct().count() >= 6
    assert comments.filter(parent__isnull=False).count() >= 4
    hidden = comments.filter(status="hidden")
    assert hidden.count() == 1 and hidden.get().moderation_reason
    revised = ParagraphVersion.objects.filter(paragraph__document=beta, number=2)
    assert revised.count() == 1
    both = {c.version.number for c in comments.filter(version__paragraph=revised.get().paragraph)}
    assert both == {1, 2}
    assert Reaction.objects.filter(paragraph__document=beta).count() >= 30
    # Everything said was said before the demo's moment, by participants of the sounding board.
    as_of = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    assert all(beta.opens_at <= c.created_at <= as_of for c in comments)
    participants = set(Participant.objects.values_list("person_id", flat=True))
    assert set(comments.values_list("author_id", flat=True)) <= participants


def test_the_demo_towns_research_window_has_a_few_comments(demo):
    towns = Document.objects.get(strategy=demo, key="towns-research-emerging-findings")

    assert towns.title == "Towns research: emerging findings"
    assert 6 <= towns.paragraphs.count() <= 8
    assert list(towns.priorities.values_list("number", flat=True)) == [3]
    assert 3 <= Comment.objects.filter(version__paragraph__document=towns).count() <= 10
    as_of = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    assert towns.opens_at is not None and towns.opens_at < as_of
    assert towns.closes_at is not None and towns.closes_at > as_of


def test_the_demo_towns_research_window_is_on_the_towns_research(demo):
    towns = Document.objects.get(strategy=demo, key="towns-research-emerging-findings")

    assert towns.evidence_item is not None
    assert towns.evidence_item.key == "towns-research-emerging-findings"
    assert "33 towns" in towns.evidence_item.summary
    assert towns.evidence_item.is_illustrative


def test_the_demo_has_two_discussions_on_priorities_with_threads_replies_and_moderation(demo):
    discussions = Discussion.objects.filter(strategy=demo).order_by("opens_at")
    as_of = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)

    assert [(d.priority.number if d.priority else None) for d in discussions] == [3, 4]
    assert all(d.opens_at and d.opens_at < as_of < d.closes_at for d in discussions if d.closes_at)
    posts = Post.objects.filter(discussion__strategy=demo)
    assert posts.filter(parent=None).count() == 6
    assert posts.exclude(parent=None).count() == 4
    assert {p.status for p in posts} == {"published", "hidden", "pending"}
    members = set(
        demo.sounding_board.participants.filter(status="member").values_list("person", flat=True)
    )
    assert {p.author_id for p in posts} <= members


def test_the_demo_has_20_statements_with_votes_from_about_150_people_of_5_kinds(demo):
    statements = Statement.objects.filter(strategy=demo)
    votes = Vote.objects.filter(statement__strategy=demo)
    voters = votes.values("person").distinct()
    kinds = set(votes.values_list("person__organisation__kind", flat=True))

    assert statements.count() == 20
    assert statements.filter(kind="participant", status="pending").count() == 1
    assert statements.filter(status="hidden").exclude(moderation_reason="").count() == 1
    assert set(statements.values_list("kind", flat=True)) == {
        "intervention",
        "narrative",
        "participant",
    }
    assert statements.filter(priority__isnull=False).values("priority").distinct().count() == 9
    assert 145 <= voters.count() <= 160
    assert len(kinds - {None}) >= 5
    assert all(s.is_illustrative for s in statements)
    # Only published statements have votes, and only members vote.
    assert not votes.exclude(statement__status="published").exists()
    members = set(Participant.objects.filter(status="member").values_list("person_id", flat=True))
    assert set(votes.values_list("person_id", flat=True)) <= members


def test_the_demo_statements_range_from_broadly_agreed_to_divisive_by_type(demo):
    shares: dict[str, dict[str, float]] = {}
    for statement in Statement.objects.filter(strategy=demo, status="published"):
        by_kind: dict[str, Counter[str]] = {}
        for kind, choice in statement.votes.values_list("person__organisation__kind", "choice"):
            by_kind.setdefault(kind or "none", Counter())[choice] += 1
        shares[statement.key] = {
            kind: counter["agree"] / sum(counter.values())
            for kind, counter in by_kind.items()
            if sum(counter.values()) >= 5
        }
    overall = [min(by_kind.values()) for by_kind in shares.values()]
    spread = [max(by_kind.values()) - min(by_kind.values()) for by_kind in shares.values()]

    assert sum(low >= 0.6 for low in overall) >= 3  # agreed by every kind
    assert sum(gap >= 0.5 for gap in spread) >= 3  # one kind for, another against


def test_the_sounding_board_demo_login_is_a_member(demo):
    logins = {login.role: login for login in demo_logins_create(path=DEMO_SCENARIO)}
    user = User.objects.get(email=logins["Sounding board member"].email)

    assert user.email == "chloe.marsden@example.org"
    assert is_sounding_board_member(user, demo)


@pytest.mark.django_db
def test_the_generated_scenario_scales_the_sounding_board():
    def counts(scale: int) -> dict[str, int]:
        document = scenario_generate(scale=scale)
        report = scenario_load_data(data=copy.deepcopy(document), source=f"x{scale}")
        return {
            label: report.counts[label]["created"]
            for label in ("participants", "documents", "paragraphs", "paragraph versions",
                          "comments", "reactions", "statements", "votes", "evidence items",
                          "discussions", "posts")
        }  # fmt: skip

    once, twice = counts(1), counts(2)

    assert all(once.values())
    assert twice == {label: 2 * count for label, count in once.items()}
