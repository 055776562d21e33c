"""The building blocks of staff pages: a rule checked per view, forms saved through services.

Each staff view names its rule (django-rules) and the object it is checked against; people who
are not signed in are sent to sign in, signed-in people without the right get a 403 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, router
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin
from rules.contrib.views import PermissionRequiredMixin

from convenor.ui.forms import add_service_errors

Breadcrumbs = list[tuple[str, str | None]]


class StaffPage(PermissionRequiredMixin, TemplateResponseMixin, View):
    """A staff page: loads what its URL names, checks its rule against it, renders a template."""

    permission_required = ""
    page_title = ""

    def load(self) -> None:
        """Fetch the objects the URL names (404 if missing); subclasses set them on self."""

    def permission_object(self) -> models.Model | None:
        """The object the rule is checked against; None for rules about the model as a whole."""
        return None

    def get_permission_object(self) -> models.Model | None:
        return self.permission_object()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Sign-in comes first, so that nobody learns what exists before signing in.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self.page_title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return []

    def extra_context_data(self) -> dict[str, Any]:
        return {}

    def render(self, **context: Any) -> HttpResponse:
        return self.render_to_response(
            {
                "page_title": self.get_page_title(),
                "breadcrumbs": self.get_breadcrumbs(),
                **self.extra_context_data(),
                **context,
            }
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()


class StaffFormPage(StaffPage):
    """A page with one form: a valid form goes to `save` (a service call), errors stay on the form.

    What the person typed is never lost: an invalid form, or one the service refuses, is shown
    again bound to their input, with the service's messages on the fields they concern.
    """

    form_class: type[BaseForm]
    template_name = "ui/includes/form_page.html"
    submit_label = "Save"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_form(self, data: Any = None) -> BaseForm:
        return self.form_class(data=data, **self.get_form_kwargs())

    def save(self, form: BaseForm) -> Any:
        """Call the service with the form's cleaned data; return what was saved."""
        raise NotImplementedError

    def success_message(self, saved: Any) -> str:
        return f"Saved {saved}."

    def success_url(self, saved: Any) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str | None:
        return None

    def delete_url(self) -> str | None:
        """Where to delete what this form edits, if anywhere: linked below the form."""
        return None

    def render(self, **context: Any) -> HttpResponse:
        context.setdefault("delete_url", self.delete_url())
        if "form" not in context:
            context["form"] = self.get_form()
        context.setdefault("submit_label", self.submit_label)
        context.setdefault("cancel_url", self.cancel_url())
        return super().render(**context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                saved = self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message(saved))
                return redirect(self.success_url(saved))
        return self.render(form=form)


class StaffDeletePage(StaffPage):
    """A confirmation page saying what will be deleted, and with it; POST deletes."""

    template_name = "ui/includes/form_delete_page.html"

    def target(self) -> models.Model:
        raise NotImplementedError

    def delete(self) -> None:
        """Call the service that deletes the target."""
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str:
        raise NotImplementedError

    def get_page_title(self) -> str:
        return f"Delete {self.target()._meta.verbose_name} “{self.target()}”?"

    def render(self, **context: Any) -> HttpResponse:
        context.setdefault("target", self.target())
        context.setdefault("also_deleted", deletion_consequences(self.target()))
        context.setdefault("cancel_url", self.cancel_url())
        return super().render(**context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        description = f"{self.target()._meta.verbose_name} “{self.target()}”"
        self.delete()
        messages.success(request, f"Deleted {description}.")
        return redirect(self.success_url())


def deletion_consequences(instance: models.Model) -> list[str]:
    """What else deleting `instance` removes, counted: ["6 stages", "1 line of enquiry"]."""
    collector = NestedObjects(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    consequences = []
    model_objs: dict[type[models.Model], set[models.Model]] = collector.model_objs  # type: ignore[assignment]
    for model, objects in model_objs.items():
        # Rows of the instance's own kind, and the hidden rows of a plain many-to-many link,
        # are not news to the person deleting it.
        if model is type(instance) or model._meta.auto_created:
            continue
        count = len(objects)
        noun = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        consequences.append(f"{count} {noun}")
    return sorted(consequences, key=lambda text: text.split(" ", 1)[1])


def paginate(request: HttpRequest, queryset: Any, per_page: int = 25) -> dict[str, Any]:
    """One page of `queryset` for a staff list, with the page numbers to link to."""
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page_obj,
        "object_list": page_obj.object_list,
        "page_range": list(
            paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        ),
    }
