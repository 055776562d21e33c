"""Announcements from apps lower in the dependency order to apps higher up, after commit.

Engagement records what partners say; insight, higher up, recomputes themes and opinion groups
when something new is said. Rather than engagement importing insight, insight subscribes in its
AppConfig.ready() and engagement's services announce; handlers run once the transaction commits,
so a rolled-back write announces nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db import transaction

# Something new was said (a contribution, comment or post) or voted on, in a strategy.
SAID = "said"
VOTED = "voted"

Handler = Callable[..., None]

_handlers: dict[str, list[Handler]] = {}


def event_subscribe(*, name: str, handler: Handler) -> None:
    """Call `handler(**payload)` after the commit of every announcement of `name`."""
    handlers = _handlers.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def event_announce(*, name: str, **payload: Any) -> None:
    """Announce `name` to its subscribers once the current transaction commits."""
    for handler in _handlers.get(name, []):
        transaction.on_commit(functools.partial(handler, **payload))
