"""Staff pages of reaction windows: documents, their text and revisions, counts, moderation.

Each view checks its rule (engagement.permissions), parses a form and calls one service. The hub
shows a document paragraph by paragraph with its counts; the queue lists what waits for a
moderator, oldest first.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.core import clock
from convenor.core.panels import Panel
from convenor.engagement import documents_selectors as selectors
from convenor.engagement import documents_services as services
from convenor.engagement import sharing, statements_selectors
from convenor.engagement.choices import ContentStatus
from convenor.engagement.documents_forms import (
    DocumentCreateForm,
    DocumentDetailsForm,
    DocumentReviseForm,
    ModerateForm,
    ResearchWindowForm,
)
from convenor.engagement.models import Comment, Document
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem
from convenor.evidence.selectors import evidence_item_get
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyDocumentsPage(StaffPage):
    """A staff page about the documents of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("documents_staff:document_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Documents", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class DocumentList(StrategyDocumentsPage):
    """A strategy's documents with their windows and comment counts."""

    permission_required = "engagement.change_document"
    template_name = "engagement/documents/staff/document_list.html"

    def get_page_title(self) -> str:
        return f"Documents of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Documents", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "documents": list(selectors.document_staff_list(strategy=self.strategy)),
            "moderation": selectors.moderation_counts(strategy=self.strategy),
            "now": clock.now(),
        }


class DocumentCreate(StrategyDocumentsPage, StaffFormPage):
    """Open a draft document for reactions: details, window, moderation and text."""

    permission_required = "engagement.add_document"
    form_class = DocumentCreateForm
    page_title = "Add a document"
    submit_label = "Add document"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy}

    def save(self, form: BaseForm) -> Document:
        return services.document_create(
            actor=self.request.user,
            strategy=self.strategy,
            text=form.cleaned_data["text"],
            **form.document_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Document) -> str:
        return f"Added {saved}."

    def success_url(self, saved: Document) -> str:
        return reverse("documents_staff:document_hub", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return self.list_url()


class ResearchWindowCreate(StrategyDocumentsPage, StaffFormPage):
    """Open research for comments: staff set the window; the item gives the rest."""

    permission_required = "engagement.add_document"
    form_class = ResearchWindowForm
    submit_label = "Open for comments"
    template_name = "engagement/documents/staff/research_window_create.html"
    item: EvidenceItem

    def load(self) -> None:
        super().load()
        item = evidence_item_get(strategy=self.strategy, pk=self.kwargs["item_pk"])
        if item is None:
            raise Http404("No such evidence item.")
        self.item = item

    def get_page_title(self) -> str:
        return f"Open {self.item.title} for comments"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs()[:-1],
            ("Evidence", reverse("evidence_staff:item_list", args=[self.strategy.slug])),
            (
                self.item.title,
                reverse("evidence_staff:item_detail", args=[self.strategy.slug, self.item.pk]),
            ),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "item": self.item,
            "paragraph_count": len(services.research_paragraphs(self.item.summary)),
            "priorities": list(self.item.priorities.all()),
        }

    def save(self, form: BaseForm) -> Document:
        return services.research_window_open(
            actor=self.request.user,
            item=self.item,
            **form.window_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Document) -> str:
        return f"Opened {saved} for comments."

    def success_url(self, saved: Document) -> str:
        return reverse("documents_staff:document_hub", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return reverse("evidence_staff:item_detail", args=[self.strategy.slug, self.item.pk])


def research_windows_panel(request: HttpRequest, *, item: EvidenceItem) -> Panel | None:
    """An evidence item's comment windows with their counts, and a button to open one (staff)."""
    if not request.user.has_perm("engagement.change_document"):
        return None
    return Panel(
        template_name="engagement/documents/staff/research_windows_panel.html",
        context={
            "item": item,
            "windows": list(selectors.research_windows(item=item)),
            "can_open": request.user.has_perm("engagement.add_document"),
            "is_public": item.visibility == Visibility.PUBLIC,
            "now": clock.now(),
        },
    )


def share_for(request: HttpRequest, document: Document) -> sharing.ShareSuggestion:
    """The LinkedIn share link and suggested post for a document's public page."""
    url = request.build_absolute_uri(
        reverse("documents:document_detail", args=[document.strategy.slug, document.pk])
    )
    invitation = (
        "Tell us what you make of this research"
        if document.evidence_item_id
        else "Have your say on our draft"
    )
    return sharing.share_suggestion(
        url=url,
        invitation=invitation,
        title=document.title,
        strategy_name=document.strategy.name,
        closes_at=document.closes_at,
    )


class DocumentPage(StrategyDocumentsPage):
    """A staff page about one document."""

    document: Document

    def load(self) -> None:
        super().load()
        self.document = get_object_or_404(
            Document.objects.select_related("strategy", "evidence_item"),
            strategy=self.strategy,
            pk=self.kwargs["pk"],
        )

    def permission_object(self) -> Model:
        return self.document

    def hub_url(self) -> str:
        return reverse("documents_staff:document_hub", args=[self.strategy.slug, self.document.pk])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.document.title, self.hub_url())]

    def success_url(self, *args: Any) -> str:
        return self.hub_url()

    def cancel_url(self) -> str:
        return self.hub_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "document": self.document}


