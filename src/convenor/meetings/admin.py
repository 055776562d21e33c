"""Back-office administration of meetings and what hangs off them (staff use the staff pages)."""

from django.contrib import admin

from convenor.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title", "is_confidential"]
    show_change_link = True


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ["person"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    raw_id_fields = ["agenda_item"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "starts_at", "status", "strategy"]
    list_filter = ["strategy", "status", "body"]
    search_fields = ["title", "purpose"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["host"]
    filter_horizontal = ["joint_bodies"]
    inlines = [AgendaItemInline, InvitationInline, DecisionInline]


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0
    raw_id_fields = ["person"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    search_fields = ["title", "meeting__title"]
    raw_id_fields = ["meeting", "presenter"]
    filter_horizontal = ["priorities"]
    inlines = [DeclarationInline]


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "agenda_item", "created_at"]
    search_fields = ["title", "meeting__title"]
    raw_id_fields = ["meeting", "agenda_item", "uploaded_by"]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    readonly_fields = ["at"]
    raw_id_fields = ["author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "due_on", "status", "strategy"]
    list_filter = ["strategy", "status"]
    search_fields = ["description", "owner__name"]
    raw_id_fields = ["meeting", "agenda_item", "owner"]
    inlines = [ActionUpdateInline]
