"""Public pages of reaction windows: the documents, paragraph by paragraph, and taking part.

Anyone may read a document once its window has opened (engagement.view_document); members of
the sounding board comment, reply, react and report while it is open. Everything works without
JavaScript: each paragraph has its own form, and replies and reports have their own pages.
"""

from __future__ import annotations

import os
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from convenor.core import clock
from convenor.engagement import documents_selectors as selectors
from convenor.engagement import documents_services as services
from convenor.engagement.choices import ContentStatus
from convenor.engagement.documents_forms import CommentForm, FlagForm
from convenor.engagement.models import Comment, Document, Paragraph
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import paginate

COMMENTS_PER_PAGE = 50


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _document(request: HttpRequest, slug: str, pk: int) -> Document:
    strategy = _strategy_or_404(request, slug)
    document = selectors.document_get(strategy=strategy, pk=pk)
    if document is None:
        raise Http404("No such document.")
    if not request.user.has_perm("engagement.view_document", document):
        raise PermissionDenied("This document is not open for reading yet.")
    return document


def join_url(strategy: Strategy) -> str | None:
    """Where to join the sounding board, if the joining pages exist yet."""
    for args in ([strategy.slug], []):
        try:
            return reverse("joining:join", args=args)
        except NoReverseMatch:
            continue
    return None


def _crumbs(document: Document | None, strategy: Strategy) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        ("Documents", reverse("documents:document_list", args=[strategy.slug])),
    ]
    if document is not None:
        crumbs.append((document.title, detail_url(document)))
    return crumbs


def detail_url(document: Document, anchor: str = "") -> str:
    """A document's public page, at an anchor if given."""
    url = reverse("documents:document_detail", args=[document.strategy.slug, document.pk])
    return f"{url}#{anchor}" if anchor else url


def _window(document: Document) -> dict[str, Any]:
    now = clock.now()
    is_open = (
        document.opens_at is not None
        and document.opens_at <= now
        and (document.closes_at is None or now < document.closes_at)
    )
    return {
        "is_open": is_open,
        "is_closed": document.closes_at is not None and now >= document.closes_at,
    }


def _reader(request: HttpRequest, document: Document) -> dict[str, Any]:
    user = request.user
    participant = selectors.participant_of(user=user, strategy=document.strategy)
    person = participant.person if participant is not None else selectors.person_of(user)
    return {
        "person": person,
        "participant": participant,
        "is_moderator": user.has_perm("engagement.moderate"),
        "can_comment": user.has_perm("engagement.comment_on_document", document),
        "can_react": user.has_perm("engagement.react_to_document", document),
        "can_flag": user.has_perm("engagement.flag_comment", document.strategy)
        and _window(document)["is_open"],
    }


def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A strategy's documents whose window has opened, open ones first."""
    strategy = _strategy_or_404(request, slug)
    documents = selectors.document_public_list(strategy=strategy, now=clock.now())
    return render(
        request,
        "engagement/documents/document_list.html",
        {
            "page_title": f"Documents open for comment: {strategy.name}",
            "breadcrumbs": [*_crumbs(None, strategy)[:-1], ("Documents", None)],
            "strategy": strategy,
            "documents": documents,
        },
    )


def document_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A document paragraph by paragraph, with comments, reactions and (while open) forms."""
    document = _document(request, slug, pk)
    reader = _reader(request, document)
    paragraphs = selectors.document_paragraph_views(
        document=document, person=reader["person"], is_moderator=reader["is_moderator"]
    )
    return render(
        request,
        "engagement/documents/document_detail.html",
        {
            "page_title": document.title,
            "breadcrumbs": _crumbs(None, document.strategy),
            "strategy": document.strategy,
            "document": document,
            "research": document.evidence_item,
            "research_file_name": (
                os.path.basename(document.evidence_item.file.name or "")
                if document.evidence_item and document.evidence_item.file
                else ""
            ),
            "paragraphs": paragraphs,
            "first_comments": selectors.FIRST_COMMENTS,
            "join_url": join_url(document.strategy),
            **_window(document),
            **reader,
        },
    )


def research_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The file of the research a window asks comments on, once the window has opened.

    Anything else is "not found", so nobody learns of research before its window opens.
    """
    strategy = _strategy_or_404(request, slug)
    document = selectors.document_get(strategy=strategy, pk=pk)
    if (
        document is None
        or document.evidence_item is None
        or not document.evidence_item.file
        or document.opens_at is None
        or document.opens_at > clock.now()
        or not request.user.has_perm("engagement.view_document", document)
        # The item may have been made partners- or staff-only since the window opened.
        or not request.user.has_perm("evidence.view_evidenceitem", document.evidence_item)
    ):
        raise Http404("No such file.")
    item_file = document.evidence_item.file
    try:
        handle = item_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing.") from missing
    return FileResponse(
        handle, as_attachment=True, filename=os.path.basename(item_file.name or "research")
    )


