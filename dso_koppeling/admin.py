"""Read-mostly views for staff: what the sync did, what waits in quarantaine, what we report back."""

from django.contrib import admin

from dso_koppeling.models import Notificatie, Quarantaine, Regelbestand, Synctoestand, Terugmelding, Verzoek
from kern.admin import AlleenLezen  # everything here is written by the sync: no hand edits


@admin.register(Verzoek)
class VerzoekAdmin(AlleenLezen):
    list_display = ["verzoeknummer", "type", "versie", "zaak", "ingediend_op"]
    list_filter = ["type"]
    search_fields = ["verzoeknummer", "zaak__referentie"]


@admin.register(Quarantaine)
class QuarantaineAdmin(AlleenLezen):
    list_display = ["verzoeknummer", "volgnummer", "code", "tijdstip"]
    list_filter = ["code"]

    def has_delete_permission(self, request, obj=None):
        return True  # solved by hand (e.g. the verzoek was handled outside the loket)


@admin.register(Synctoestand)
class SynctoestandAdmin(AlleenLezen):
    list_display = ["naam", "cursor", "bijgewerkt"]


@admin.register(Regelbestand)
class RegelbestandAdmin(AlleenLezen):
    list_display = ["soort", "sleutel", "naam", "versie", "geimporteerd_op"]
    list_filter = ["soort"]


@admin.register(Terugmelding)
class TerugmeldingAdmin(AlleenLezen):
    list_display = ["verzoeknummer", "status", "aangemaakt", "verstuurd_op", "pogingen", "laatste_fout"]


@admin.register(Notificatie)
class NotificatieAdmin(AlleenLezen):
    list_display = ["verzoeknummer", "volgnummer", "ontvangen_op"]
