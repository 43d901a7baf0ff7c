from django.contrib import admin

from kern.admin import AlleenLezen
from loket.buurtdashboard.models import Dashboardrol, Inzage, Kerncijfer


@admin.register(Dashboardrol)
class DashboardrolAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "rol", "wijken"]
    list_filter = ["rol"]


@admin.register(Inzage)
class InzageAdmin(AlleenLezen):
    list_display = ["tijdstip", "gebruiker", "gebied", "weergave"]
    list_filter = ["weergave"]
    search_fields = ["gebied"]


@admin.register(Kerncijfer)
class KerncijferAdmin(AlleenLezen):
    list_display = ["gebiedscode", "kenmerk", "jaar", "waarde", "teken"]
    list_filter = ["jaar"]
    search_fields = ["gebiedscode", "kenmerk"]