class DocumentHub(DocumentPage):
    """One document paragraph by paragraph, with comment, reaction and flag counts."""

    permission_required = "engagement.change_document"
    template_name = "engagement/documents/staff/document_hub.html"

    def get_page_title(self) -> str:
        return self.document.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.document.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        rows = selectors.document_hub_counts(document=self.document)
        now = clock.now()
        is_closed = self.document.closes_at is not None and self.document.closes_at <= now
        # Shared while open or about to open: a window without dates is not public yet.
        shareable = self.document.opens_at is not None and not is_closed
        return {
            **super().extra_context_data(),
            "rows": rows,
            "totals": {
                name: sum(getattr(row, name) for row in rows)
                for name in ("published", "pending", "hidden", "support", "concern", "flags")
            },
            "announced": services.document_was_announced(document=self.document),
            "has_opened": self.document.opens_at is not None and self.document.opens_at <= now,
            "is_closed": is_closed,
            "share": share_for(self.request, self.document) if shareable else None,
            "priorities": list(self.document.priorities.all()),
            "public_url": reverse(
                "documents:document_detail", args=[self.strategy.slug, self.document.pk]
            ),
        }


class DocumentEdit(DocumentPage, StaffFormPage):
    """Change a document's details, window and moderation (not its text)."""

    permission_required = "engagement.change_document"
    form_class = DocumentDetailsForm
    submit_label = "Save document"

    def get_page_title(self) -> str:
        return f"Edit {self.document.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return DocumentDetailsForm(strategy=self.strategy, document=self.document)
        return DocumentDetailsForm(data=data, strategy=self.strategy)

    def save(self, form: BaseForm) -> Document:
        services.document_update(
            actor=self.request.user,
            document=self.document,
            **form.document_data(),  # type: ignore[attr-defined]
        )
        return self.document

    def delete_url(self) -> str:
        return reverse(
            "documents_staff:document_delete", args=[self.strategy.slug, self.document.pk]
        )


class DocumentRevise(DocumentPage, StaffFormPage):
    """Revise the text: changed paragraphs get a new version, comments stay where they were made."""

    permission_required = "engagement.change_document"
    form_class = DocumentReviseForm
    submit_label = "Save the revised text"
    template_name = "engagement/documents/staff/document_revise.html"

    def get_page_title(self) -> str:
        return f"Revise the text of {self.document.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return DocumentReviseForm(
                initial={"text": selectors.document_text(document=self.document)}
            )
        return DocumentReviseForm(data=data)

    def save(self, form: BaseForm) -> services.RevisionResult:
        return services.document_revise(
            actor=self.request.user, document=self.document, text=form.cleaned_data["text"]
        )

    def success_message(self, saved: services.RevisionResult) -> str:
        return (
            f"Revised: {saved.changed} paragraphs changed, {saved.unchanged} unchanged, "
            f"{saved.added} added, {saved.removed} taken out. Comments stay on the versions "
            "they were made on."
        )


