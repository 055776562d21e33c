"""Back-office administration of strategies, stages, milestones and priorities."""

from django.contrib import admin

from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["name", "area_name", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StageInline, MilestoneInline]
    filter_horizontal = ["areas"]


class LineOfEnquiryInline(admin.TabularInline):
    model = LineOfEnquiry
    extra = 0


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "strategy", "lep_role", "status"]
    list_filter = ["strategy", "status", "lep_role"]
    search_fields = ["title", "summary"]
    inlines = [LineOfEnquiryInline]
