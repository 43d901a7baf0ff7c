"""Beheer of toepasbare regels: the stored rule files (read-only: they come from deliveries), the
antwoordkoppelingen staff make per file, and the facts users said were wrong."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from kern.admin import AlleenLezen

from . import antwoordkoppeling
from .antwoordkoppeling import normaliseer
from .feiten import FEITEN
from .models import Antwoordkoppeling, FeitBetwisting, ToepasbareRegelBestand
from .regelset import geladen


def _feit_keuzes():
    return [("", "— niet koppelen: de vraag stellen —")] + [
        (sleutel, f"{f.titel} ({f.bron})") for sleutel, f in sorted(FEITEN.items())
    ]


@admin.register(ToepasbareRegelBestand)
class ToepasbareRegelBestandAdmin(AlleenLezen):
    list_display = ["naam", "typering", "begin_geldigheid", "eind_geldigheid", "koppelen"]
    list_filter = ["typering"]
    search_fields = ["naam", "activiteiten"]
    exclude = ["dmn"]

    @admin.display(description="Antwoorden uit data")
    def koppelen(self, obj):
        url = reverse("admin:toepasbare_regels_koppelen", args=[obj.pk])
        return format_html('<a href="{}">Vragen koppelen</a>', url)

    def get_urls(self):
        eigen = [
            path(
                "<int:pk>/koppelen/",
                self.admin_site.admin_view(self.koppel_view),
                name="toepasbare_regels_koppelen",
            )
        ]
        return eigen + super().get_urls()

    def koppel_view(self, request, pk: int):
        """Every question of the file with the feit that answers it now, and a choice to change it."""
        if not request.user.has_perm("toepasbare_regels.change_antwoordkoppeling"):
            messages.error(request, "U mag geen antwoordkoppelingen maken.")
            return redirect("admin:index")
        row = get_object_or_404(ToepasbareRegelBestand, pk=pk)
        model, _ = geladen(row)
        if request.method == "POST":
            keuzes = {k.removeprefix("feit_"): v for k, v in request.POST.items() if k.startswith("feit_")}
            gewijzigd = antwoordkoppeling.bewaar(row.sleutel, model, keuzes)
            messages.success(request, f"{gewijzigd} koppeling(en) opgeslagen.")
            return redirect(request.path)
        regels = antwoordkoppeling.overzicht(row.sleutel, model)
        return TemplateResponse(
            request,
            "admin/toepasbare_regels/koppelen.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Vragen koppelen: {row.naam}",
                "row": row,
                "regels": regels,
                "keuzes": _feit_keuzes(),
                "opts": self.model._meta,
            },
        )


class AntwoordkoppelingForm(forms.ModelForm):
    feit = forms.ChoiceField(choices=_feit_keuzes)

    class Meta:
        model = Antwoordkoppeling
        fields = ["feit", "vraagtekst", "bestand_sleutel", "uitvoeringsregel"]

    def clean_vraagtekst(self):
        return normaliseer(self.cleaned_data["vraagtekst"])


@admin.register(Antwoordkoppeling)
class AntwoordkoppelingAdmin(admin.ModelAdmin):
    form = AntwoordkoppelingForm
    list_display = ["vraagtekst", "feit", "bestand_sleutel", "uitvoeringsregel", "aangemaakt"]
    list_filter = ["feit"]
    search_fields = ["vraagtekst", "uitvoeringsregel"]


@admin.register(FeitBetwisting)
class FeitBetwistingAdmin(admin.ModelAdmin):
    list_display = ["feit", "waarde", "aangemaakt", "afgehandeld"]
    list_filter = ["feit", "afgehandeld"]
    readonly_fields = ["feit", "waarde", "locatie", "toelichting", "aangemaakt"]
