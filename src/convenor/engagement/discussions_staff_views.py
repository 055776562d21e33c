"""Staff pages of discussions: the list, adding and editing, a hub each, announcing, moderating.

Each view checks its rule (engagement.permissions), parses a form and calls one service. The hub
shows a discussion's counts and every post with a link to moderate it; posts waiting or reported
also appear in the one moderation queue (documents_staff:moderation_queue).
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
from convenor.engagement import discussions_selectors as selectors
from convenor.engagement import discussions_services as services
from convenor.engagement import documents_services
from convenor.engagement.choices import ContentStatus
from convenor.engagement.discussions_forms import DiscussionForm
from convenor.engagement.documents_forms import ModerateForm
from convenor.engagement.models import Discussion, Post
from convenor.engagement.participant_mail import absolute_url
from convenor.engagement.sharing import share_suggestion
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate

POSTS_PER_PAGE = 50


class StrategyDiscussionsPage(StaffPage):
    """A staff page about the discussions of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("discussions_staff:discussion_list", args=[self.strategy.slug])

    def queue_url(self) -> str:
        return reverse("documents_staff:moderation_queue", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Discussions", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "queue_url": self.queue_url()}


class DiscussionList(StrategyDiscussionsPage):
    """A strategy's discussions with their windows and posts counted."""

    permission_required = "engagement.change_discussion"
    template_name = "engagement/discussions/staff/discussion_list.html"

    def get_page_title(self) -> str:
        return f"Discussions of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Discussions", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            **paginate(self.request, selectors.discussion_staff_list(strategy=self.strategy)),
            "pagination_label": "Pages of discussions",
        }


class DiscussionCreate(StrategyDiscussionsPage, StaffFormPage):
    """Open a discussion: its topic, prompt, priority, window and moderation."""

    permission_required = "engagement.add_discussion"
    form_class = DiscussionForm
    page_title = "Add a discussion"
    submit_label = "Add discussion"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy}

    def save(self, form: BaseForm) -> Discussion:
        return services.discussion_create(
            actor=self.request.user,
            strategy=self.strategy,
            **form.document_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Discussion) -> str:
        return f"Added {saved}."

    def success_url(self, saved: Discussion) -> str:
        return reverse("discussions_staff:discussion_hub", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return self.list_url()


class DiscussionPage(StrategyDiscussionsPage):
    """A staff page about one discussion."""

    discussion: Discussion

    def load(self) -> None:
        super().load()
        self.discussion = get_object_or_404(
            Discussion.objects.select_related("strategy", "priority"),
            strategy=self.strategy,
            pk=self.kwargs["pk"],
        )

    def permission_object(self) -> Model:
        return self.discussion

    def hub_url(self) -> str:
        return reverse(
            "discussions_staff:discussion_hub", args=[self.strategy.slug, self.discussion.pk]
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.discussion.title, self.hub_url())]

    def success_url(self, *args: Any) -> str:
        return self.hub_url()

    def cancel_url(self) -> str:
        return self.hub_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "discussion": self.discussion}


class DiscussionHub(DiscussionPage):
    """One discussion: its window, counts, posts to moderate, announcing and sharing."""

    permission_required = "engagement.change_discussion"
    template_name = "engagement/discussions/staff/discussion_hub.html"

    def get_page_title(self) -> str:
        return self.discussion.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.discussion.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        state = selectors.window_state(self.discussion, clock.now())
        public_url = reverse(
            "discussions:discussion_detail", args=[self.strategy.slug, self.discussion.pk]
        )
        # Shared while it is open or about to open (it has a date), never once it has closed.
        share = None
        if self.discussion.opens_at is not None and not state["is_closed"]:
            share = share_suggestion(
                url=absolute_url(public_url),
                invitation="Join our discussion",
                title=self.discussion.title,
                strategy_name=self.strategy.name,
                closes_at=self.discussion.closes_at,
            )
        return {
            **super().extra_context_data(),
            **state,
            "counts": selectors.hub_counts(discussion=self.discussion),
            **paginate(
                self.request,
                selectors.hub_posts(discussion=self.discussion),
                per_page=POSTS_PER_PAGE,
            ),
            "pagination_label": "Pages of posts",
            "announced": services.discussion_was_announced(discussion=self.discussion),
            "public_url": public_url,
            "share": share,
        }


