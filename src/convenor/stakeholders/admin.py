"""Back-office administration of the stakeholder register."""

from django.contrib import admin

from convenor.stakeholders.models import Area, Organisation, Person


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "tier", "county"]
    list_filter = ["tier", "county"]
    search_fields = ["name", "gss_code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "ownership", "area", "is_illustrative"]
    list_filter = ["kind", "ownership", "size_band", "is_illustrative"]
    search_fields = ["name", "sector", "key"]
    list_select_related = ["area"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "job_title", "email", "lawful_basis", "opted_out"]
    list_filter = ["lawful_basis", "opted_out", "is_illustrative"]
    search_fields = ["name", "email", "job_title", "key"]
    list_select_related = ["organisation"]
    raw_id_fields = ["user"]
