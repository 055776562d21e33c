"""Pages that belong to no domain app: where to go after signing in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def after_sign_in(request: HttpRequest) -> HttpResponse:
    """Staff go to the staff area; everyone else to the strategy's home page."""
    if request.user.is_staff:
        return redirect("strategy_staff:home")
    return redirect("strategy:home")
