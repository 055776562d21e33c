"""Back-office administration of bodies and their memberships."""

from django.contrib import admin

from convenor.governance.models import Body, BodyPriority, Membership


class BodyPriorityInline(admin.TabularInline):
    model = BodyPriority
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person", "representing"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "openness", "strategy"]
    list_filter = ["strategy", "kind", "openness"]
    search_fields = ["name", "remit"]
    inlines = [BodyPriorityInline, MembershipInline]
