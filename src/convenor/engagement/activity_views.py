"""PLACEHOLDER: being written now; every view answers 404 until then."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views import View


class ActivityList(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ActivityCreate(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ActivityHub(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ActivityEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ActivityDelete(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ActivityWriteUp(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class MaterialCreate(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class MaterialDelete(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class FollowUpCreate(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class FollowUpEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class FollowUpDelete(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ContributionList(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ContributionCreate(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ContributionEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class ContributionDelete(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404
