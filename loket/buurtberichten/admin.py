"""Functional management: webhook subscriptions of organisations (after the Notificaties API), their
deliveries and the parked outbox events, read-only. Subscriptions of residents are not shown here:
their e-mail addresses are nobody's business in the admin (AVG); counts are in the backoffice."""

from django.contrib import admin

from kern.admin import AlleenLezen
from loket.buurtberichten import models


@admin.register(models.Webhookabonnement)
class WebhookabonnementAdmin(admin.ModelAdmin):
    list_display = ["naam", "kanaal", "callback_url", "actief"]
    list_filter = ["actief", "kanaal"]
    readonly_fields = ["geheim"]
    fields = ["naam", "kanaal", "filters", "callback_url", "auth", "geheim", "actief"]


@admin.register(models.Webhookbezorging)
class WebhookbezorgingAdmin(AlleenLezen):
    list_display = ["abonnement", "bericht", "pogingen", "afgeleverd_op", "volgende_poging", "laatste_fout"]
    list_filter = ["abonnement"]


@admin.register(models.Parkeerplaats)
class ParkeerplaatsAdmin(AlleenLezen):
    list_display = ["gebeurtenis", "soort", "reden", "tijdstip"]