def _paragraph(document: Document, paragraph_pk: int) -> Paragraph:
    paragraph = selectors.paragraph_get(document=document, pk=paragraph_pk)
    if paragraph is None:
        raise Http404("No such paragraph.")
    versions = list(paragraph.versions.all())
    paragraph.current_version = versions[-1] if versions else None  # type: ignore[attr-defined]
    return paragraph


def paragraph_comments(request: HttpRequest, slug: str, pk: int, paragraph_pk: int) -> HttpResponse:
    """Every comment on one paragraph, a page at a time."""
    document = _document(request, slug, pk)
    paragraph = _paragraph(document, paragraph_pk)
    reader = _reader(request, document)
    page = paginate(
        request,
        selectors.paragraph_comments(
            paragraph=paragraph, person=reader["person"], is_moderator=reader["is_moderator"]
        ),
        per_page=COMMENTS_PER_PAGE,
    )
    comments = list(page["object_list"])
    selectors.comments_decorate(
        comments, paragraph=paragraph, person=reader["person"], is_moderator=reader["is_moderator"]
    )
    return render(
        request,
        "engagement/documents/paragraph_comments.html",
        {
            "page_title": f"Comments on paragraph {paragraph.order}: {document.title}",
            "breadcrumbs": _crumbs(document, document.strategy),
            "document": document,
            "paragraph": paragraph,
            **page,
            "comments": comments,
            "pagination_label": "Pages of comments",
            **_window(document),
            **reader,
        },
    )


