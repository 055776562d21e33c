"""Panels that apps higher up the dependency order contribute to pages of apps lower down.

The staff home belongs to the strategy app, yet shows what later apps know (meetings whose
papers are due, overdue actions). Rather than strategy importing them, each app registers a
panel in its AppConfig.ready(); the page renders every panel registered for its slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A template and the context to render it with."""

    template_name: str
    context: dict[str, Any]


# Called as factory(request, **context): the page owning the slot may pass what it shows (the
# body page passes body=...); the staff home passes nothing.
PanelFactory = Callable[..., Panel | None]

_registry: dict[str, list[PanelFactory]] = {}


def panel_register(*, slot: str, factory: PanelFactory) -> None:
    """Add `factory` to `slot`; it is called per request and returns a Panel or None (nothing)."""
    factories = _registry.setdefault(slot, [])
    if factory not in factories:
        factories.append(factory)


def panels_for(*, slot: str, request: HttpRequest, **context: Any) -> list[Panel]:
    """The panels to show in `slot` for this request, in the order they were registered.

    Keyword arguments go to every factory of the slot (the body page passes `body=`).
    """
    panels = (factory(request, **context) for factory in _registry.get(slot, []))
    return [panel for panel in panels if panel is not None]
