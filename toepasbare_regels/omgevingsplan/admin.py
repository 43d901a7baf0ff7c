"""The imported plan, for staff to look up (it changes only through an import)."""

from django.contrib import admin

from kern.admin import AlleenLezen
from toepasbare_regels.omgevingsplan import models as m


class VersieInline(admin.TabularInline):
    model = m.RegelingVersie
    fields = ("expressie", "begin_geldigheid", "eind_geldigheid", "geimporteerd")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(m.Regeling)
class RegelingAdmin(AlleenLezen):
    list_display = ("titel", "identificatie", "bevoegd_gezag", "bron")
    list_filter = ("bron", "bevoegd_gezag")
    search_fields = ("titel", "identificatie")
    inlines = [VersieInline]


@admin.register(m.Activiteit)
class ActiviteitAdmin(AlleenLezen):
    list_display = ("identificatie", "naam", "bovenliggende")
    search_fields = ("identificatie", "naam")


@admin.register(m.Gebiedsaanwijzing)
class GebiedsaanwijzingAdmin(AlleenLezen):
    list_display = ("identificatie", "naam", "type", "groep")
    search_fields = ("identificatie", "naam")


@admin.register(m.Regeltekst)
class RegeltekstAdmin(AlleenLezen):
    list_display = ("wid", "kop")
    search_fields = ("wid", "kop", "tekst")
