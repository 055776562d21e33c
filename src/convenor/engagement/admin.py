"""The back office's view of engagement records (staff use the staff area; this is for support)."""

from django.contrib import admin

from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    Contribution,
    Relationship,
    Segment,
)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "strategy"]
    list_filter = ["kind", "status", "strategy"]
    search_fields = ["title"]


@admin.register(ActivityInvitation)
class ActivityInvitationAdmin(admin.ModelAdmin):
    list_display = ["activity", "person", "response", "attendance"]
    raw_id_fields = ["activity", "person"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["activity", "kind", "author", "is_anonymous", "made_on"]
    raw_id_fields = ["activity", "author"]


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "power", "interest"]
    raw_id_fields = ["organisation", "person", "owner"]


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created_at"]
