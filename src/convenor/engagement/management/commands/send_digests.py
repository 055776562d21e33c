"""`convenor send_digests`: send the weekly digest to every member who chose it and is due one.

Safe to run daily (or twice): a member is due only once their last digest is a week old.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from convenor.engagement.digest_mail import digests_send
from convenor.engagement.digest_selectors import Digest


def _moment(value: Any) -> str:
    return timezone.localtime(value, timezone=timezone.get_default_timezone()).strftime(
        "%Y-%m-%d %H:%M"
    )


class Command(BaseCommand):
    """Send the weekly sounding board digests that are due."""

    help = "Send the weekly sounding board digest to every member who chose it and is due one."

    def add_arguments(self, parser: CommandParser) -> None:
        """The --dry-run option."""
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would get a digest and what it lists; send and change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Send (or, in a dry run, describe) the digests that are due."""
        dry_run = bool(options["dry_run"])
        run = digests_send(dry_run=dry_run)
        digests = run.would_send if dry_run else run.sent
        verb = "Would send" if dry_run else "Sent"
        for digest in digests:
            self.stdout.write(self._describe(verb, digest))
        for participant, reason in run.skipped:
            self.stdout.write(f"Not emailed (person {participant.person_id}): {reason}")
        for participant in run.failed:
            self.stderr.write(f"Failed (person {participant.person_id}): left for the next run")
        self.stdout.write(
            f"{verb} {len(digests)} digest(s) up to {_moment(run.end)}; "
            f"{len(run.empty)} with nothing new, {len(run.skipped)} not contactable, "
            f"{len(run.failed)} failed."
        )

    def _describe(self, verb: str, digest: Digest) -> str:
        person = digest.participant.person
        lines = [
            f"{verb} to {person.name} <{person.email}> "
            f"({_moment(digest.start)} to {_moment(digest.end)}): {digest.item_count} item(s)"
        ]
        lines += [f"  reply to a comment: {r.place}" for r in digest.comment_replies]
        lines += [f"  reply to a post: {r.place}" for r in digest.post_replies]
        lines += [f"  window opened: {d.title}" for d in digest.documents_opened]
        lines += [f"  discussion opened: {d.title}" for d in digest.discussions_opened]
        lines += [f"  statement published: {s.text}" for s in digest.statements_published]
        lines += [f"  workshop open for sign-up: {a.title}" for a in digest.workshops]
        return "\n".join(lines)
