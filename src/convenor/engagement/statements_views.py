"""Public statement pages: vote one statement at a time, change votes, submit a statement.

Anyone may read a public strategy's published statements; members of its sounding board vote
(agree, disagree or pass) and submit statements of their own, which wait for moderation. Each
page checks its rule (engagement.permissions): signed-out people are sent to sign in, others
without the right get a 403 page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from convenor.engagement import statements_selectors, statements_services
from convenor.engagement.models import Participant, Statement
from convenor.engagement.statements_forms import StatementSubmitForm, VoteForm
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import paginate


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _crumbs(strategy: Strategy, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        *more,
    ]


def join_url(strategy: Strategy) -> str | None:
    """Where to join the sounding board, once the joining pages exist."""
    try:
        return reverse("joining:join", args=[strategy.slug])
    except NoReverseMatch:
        return None


def _member_or_deny(request: HttpRequest, strategy: Strategy, rule: str) -> Participant:
    """The signed-in member taking part; signed-out people go to sign in, others get 403."""
    if not request.user.is_authenticated:
        raise _SignIn
    if not request.user.has_perm(rule, strategy):
        raise PermissionDenied("Only members of the sounding board can do this.")
    participant = statements_selectors.member_for(user=request.user, strategy=strategy)
    if participant is None:
        raise PermissionDenied("Only members of the sounding board can do this.")
    return participant


class _SignIn(Exception):
    """The page needs a signed-in person."""


def _vote_page(
    request: HttpRequest,
    strategy: Strategy,
    participant: Participant,
    *,
    statement: Statement | None = None,
    form: VoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person = participant.person
    if statement is None:
        statement = statements_selectors.statement_next(strategy=strategy, person=person)
    progress = statements_selectors.voting_progress(strategy=strategy, person=person)
    return render(
        request,
        "engagement/statements/vote.html",
        {
            "page_title": f"Vote on statements: {strategy.name}"
            if statement
            else f"You have voted on every statement: {strategy.name}",
            "breadcrumbs": _crumbs(strategy, ("Statements", None)),
            "strategy": strategy,
            "statement": statement,
            "progress": progress,
            "form": form,
        },
        status=status,
    )


def vote(request: HttpRequest, slug: str) -> HttpResponse:
    """A member's next statement to vote on; to anyone else, the published statements."""
    strategy = _strategy_or_404(request, slug)
    participant = statements_selectors.member_for(user=request.user, strategy=strategy)
    if participant is not None and request.user.has_perm("engagement.submit_statement", strategy):
        return _vote_page(request, strategy, participant)
    return render(
        request,
        "engagement/statements/statement_list.html",
        {
            "page_title": f"Statements: {strategy.name}",
            "breadcrumbs": _crumbs(strategy, ("Statements", None)),
            "strategy": strategy,
            "join_url": join_url(strategy),
            **paginate(request, statements_selectors.statements_published(strategy=strategy)),
        },
    )


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
def vote_cast(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record or change the member's vote on one statement, then show the next."""
    strategy = _strategy_or_404(request, slug)
    vote_url = reverse("statements:vote", args=[strategy.slug])
    if not request.user.is_authenticated:
        return redirect_to_login(vote_url)
    statement = statements_selectors.statements_published(strategy=strategy).filter(pk=pk).first()
    if statement is None:
        raise Http404("No such statement, or it is no longer open to votes.")
    if not request.user.has_perm("engagement.vote_on_statement", statement):
        raise PermissionDenied("Only members of the sounding board can vote.")
    participant = statements_selectors.member_for(user=request.user, strategy=strategy)
    if participant is None:
        raise PermissionDenied("Only members of the sounding board can vote.")
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            cast = statements_services.vote_cast(
                statement=statement, person=participant.person, choice=form.cleaned_data["choice"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your vote is recorded: {cast.get_choice_display()}.")
            return redirect(_next_url(request, vote_url))
    return _vote_page(request, strategy, participant, statement=statement, form=form, status=400)


def my_votes(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's votes, each changeable, and the statements they submitted."""
    strategy = _strategy_or_404(request, slug)
    try:
        participant = _member_or_deny(request, strategy, "engagement.submit_statement")
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    person = participant.person
    page = paginate(request, statements_selectors.votes_of(strategy=strategy, person=person))
    return render(
        request,
        "engagement/statements/my_votes.html",
        {
            "page_title": f"Your votes and statements: {strategy.name}",
            "breadcrumbs": _crumbs(
                strategy,
                ("Statements", reverse("statements:vote", args=[strategy.slug])),
                ("Your votes", None),
            ),
            "strategy": strategy,
            "choices": VoteForm.base_fields["choice"].choices,  # type: ignore[attr-defined]
            "submitted": list(
                statements_selectors.statements_submitted_by(strategy=strategy, person=person)
            ),
            **page,
        },
    )


def _limit_page(
    request: HttpRequest,
    strategy: Strategy,
    error: statements_services.PostingLimitReached,
    text: str,
) -> HttpResponse:
    response = render(
        request,
        "engagement/statements/limit.html",
        {
            "page_title": "You have submitted a lot of statements at once",
            "breadcrumbs": _crumbs(
                strategy, ("Statements", reverse("statements:vote", args=[strategy.slug]))
            ),
            "strategy": strategy,
            "retry_at": error.retry_at,
            "text": text,
            "limit": statements_services.SUBMISSION_LIMIT,
            "window_minutes": int(statements_services.SUBMISSION_WINDOW.total_seconds() // 60),
        },
        status=429,
    )
    seconds = max(1, int((error.retry_at - timezone.now()).total_seconds()))
    response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    """A member submits a statement of their own; it waits for moderation."""
    strategy = _strategy_or_404(request, slug)
    try:
        participant = _member_or_deny(request, strategy, "engagement.submit_statement")
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    form = StatementSubmitForm(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        try:
            statements_services.statement_submit(
                participant=participant,
                text=form.cleaned_data["text"],
                priority=form.cleaned_data["priority"],
            )
        except statements_services.PostingLimitReached as limit:
            return _limit_page(request, strategy, limit, form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you: your statement is waiting for moderation. It is shown to others "
                "once a moderator publishes it.",
            )
            return redirect(reverse("statements:my_votes", args=[strategy.slug]) + "#submitted")
    return render(
        request,
        "engagement/statements/submit.html",
        {
            "page_title": "Submit a statement",
            "breadcrumbs": _crumbs(
                strategy,
                ("Statements", reverse("statements:vote", args=[strategy.slug])),
                ("Submit a statement", None),
            ),
            "strategy": strategy,
            "form": form,
            "submit_label": "Submit statement",
            "cancel_url": reverse("statements:vote", args=[strategy.slug]),
        },
    )
