"""Sharing an open window or a workshop on LinkedIn: the share link and a suggested post.

LinkedIn's share link takes only the address of the page (it reads the page's title itself), so
the words of the post are suggested to staff to copy in: what we ask, until when, and where.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.formats import date_format

LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/"


@dataclass(frozen=True)
class ShareSuggestion:
    """What staff need to share a page on LinkedIn: the page, the share link, the post text."""

    url: str
    linkedin_url: str
    text: str


def linkedin_share_url(url: str) -> str:
    """LinkedIn's link that opens a new post sharing the page at `url`."""
    return f"{LINKEDIN_SHARE}?{urlencode({'url': url})}"


def share_suggestion(
    *,
    url: str,
    invitation: str,
    title: str,
    strategy_name: str,
    closes_at: datetime.datetime | None = None,
    closes_label: str = "Open until",
) -> ShareSuggestion:
    """A post inviting people to a page: what we ask, on what, until when, and the address.

    `invitation` is the first sentence in our voice ("Have your say on our draft"), `title` what it
    is about; `closes_at`, when given, is shown as a date in London time with `closes_label`.
    """
    lines = [f"{invitation}: {' '.join(title.split())}."]
    if closes_at is not None:
        when = date_format(timezone.localtime(closes_at), "j F Y")
        lines.append(f"{closes_label} {when}.")
    lines.append(
        f"Anyone can join the sounding board of {' '.join(strategy_name.split())} and take part."
    )
    lines.append(url)
    return ShareSuggestion(url=url, linkedin_url=linkedin_share_url(url), text="\n".join(lines))
