"""Public pages of discussions: the list, a discussion's threads, and taking part.

Anyone may read a discussion once it has opened (engagement.view_discussion); members of the
sounding board start threads, reply and report posts while it is open. Everything works without
JavaScript: the discussion page has a form to start a thread, and replies and reports have
their own pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from convenor.core import clock
from convenor.engagement import discussions_selectors as selectors
from convenor.engagement import discussions_services as services
from convenor.engagement.choices import ContentStatus
from convenor.engagement.discussions_forms import PostFlagForm, PostForm
from convenor.engagement.documents_services import POSTING_LIMIT
from convenor.engagement.documents_views import join_url
from convenor.engagement.models import Discussion, Post
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import paginate

DISCUSSIONS_PER_PAGE = 20
THREADS_PER_PAGE = 20


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _discussion(request: HttpRequest, slug: str, pk: int) -> Discussion:
    discussion = selectors.discussion_get(strategy=_strategy_or_404(request, slug), pk=pk)
    if discussion is None:
        raise Http404("No such discussion.")
    if not request.user.has_perm("engagement.view_discussion", discussion):
        raise PermissionDenied("This discussion has not opened yet.")
    return discussion


def detail_url(discussion: Discussion, anchor: str = "") -> str:
    """A discussion's public page, at an anchor if given."""
    url = reverse("discussions:discussion_detail", args=[discussion.strategy.slug, discussion.pk])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(strategy: Strategy, discussion: Discussion | None = None) -> list[Any]:
    crumbs: list[tuple[str, str | None]] = [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        ("Discussions", reverse("discussions:discussion_list", args=[strategy.slug])),
    ]
    if discussion is not None:
        crumbs.append((discussion.title, detail_url(discussion)))
    return crumbs


def _reader(request: HttpRequest, discussion: Discussion) -> dict[str, Any]:
    user = request.user
    participant = selectors.participant_of(user=user, strategy=discussion.strategy)
    person = participant.person if participant is not None else selectors.person_of(user)
    state = selectors.window_state(discussion, clock.now())
    return {
        "person": person,
        "participant": participant,
        "is_moderator": user.has_perm("engagement.moderate"),
        "can_post": user.has_perm("engagement.post_in_discussion", discussion),
        "can_flag": state["is_open"] and user.has_perm("engagement.flag_post", discussion),
        "join_url": join_url(discussion.strategy),
        **state,
    }


def discussion_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A strategy's opened discussions, newest first, filtered by priority if asked."""
    strategy = _strategy_or_404(request, slug)
    now = clock.now()
    priorities = selectors.discussion_priorities(strategy=strategy, now=now)
    chosen: Priority | None = next(
        (p for p in priorities if str(p.pk) == request.GET.get("priority", "")), None
    )
    page = paginate(
        request,
        selectors.discussion_public_list(strategy=strategy, now=now, priority=chosen),
        per_page=DISCUSSIONS_PER_PAGE,
    )
    discussions = list(page["object_list"])
    for discussion in discussions:
        discussion.state = selectors.window_state(discussion, now)  # type: ignore[attr-defined]
    return render(
        request,
        "engagement/discussions/discussion_list.html",
        {
            "page_title": f"Discussions: {strategy.name}",
            "breadcrumbs": [*_crumbs(strategy)[:-1], ("Discussions", None)],
            "strategy": strategy,
            "priorities": priorities,
            "chosen": chosen,
            **page,
            "discussions": discussions,
            "pagination_label": "Pages of discussions",
        },
    )