class DocumentDelete(DocumentPage, StaffDeletePage):
    """Delete a document nobody has commented on."""

    permission_required = "engagement.delete_document"
    template_name = "engagement/documents/staff/document_delete.html"

    def target(self) -> Document:
        return self.document

    def extra_context_data(self) -> dict[str, Any]:
        has_comments = Comment.objects.filter(version__paragraph__document=self.document).exists()
        return {**super().extra_context_data(), "has_comments": has_comments}

    def delete(self) -> None:
        services.document_delete(actor=self.request.user, document=self.document)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.hub_url())

    def success_url(self) -> str:
        return self.list_url()


class DocumentAnnounce(DocumentPage):
    """POST: email members who follow the document's priorities that its window is open."""

    permission_required = "engagement.change_document"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            sent = services.document_announce(actor=request.user, document=self.document)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            skipped = (
                f" ({len(sent.skipped)} not emailed: opted out, erased or no address)"
                if sent.skipped
                else ""
            )
            messages.success(
                request, f"Announced the window to {len(sent.recipients)} members{skipped}."
            )
        return redirect(self.hub_url())


class ModerationQueue(StrategyDocumentsPage):
    """Comments and discussion posts waiting for moderation or reported, oldest first."""

    permission_required = "engagement.moderate"
    template_name = "engagement/documents/staff/moderation_queue.html"

    def get_permission_object(self) -> Model | None:
        return None

    def get_page_title(self) -> str:
        return f"Moderation of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Moderation", None)]

    def extra_context_data(self) -> dict[str, Any]:
        # Comments and discussion posts in one queue (discussions are moderated the same way).
        items = selectors.moderation_items(strategy=self.strategy)
        return {
            **super().extra_context_data(),
            "counts": selectors.moderation_counts(strategy=self.strategy, items=items),
            # Submitted statements are moderated one by one from the statements list.
            "statements_pending": statements_selectors.pending_count(strategy=self.strategy),
            **paginate(self.request, items),
            "pagination_label": "Pages of the moderation queue",
        }


class CommentModerate(StrategyDocumentsPage, StaffFormPage):
    """Publish, hide with a reason, restore or note one comment; each is in the audit trail."""

    permission_required = "engagement.moderate"
    form_class = ModerateForm
    submit_label = "Save"
    template_name = "engagement/documents/staff/comment_moderate.html"
    comment: Comment

    def load(self) -> None:
        super().load()
        comment = selectors.comment_for_moderation(strategy=self.strategy, pk=self.kwargs["pk"])
        if comment is None:
            raise Http404("No such comment.")
        self.comment = comment

    def get_permission_object(self) -> Model | None:
        return None

    def get_page_title(self) -> str:
        return "Moderate a comment"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs(),
            ("Moderation", reverse("documents_staff:moderation_queue", args=[self.strategy.slug])),
        ]

    def actions(self) -> list[str]:
        status = self.comment.status
        names = {
            ContentStatus.PENDING: [services.PUBLISH, services.HIDE],
            ContentStatus.PUBLISHED: [services.HIDE],
            ContentStatus.HIDDEN: [services.RESTORE],
        }[ContentStatus(status)]
        if any(flag.resolved_at is None for flag in self.comment.flags.all()):
            names.append(services.DISMISS_FLAGS)
        return [*names, services.NOTE]

    def get_form(self, data: Any = None) -> BaseForm:
        initial = {"note": self.comment.moderator_note, "reason": self.comment.moderation_reason}
        return ModerateForm(data=data, initial=initial, actions=self.actions())

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "comment": self.comment,
            "flags": list(self.comment.flags.all()),
            "document": self.comment.version.paragraph.document,
        }

    def save(self, form: BaseForm) -> Comment:
        data = form.cleaned_data
        return services.comment_moderate(
            actor=self.request.user,
            comment=self.comment,
            action=data["action"],
            reason=data["reason"],
            note=data["note"],
        )

    def success_message(self, saved: Comment) -> str:
        return f"Saved. The comment is now {saved.get_status_display().lower()}."

    def success_url(self, saved: Comment) -> str:
        return reverse("documents_staff:moderation_queue", args=[self.strategy.slug])

    def cancel_url(self) -> str:
        return reverse("documents_staff:moderation_queue", args=[self.strategy.slug])
