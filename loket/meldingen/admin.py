"""Functional management: the category tree (two levels), routing rules in order, and a read-only
view of meldingen (changes go through the backoffice and the services, which keep history)."""

from django.contrib import admin

from kern.admin import AlleenLezen
from loket.meldingen import models


class SubcategorieInline(admin.TabularInline):
    model = models.Categorie
    fk_name = "hoofdcategorie"
    extra = 0
    fields = [
        "naam",
        "slug",
        "afhandeltermijn_dagen",
        "dubbel_straal_m",
        "dubbel_weken",
        "actief",
        "volgorde",
    ]
    verbose_name = "subcategorie"
    verbose_name_plural = "subcategorieën"


@admin.register(models.Categorie)
class CategorieAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "afhandeltermijn_dagen",
        "dubbel_straal_m",
        "dubbel_weken",
        "actief",
        "volgorde",
    ]
    list_filter = ["actief", "hoofdcategorie"]
    search_fields = ["naam", "slug"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [SubcategorieInline]

    def get_inlines(self, request, obj):
        # Only a hoofdcategorie has subcategorieën: two levels, never three.
        return self.inlines if obj is None or obj.hoofdcategorie_id is None else []


@admin.register(models.Routeringsregel)
class RouteringsregelAdmin(admin.ModelAdmin):
    list_display = [
        "volgorde",
        "naam",
        "categorie",
        "buurtcode",
        "wijkcode",
        "heeft_gebied",
        "team",
        "actief",
    ]
    list_editable = ["volgorde", "actief"]
    list_display_links = ["naam"]
    list_filter = ["team", "actief"]

    @admin.display(boolean=True, description="eigen gebied")
    def heeft_gebied(self, obj):
        return obj.gebied is not None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # GeoDjango's map widget loads OpenLayers from a CDN; the area is typed as WKT (RD New) instead.
        if db_field.name == "gebied":
            from django import forms
            from django.contrib.gis.forms import MultiPolygonField

            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
            return MultiPolygonField(srid=db_field.srid, required=False, widget=kwargs["widget"])
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(models.Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["zaak", "categorie", "status", "contact_verwijderd"]
    list_select_related = ["zaak__status", "categorie__hoofdcategorie"]  # one query, not three per row
    list_filter = ["categorie__hoofdcategorie"]
    search_fields = ["zaak__referentie"]
    fields = ["zaak", "categorie", "contact_toestemming", "contact_verwijderd"]
    readonly_fields = fields

    @admin.display(description="status")
    def status(self, obj):
        return obj.zaak.status

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.ContactInzage)
class ContactInzageAdmin(AlleenLezen):
    list_display = ["tijdstip", "gebruiker", "melding", "waar"]
    list_select_related = ["gebruiker", "melding__zaak"]
    list_filter = ["waar"]
