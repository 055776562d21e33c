"""PLACEHOLDER: being written now; every view answers 404 until then."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views import View


class RelationshipGrid(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class PersonRelationshipEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class OrganisationRelationshipEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class SegmentList(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class SegmentCreate(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class SegmentEdit(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class SegmentDelete(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404
