"""Admin views of the PostGIS truth. Read-only: this data changes through deliveries, not by hand.

Geometries show as text: GeoDjango's map widget loads OpenLayers from a CDN, and the portal must work
offline and under a strict CSP.
"""

from django.contrib import admin
from django.db import models as db_models

from kaartlagen import models
from kern.admin import AlleenLezen


@admin.register(models.Pand)
class PandAdmin(AlleenLezen):
    list_display = ["identificatie", "oorspronkelijk_bouwjaar", "status", "actief"]
    list_filter = ["actief", "status"]
    search_fields = ["identificatie"]


@admin.register(models.Verblijfsobject)
class VerblijfsobjectAdmin(AlleenLezen):
    list_display = ["identificatie", "hoofdadres", "oppervlakte", "status", "actief"]
    list_filter = ["actief", "status"]
    search_fields = ["identificatie", "hoofdadres__identificatie"]


@admin.register(models.Nummeraanduiding)
class NummeraanduidingAdmin(AlleenLezen):
    list_display = [
        "identificatie",
        "openbare_ruimte",
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "postcode",
    ]
    list_filter = ["actief", "type_adresseerbaar_object"]
    search_fields = ["identificatie", "postcode", "openbare_ruimte__naam"]


@admin.register(models.OpenbareRuimte)
class OpenbareRuimteAdmin(AlleenLezen):
    list_display = ["identificatie", "naam", "type", "woonplaats", "status"]
    list_filter = ["type"]
    search_fields = ["naam", "identificatie"]


@admin.register(models.Woonplaats, models.Ligplaats, models.Standplaats)
class BagAdmin(AlleenLezen):
    list_display = ["identificatie", "status", "actief"]
    search_fields = ["identificatie"]


@admin.register(models.BgtObject)
class BgtObjectAdmin(AlleenLezen):
    list_display = ["lokaal_id", "objecttype", "functie", "fysiek_voorkomen", "bgt_status", "plus_status"]
    list_filter = ["objecttype", "bgt_status", "plus_status"]
    search_fields = ["lokaal_id", "bag_pand_identificatie"]


@admin.register(models.Wijk, models.Buurt)
class CbsAdmin(AlleenLezen):
    list_display = ["code", "naam", "gemeentecode"]
    search_fields = ["code", "naam"]


@admin.register(models.Kaartlaag)
class KaartlaagAdmin(admin.ModelAdmin):
    """The one place where layers are described; tiles (and later the map page) follow from it."""

    list_display = [
        "titel",
        "naam",
        "groep",
        "bron",
        "min_zoom",
        "max_zoom",
        "publiek",
        "standaard_aan",
        "volgorde",
    ]
    list_editable = ["publiek", "standaard_aan", "volgorde"]
    list_filter = ["groep", "publiek"]
    prepopulated_fields = {"naam": ["titel"]}
    readonly_fields = ["capabilities"]
    # A capabilities URL typed without scheme means https (Django 6's default, chosen now).
    formfield_overrides = {db_models.URLField: {"assume_scheme": "https"}}


@admin.register(models.BasiskaartUitgave)
class BasiskaartUitgaveAdmin(AlleenLezen):
    """Which machine changed the basemap when, and why: each machine's follower builds the newest."""

    list_display = ["id", "reden", "machine", "gemaakt"]