def _taking_part(
    request: HttpRequest, document: Document, rule: str, obj: Any
) -> Person | HttpResponse:
    """The person taking part, or the response that stops them (sign in, or 403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(rule, obj):
        raise PermissionDenied(
            "Only members of the sounding board can take part while the window is open."
        )
    participant = selectors.participant_of(user=request.user, strategy=document.strategy)
    if participant is None:
        raise PermissionDenied("Only members of the sounding board can take part.")
    return participant.person


def _limit_page(
    request: HttpRequest,
    *,
    document: Document,
    error: services.PostingLimitReached,
    text: str,
    action_url: str,
) -> HttpResponse:
    return render(
        request,
        "engagement/includes/posting_limit.html",
        {
            "page_title": "You are posting too quickly",
            "back_title": document.title,
            "retry_at": error.retry_at,
            "limit": services.POSTING_LIMIT,
            "form": CommentForm(initial={"text": text}),
            "action_url": action_url,
            "back_url": detail_url(document),
        },
        status=429,
    )


def comment_create(request: HttpRequest, slug: str, pk: int, paragraph_pk: int) -> HttpResponse:
    """Comment on a paragraph: its own page (the document page's forms post here too)."""
    document = _document(request, slug, pk)
    paragraph = _paragraph(document, paragraph_pk)
    person = _taking_part(request, document, "engagement.comment_on_document", document)
    if isinstance(person, HttpResponse):
        return person
    if paragraph.is_removed or paragraph.current_version is None:  # type: ignore[attr-defined]
        raise PermissionDenied("This paragraph was taken out of the text.")
    label = f"Comment on paragraph {paragraph.order}"
    form = CommentForm(request.POST or None, label=label)
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_create(
                author=person,
                version=paragraph.current_version,  # type: ignore[attr-defined]
                text=form.cleaned_data["text"],
            )
        except services.PostingLimitReached as error:
            return _limit_page(
                request,
                document=document,
                error=error,
                text=form.cleaned_data["text"],
                action_url=request.path,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _posted_message(comment, "comment"))
            return redirect(detail_url(document, f"comment-{comment.pk}"))
    return render(
        request,
        "engagement/documents/comment_form.html",
        {
            "page_title": f"{label}: {document.title}",
            "breadcrumbs": _crumbs(document, document.strategy),
            "document": document,
            "paragraph": paragraph,
            "form": form,
            "submit_label": "Post comment",
            "cancel_url": detail_url(document, f"paragraph-{paragraph.order}"),
        },
    )


def _posted_message(comment: Comment, what: str) -> str:
    if comment.status == ContentStatus.PENDING:
        return (
            f"Thank you: your {what} is waiting for moderation. You can see it; others will "
            "once a moderator approves it."
        )
    return f"Thank you: your {what} is published."


def _comment(document: Document, comment_pk: int) -> Comment:
    comment = selectors.comment_get(document=document, pk=comment_pk)
    if comment is None:
        raise Http404("No such comment.")
    return comment


def reply_create(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """Reply to a published comment (replies are one level deep)."""
    document = _document(request, slug, pk)
    comment = _comment(document, comment_pk)
    if comment.parent_id is not None:
        comment = _comment(document, comment.parent_id)
    if comment.status != ContentStatus.PUBLISHED:
        raise Http404("No such comment.")
    person = _taking_part(request, document, "engagement.comment_on_document", document)
    if isinstance(person, HttpResponse):
        return person
    form = CommentForm(request.POST or None, label="Your reply")
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.reply_create(
                author=person, parent=comment, text=form.cleaned_data["text"]
            )
        except services.PostingLimitReached as error:
            return _limit_page(
                request,
                document=document,
                error=error,
                text=form.cleaned_data["text"],
                action_url=request.path,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _posted_message(reply, "reply"))
            return redirect(detail_url(document, f"comment-{reply.pk}"))
    name_shown = (
        comment.author.participations.filter(sounding_board__strategy=document.strategy)
        .values_list("name_shown", flat=True)
        .first()
    )
    return render(
        request,
        "engagement/documents/reply_form.html",
        {
            "page_title": f"Reply to a comment: {document.title}",
            "breadcrumbs": _crumbs(document, document.strategy),
            "document": document,
            "comment": comment,
            "author_shown": selectors.shown_name(comment.author, name_shown),
            "form": form,
            "submit_label": "Post reply",
            "cancel_url": detail_url(document, f"comment-{comment.pk}"),
        },
    )


@require_POST
def react(request: HttpRequest, slug: str, pk: int, paragraph_pk: int) -> HttpResponse:
    """Support or concern on a paragraph: set, change, or remove (kind "remove")."""
    document = _document(request, slug, pk)
    paragraph = _paragraph(document, paragraph_pk)
    person = _taking_part(request, document, "engagement.react_to_document", document)
    if isinstance(person, HttpResponse):
        return person
    kind = request.POST.get("kind", "")
    try:
        services.reaction_set(
            person=person, paragraph=paragraph, kind=None if kind == "remove" else kind
        )
    except ValidationError:
        messages.error(request, "Choose Support or Concern.")
    else:
        if kind == "remove":
            messages.success(request, f"Your reaction to paragraph {paragraph.order} is removed.")
        else:
            messages.success(request, f"You now show {kind} for paragraph {paragraph.order}.")
    return redirect(detail_url(document, f"paragraph-{paragraph.order}"))


def flag(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """Report a comment to the moderators, saying why if you wish."""
    document = _document(request, slug, pk)
    comment = _comment(document, comment_pk)
    if comment.status != ContentStatus.PUBLISHED:
        raise Http404("No such comment.")
    person = _taking_part(request, document, "engagement.flag_comment", comment)
    if isinstance(person, HttpResponse):
        return person
    if not _window(document)["is_open"]:
        # After the window closes everything stays readable, with no forms.
        raise PermissionDenied("This window is closed.")
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, created = services.comment_flag(
            person=person, comment=comment, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            "Thank you: a moderator will look at this comment."
            if created
            else "You had already reported this comment: your report is updated.",
        )
        return redirect(detail_url(document, f"comment-{comment.pk}"))
    return render(
        request,
        "engagement/documents/flag_form.html",
        {
            "page_title": f"Report a comment: {document.title}",
            "breadcrumbs": _crumbs(document, document.strategy),
            "document": document,
            "comment": comment,
            "form": form,
            "submit_label": "Report comment",
            "cancel_url": detail_url(document, f"comment-{comment.pk}"),
        },
    )