def discussion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The prompt, then the threads oldest first (a page at a time) with their replies."""
    discussion = _discussion(request, slug, pk)
    reader = _reader(request, discussion)
    page = paginate(
        request,
        selectors.threads(
            discussion=discussion, person=reader["person"], is_moderator=reader["is_moderator"]
        ),
        per_page=THREADS_PER_PAGE,
    )
    threads = list(page["object_list"])
    selectors.posts_decorate(threads, person=reader["person"], is_moderator=reader["is_moderator"])
    return render(
        request,
        "engagement/discussions/discussion_detail.html",
        {
            "page_title": discussion.title,
            "breadcrumbs": _crumbs(discussion.strategy),
            "strategy": discussion.strategy,
            "discussion": discussion,
            **page,
            "threads": threads,
            "pagination_label": "Pages of threads",
            "form": PostForm(label="Start a new thread"),
            **reader,
        },
    )


def _taking_part(request: HttpRequest, discussion: Discussion, rule: str) -> Person | HttpResponse:
    """The member taking part, or the response that stops them (sign in, or 403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(rule, discussion):
        raise PermissionDenied(
            "Only members of the sounding board can take part while the discussion is open."
        )
    participant = selectors.participant_of(user=request.user, strategy=discussion.strategy)
    if participant is None:
        raise PermissionDenied("Only members of the sounding board can take part.")
    return participant.person


def _posted_message(post: Post) -> str:
    what = "reply" if post.parent_id else "post"
    if post.status == ContentStatus.PENDING:
        return (
            f"Thank you: your {what} is waiting for moderation. You can see it; others will "
            "once a moderator approves it."
        )
    return f"Thank you: your {what} is published."


def _post_page(
    request: HttpRequest,
    *,
    discussion: Discussion,
    person: Person,
    form: PostForm,
    save: Any,
    context: dict[str, Any],
) -> HttpResponse:
    """Save a valid post with `save(text)`, or show the form (or the posting-limit page)."""
    if request.method == "POST" and form.is_valid():
        try:
            post = save(form.cleaned_data["text"])
        except services.PostingLimitReached as error:
            return render(
                request,
                "engagement/includes/posting_limit.html",
                {
                    "page_title": "You are posting too quickly",
                    "back_title": discussion.title,
                    "retry_at": error.retry_at,
                    "limit": POSTING_LIMIT,
                    "form": PostForm(initial={"text": form.cleaned_data["text"]}),
                    "action_url": request.path,
                    "back_url": detail_url(discussion),
                },
                status=429,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _posted_message(post))
            return redirect(detail_url(discussion, f"post-{post.pk}"))
    return render(
        request,
        "engagement/discussions/post_form.html",
        {
            "breadcrumbs": _crumbs(discussion.strategy, discussion),
            "discussion": discussion,
            "form": form,
            **context,
        },
    )


def thread_start(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Start a thread: its own page (the discussion page's form posts here too)."""
    discussion = _discussion(request, slug, pk)
    person = _taking_part(request, discussion, "engagement.post_in_discussion")
    if isinstance(person, HttpResponse):
        return person
    return _post_page(
        request,
        discussion=discussion,
        person=person,
        form=PostForm(request.POST or None, label="Start a new thread"),
        save=lambda text: services.thread_start(author=person, discussion=discussion, text=text),
        context={
            "page_title": f"Start a thread: {discussion.title}",
            "heading": "Start a new thread",
            "submit_label": "Post",
            "cancel_url": detail_url(discussion),
        },
    )


def _post(discussion: Discussion, post_pk: int) -> Post:
    post = selectors.post_get(discussion=discussion, pk=post_pk)
    if post is None or post.status != ContentStatus.PUBLISHED:
        raise Http404("No such post.")
    selectors.posts_decorate([post], person=None, is_moderator=False)
    return post


def reply_create(request: HttpRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    """Reply within a thread (a reply to a reply answers its thread)."""
    discussion = _discussion(request, slug, pk)
    post = _post(discussion, post_pk)
    person = _taking_part(request, discussion, "engagement.post_in_discussion")
    if isinstance(person, HttpResponse):
        return person
    return _post_page(
        request,
        discussion=discussion,
        person=person,
        form=PostForm(request.POST or None, label="Your reply"),
        save=lambda text: services.reply_create(author=person, parent=post, text=text),
        context={
            "page_title": f"Reply to a post: {discussion.title}",
            "heading": "Reply to a post",
            "quoted": post,
            "submit_label": "Post reply",
            "cancel_url": detail_url(discussion, f"post-{post.pk}"),
        },
    )


def flag(request: HttpRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    """Report a post to the moderators, saying why if you wish."""
    discussion = _discussion(request, slug, pk)
    post = _post(discussion, post_pk)
    person = _taking_part(request, discussion, "engagement.flag_post")
    if isinstance(person, HttpResponse):
        return person
    if not selectors.window_state(discussion, clock.now())["is_open"]:
        # After the discussion closes everything stays readable, with no forms.
        raise PermissionDenied("This discussion is closed.")
    form = PostFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, created = services.post_flag(
            person=person, post=post, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            "Thank you: a moderator will look at this post."
            if created
            else "You had already reported this post: your report is updated.",
        )
        return redirect(detail_url(discussion, f"post-{post.pk}"))
    return render(
        request,
        "engagement/discussions/post_form.html",
        {
            "page_title": f"Report a post: {discussion.title}",
            "breadcrumbs": _crumbs(discussion.strategy, discussion),
            "discussion": discussion,
            "heading": "Report a post to the moderators",
            "quoted": post,
            "is_report": True,
            "form": form,
            "submit_label": "Report post",
            "cancel_url": detail_url(discussion, f"post-{post.pk}"),
        },
    )
