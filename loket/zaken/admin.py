"""Zaaktypen with their statustypen and overgangen, teams; zaken read-mostly (changes go through the
services, which keep history and events)."""

from django.contrib import admin

from loket.zaken import models
from loket.zaken.backoffice import statuskeuzes


class StatustypeInline(admin.TabularInline):
    model = models.Statustype
    extra = 0


class StatusovergangInline(admin.TabularInline):
    model = models.Statusovergang
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("van", "naar") and (
            zaaktype_id := request.resolver_match.kwargs.get("object_id")
        ):
            kwargs["queryset"] = models.Statustype.objects.filter(zaaktype_id=zaaktype_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(models.Zaaktype)
class ZaaktypeAdmin(admin.ModelAdmin):
    list_display = ["code", "omschrijving", "prefix", "afhandeltermijn_dagen"]
    inlines = [StatustypeInline, StatusovergangInline]


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "code"]
    filter_horizontal = ["leden"]


class StatusInline(admin.TabularInline):
    model = models.Status
    extra = 0
    can_delete = False
    readonly_fields = [
        "statustype",
        "tijdstip",
        "door",
        "door_omschrijving",
        "toelichting_intern",
        "tekst_voor_burger",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class StatusFilter(admin.SimpleListFilter):
    """Statussen by code, each once. A filter on the status foreign key lists every statustype row, so
    "Ontvangen" came once per zaaktype that has it; with a zaaktype chosen, only that one's statussen."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        zaaktypen = models.Zaaktype.objects.all()
        if (gekozen := request.GET.get("zaaktype__id__exact", "")).isdigit():
            zaaktypen = zaaktypen.filter(pk=gekozen)
        return statuskeuzes(zaaktypen)

    def queryset(self, request, queryset):
        return queryset.filter(status__code=self.value()) if self.value() else queryset


@admin.register(models.Zaak)
class ZaakAdmin(admin.ModelAdmin):
    list_display = ["referentie", "zaaktype", "status", "behandelend_team", "registratiedatum", "einddatum"]
    list_filter = ["zaaktype", StatusFilter, "behandelend_team"]
    search_fields = ["referentie", "externe_identificatie", "adres"]
    readonly_fields = [f.name for f in models.Zaak._meta.fields if f.name != "geometrie"] + ["geometrie_wkt"]
    exclude = ["geometrie"]
    inlines = [StatusInline]

    @admin.display(description="geometrie")
    def geometrie_wkt(self, obj):
        return obj.geometrie.wkt if obj.geometrie else ""

    def has_add_permission(self, request):
        return False


@admin.register(models.Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    list_display = ["id", "soort", "referentie", "tijdstip"]
    list_filter = ["soort"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(models.GebeurtenisConsument)