class DiscussionEdit(DiscussionPage, StaffFormPage):
    """Change a discussion's topic, prompt, priority, window and moderation."""

    permission_required = "engagement.change_discussion"
    form_class = DiscussionForm
    submit_label = "Save discussion"

    def get_page_title(self) -> str:
        return f"Edit {self.discussion.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return DiscussionForm(strategy=self.strategy, discussion=self.discussion)
        return DiscussionForm(data=data, strategy=self.strategy)

    def save(self, form: BaseForm) -> Discussion:
        services.discussion_update(
            actor=self.request.user,
            discussion=self.discussion,
            **form.document_data(),  # type: ignore[attr-defined]
        )
        return self.discussion

    def delete_url(self) -> str:
        return reverse(
            "discussions_staff:discussion_delete", args=[self.strategy.slug, self.discussion.pk]
        )


class DiscussionDelete(DiscussionPage, StaffDeletePage):
    """Delete a discussion nobody has posted in; refused, with a page saying why, otherwise."""

    permission_required = "engagement.delete_discussion"
    template_name = "engagement/discussions/staff/discussion_delete.html"

    def target(self) -> Discussion:
        return self.discussion

    def extra_context_data(self) -> dict[str, Any]:
        has_posts = Post.objects.filter(discussion=self.discussion).exists()
        return {**super().extra_context_data(), "has_posts": has_posts}

    def delete(self) -> None:
        services.discussion_delete(actor=self.request.user, discussion=self.discussion)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.hub_url())

    def success_url(self) -> str:
        return self.list_url()


class DiscussionAnnounce(DiscussionPage):
    """POST: email members who follow the discussion's priority that it is open."""

    permission_required = "engagement.change_discussion"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.window_state(self.discussion, clock.now())["is_open"]:
            messages.error(request, "Only an open discussion can be announced.")
            return redirect(self.hub_url())
        try:
            sent = services.discussion_announce(actor=request.user, discussion=self.discussion)
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
                request, f"Announced the discussion to {len(sent.recipients)} members{skipped}."
            )
        return redirect(self.hub_url())


class PostModerate(StrategyDiscussionsPage, StaffFormPage):
    """Approve, hide with a reason, restore or note one post; each is in the audit trail."""

    permission_required = "engagement.moderate"
    form_class = ModerateForm
    submit_label = "Save"
    template_name = "engagement/discussions/staff/post_moderate.html"
    post_obj: Post

    def load(self) -> None:
        super().load()
        post = selectors.post_for_moderation(strategy=self.strategy, pk=self.kwargs["pk"])
        if post is None:
            raise Http404("No such post.")
        self.post_obj = post

    def get_permission_object(self) -> Model | None:
        return None

    def get_page_title(self) -> str:
        return "Moderate a post"

    def hub_url(self) -> str:
        return reverse(
            "discussions_staff:discussion_hub",
            args=[self.strategy.slug, self.post_obj.discussion_id],
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.post_obj.discussion.title, self.hub_url())]

    def actions(self) -> list[str]:
        names = {
            ContentStatus.PENDING: [documents_services.PUBLISH, documents_services.HIDE],
            ContentStatus.PUBLISHED: [documents_services.HIDE],
            ContentStatus.HIDDEN: [documents_services.RESTORE],
        }[ContentStatus(self.post_obj.status)]
        if any(flag.resolved_at is None for flag in self.post_obj.flags.all()):
            names.append(documents_services.DISMISS_FLAGS)
        return [*names, documents_services.NOTE]

    def get_form(self, data: Any = None) -> BaseForm:
        initial = {
            "note": self.post_obj.moderator_note,
            "reason": self.post_obj.moderation_reason,
        }
        form = ModerateForm(data=data, initial=initial, actions=self.actions())
        form.fields["action"].error_messages["required"] = "Choose what to do with the post"
        return form

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "post": self.post_obj,
            "flags": list(self.post_obj.flags.all()),
            "discussion": self.post_obj.discussion,
        }

    def save(self, form: BaseForm) -> Post:
        data = form.cleaned_data
        return services.post_moderate(
            actor=self.request.user,
            post=self.post_obj,
            action=data["action"],
            reason=data["reason"],
            note=data["note"],
        )

    def success_message(self, saved: Post) -> str:
        return f"Saved. The post is now {saved.get_status_display().lower()}."

    def success_url(self, saved: Post) -> str:
        return self.hub_url()

    def cancel_url(self) -> str:
        return self.hub_url()
