"""Back-office administration of evidence items (staff use the staff pages)."""

from django.contrib import admin

from convenor.evidence.models import EvidenceItem


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["title", "strategy", "published_on"]
    search_fields = ["title", "summary"]
