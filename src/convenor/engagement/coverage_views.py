"""PLACEHOLDER: being written now; every view answers 404 until then."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views import View


class StrategyCoverage(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404


class PriorityCoverage(View):
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        raise Http404
