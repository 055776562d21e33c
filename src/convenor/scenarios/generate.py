"""Synthetic scenarios of any size, shaped like the demo, for query-count tests and benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from convenor.scenarios.loader import FORMAT, scenario_check, scenario_read

DEMO_SCENARIO = Path(__file__).resolve().parent / "em3-2019.yaml"


def scenario_generate(*, scale: int) -> dict[str, Any]:
    """A scenario document with `scale` copies of the demo's priorities (with their lines of
    enquiry), bodies (with what they steer and their members), meetings (with their agendas,
    decisions, declarations, invitations and actions), organisations and people, relationships,
    segments (named by copy, since segments are shared by all strategies), activities (with
    their invitations, contributions and follow-ups), the sounding board's participants, documents
    (with their paragraphs, comments and reactions), evidence items, voter lists, statements (with
    their votes), discussions (with their posts and replies), project briefs, indicators (with
    their values), and interventions (with their supporters and lifecycle history).

    Each copy keeps the demo's shape (who sits on which body, which body leads which priority),
    so a page shows the same kinds of rows at every scale. The timetable (stages, milestones) and
    the council areas appear once, under keys of their own, so the document loads beside the demo
    without touching it. A strategy has one sounding board: its participants come from every
    copy. Everything in it is made up and marked illustrative.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    demo = scenario_check(data=scenario_read(path=DEMO_SCENARIO), source=DEMO_SCENARIO.name)
    per_copy = max(priority["number"] for priority in demo["priorities"])

    def area(key: str | None) -> str | None:
        return f"gen-{key}" if key else None

    def copy_of(key: str | None, copy: int) -> str | None:
        return f"g{copy}-{key}" if key else None

    def number(value: int, copy: int) -> int:
        return value + per_copy * (copy - 1)

    copies = range(1, scale + 1)
    board = demo["sounding_board"]
    sounding_board = (
        {
            **board,
            "body": copy_of(board["body"], 1),
            "participants": [
                {**participant, "person": copy_of(participant["person"], copy)}
                for copy in copies
                for participant in board["participants"]
            ],
        }
        if board
        else None
    )
    document: dict[str, Any] = {
        "format": FORMAT,
        "strategy": {
            **demo["strategy"],
            "slug": f"generated-x{scale}",
            "name": f"Generated strategy ({scale} times the demo)",
            "areas": [area(key) for key in demo["strategy"]["areas"]],
            "lead_organisation": copy_of(demo["strategy"]["lead_organisation"], 1),
            "strategy_lead": copy_of(demo["strategy"]["strategy_lead"], 1),
        },
        "areas": [
            {**item, "key": area(item["key"]), "name": f"Generated {item['name']}", "gss_code": ""}
            for item in demo["areas"]
        ],
        "organisations": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "name": f"{item['name']} (copy {copy})",
                "area": area(item["area"]),
                "illustrative": True,
            }
            for copy in copies
            for item in demo["organisations"]
        ],
        "people": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "name": f"{item['name']} (copy {copy})",
                "organisation": copy_of(item["organisation"], copy),
                "email": f"g{copy}.{item['key']}@example.org" if item["email"] else "",
                "linkedin_url": "",
                "illustrative": True,
            }
            for copy in copies
            for item in demo["people"]
        ],
        "stages": [dict(item) for item in demo["stages"]],
        "milestones": [dict(item) for item in demo["milestones"]],
        "priorities": [
            {
                **item,
                "number": number(item["number"], copy),
                "title": f"{item['title']} (copy {copy})",
                "board_sponsor": copy_of(item["board_sponsor"], copy),
                "lead_officer": copy_of(item["lead_officer"], copy),
                "lines_of_enquiry": [dict(line) for line in item["lines_of_enquiry"]],
            }
            for copy in copies
            for item in demo["priorities"]
        ],
        "bodies": [
            {
                **item,
                "slug": copy_of(item["slug"], copy),
                "name": f"{item['name']} (copy {copy})",
                "reports_to": copy_of(item["reports_to"], copy),
                "steers": [number(value, copy) for value in item["steers"]],
                "leads": [number(value, copy) for value in item["leads"]],
                "members": [
                    {
                        **member,
                        "person": copy_of(member["person"], copy),
                        "representing": copy_of(member["representing"], copy),
                    }
                    for member in item["members"]
                ],
            }
            for copy in copies
            for item in demo["bodies"]
        ],
        "meetings": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "body": copy_of(item["body"], copy),
                "joint_bodies": [copy_of(slug, copy) for slug in item["joint_bodies"]],
                "title": f"{item['title']} (copy {copy})",
                "host": copy_of(item["host"], copy),
                "agenda": [
                    {
                        **agenda,
                        "priorities": [number(value, copy) for value in agenda["priorities"]],
                        "presenter": copy_of(agenda["presenter"], copy),
                        "decisions": [dict(decision) for decision in agenda["decisions"]],
                        "declarations": [
                            {**declaration, "person": copy_of(declaration["person"], copy)}
                            for declaration in agenda["declarations"]
                        ],
                    }
                    for agenda in item["agenda"]
                ],
                "invitations": [
                    {**invitation, "person": copy_of(invitation["person"], copy)}
                    for invitation in item["invitations"]
                ],
                "actions": [
                    {**action, "owner": copy_of(action["owner"], copy)}
                    for action in item["actions"]
                ],
            }
            for copy in copies
            for item in demo["meetings"]
        ],
        "relationships": [
            {
                **item,
                "organisation": copy_of(item["organisation"], copy),
                "person": copy_of(item["person"], copy),
                "owner": copy_of(item["owner"], copy),
                "priorities": [number(value, copy) for value in item["priorities"]],
            }
            for copy in copies
            for item in demo["relationships"]
        ],
        # Segments are shared by every strategy in the database, so their names say which copy
        # of which generated scenario they belong to.
        "segments": [
            {
                **item,
                "name": f"{item['name']} (x{scale} copy {copy})",
                "filters": {
                    name: [area(key) for key in value]
                    if name == "area" and isinstance(value, list)
                    else area(value)
                    if name == "area"
                    else value
                    for name, value in item["filters"].items()
                },
            }
            for copy in copies
            for item in demo["segments"]
        ],
        "activities": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "title": f"{item['title']} (copy {copy})",
                "priorities": [number(value, copy) for value in item["priorities"]],
                "host": copy_of(item["host"], copy),
                "body": copy_of(item["body"], copy),
                "invitations": [
                    {**invitation, "person": copy_of(invitation["person"], copy)}
                    for invitation in item["invitations"]
                ],
                "contributions": [
                    {
                        **contribution,
                        "author": copy_of(contribution["author"], copy),
                        "priorities": [number(value, copy) for value in contribution["priorities"]],
                    }
                    for contribution in item["contributions"]
                ],
                "follow_ups": [
                    {**follow_up, "owner": copy_of(follow_up["owner"], copy)}
                    for follow_up in item["follow_ups"]
                ],
            }
            for copy in copies
            for item in demo["activities"]
        ],
        "sounding_board": sounding_board,
        "project_briefs": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "priority": number(item["priority"], copy),
                "title": f"{item['title']} (copy {copy})",
                "illustrative": True,
            }
            for copy in copies
            for item in demo["project_briefs"]
        ],
        "indicators": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "name": f"{item['name']} (copy {copy})",
                "illustrative": True,
            }
            for copy in copies
            for item in demo["indicators"]
        ],
        "evidence_items": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "title": f"{item['title']} (copy {copy})",
                "priorities": [number(value, copy) for value in item["priorities"]],
                "lines_of_enquiry": {
                    number(value, copy): orders
                    for value, orders in item["lines_of_enquiry"].items()
                },
                "brief": copy_of(item["brief"], copy),
                "indicators": [copy_of(key, copy) for key in item["indicators"]],
                "illustrative": True,
            }
            for copy in copies
            for item in demo["evidence_items"]
        ],
        "documents": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "title": f"{item['title']} (copy {copy})",
                "priorities": [number(value, copy) for value in item["priorities"]],
                "evidence_item": copy_of(item["evidence_item"], copy),
                "illustrative": True,
                "paragraphs": [dict(paragraph) for paragraph in item["paragraphs"]],
                "comments": [
                    {
                        **comment,
                        "author": copy_of(comment["author"], copy),
                        "replies": [
                            {**reply, "author": copy_of(reply["author"], copy)}
                            for reply in comment["replies"]
                        ],
                    }
                    for comment in item["comments"]
                ],
                "reactions": [
                    {**reaction, "person": copy_of(reaction["person"], copy)}
                    for reaction in item["reactions"]
                ],
            }
            for copy in copies
            for item in demo["documents"]
        ],
        "voter_lists": [
            {
                "name": copy_of(item["name"], copy),
                "people": [copy_of(key, copy) for key in item["people"]],
            }
            for copy in copies
            for item in demo["voter_lists"]
        ],
        "statements": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "text": f"{item['text']} (copy {copy})",
                "priority": number(item["priority"], copy) if item["priority"] else None,
                "submitted_by": copy_of(item["submitted_by"], copy),
                "illustrative": True,
                "votes": [
                    {**vote, "person": copy_of(vote["person"], copy)} for vote in item["votes"]
                ],
                "voters": copy_of(item["voters"], copy),
            }
            for copy in copies
            for item in demo["statements"]
        ],
        "discussions": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "title": f"{item['title']} (copy {copy})",
                "priority": number(item["priority"], copy) if item["priority"] else None,
                "illustrative": True,
                "posts": [
                    {
                        **post,
                        "author": copy_of(post["author"], copy),
                        "replies": [
                            {**reply, "author": copy_of(reply["author"], copy)}
                            for reply in post["replies"]
                        ],
                    }
                    for post in item["posts"]
                ],
            }
            for copy in copies
            for item in demo["discussions"]
        ],
        "interventions": [
            {
                **item,
                "key": copy_of(item["key"], copy),
                "priority": number(item["priority"], copy),
                "lead_partner": copy_of(item["lead_partner"], copy),
                "evidence": [copy_of(key, copy) for key in item["evidence"]],
                "activities": [copy_of(key, copy) for key in item["activities"]],
                "contributions": {
                    copy_of(key, copy): numbers for key, numbers in item["contributions"].items()
                },
                "statements": [copy_of(key, copy) for key in item["statements"]],
                "compelling_decision": {
                    **item["compelling_decision"],
                    "meeting": copy_of(item["compelling_decision"]["meeting"], copy),
                }
                if item["compelling_decision"]
                else None,
                "illustrative": True,
                "supports": [
                    {**support, "organisation": copy_of(support["organisation"], copy)}
                    for support in item["supports"]
                ],
                "history": [dict(change) for change in item["history"]],
            }
            for copy in copies
            for item in demo["interventions"]
        ],
    }
    return document
