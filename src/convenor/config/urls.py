"""The site's URL map: public pages, the staff area, sign-in, and the back office."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("convenor.strategy.urls")),
    path("", include("convenor.governance.urls")),
    path("", include("convenor.meetings.urls")),
    path("", include("convenor.meetings.calendar_urls")),
    path("", include("convenor.ui.urls")),
    path("", include("convenor.stakeholders.urls")),
    path("", include("convenor.engagement.urls")),
    path("", include("convenor.engagement.joining_urls")),
    path("", include("convenor.engagement.documents_urls")),
    path("", include("convenor.engagement.statements_urls")),
    path("", include("convenor.engagement.discussions_urls")),
    path("", include("convenor.engagement.workshops_urls")),
    path("", include("convenor.evidence.urls")),
    path("", include("convenor.publishing.urls")),
    path("staff/", include("convenor.strategy.staff_urls")),
    path("staff/", include("convenor.governance.staff_urls")),
    path("staff/", include("convenor.stakeholders.staff_urls")),
    path("staff/", include("convenor.meetings.staff_urls")),
    path("staff/", include("convenor.engagement.staff_urls")),
    path("staff/", include("convenor.engagement.joining_staff_urls")),
    path("staff/", include("convenor.engagement.documents_staff_urls")),
    path("staff/", include("convenor.engagement.statements_staff_urls")),
    path("staff/", include("convenor.engagement.discussions_staff_urls")),
    path("staff/", include("convenor.engagement.workshops_staff_urls")),
    path("staff/", include("convenor.evidence.staff_urls")),
    path("staff/", include("convenor.evidence.brief_staff_urls")),
    path("staff/", include("convenor.evidence.indicator_staff_urls")),
    path("staff/", include("convenor.interventions.staff_urls")),
    path("staff/", include("convenor.dashboard.urls")),
    path("staff/", include("convenor.publishing.staff_urls")),
    path("accounts/", include("allauth.urls")),
    path("back-office/", admin.site.urls),
]
