"""Values every page template needs: the service name and the strategy the navigation points to."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from convenor import __version__
from convenor.strategy.selectors import strategy_default


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": "Convenor",
        "convenor_version": __version__,
        "as_of": settings.CONVENOR_AS_OF,
        # Lazy, so that pages that do not show the navigation make no query for it.
        "nav_strategy": SimpleLazyObject(strategy_default),
    }
