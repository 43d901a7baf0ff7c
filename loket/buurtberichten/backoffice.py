"""Staff pages under /backoffice/buurtberichten/ (the one staff login): write a bericht with a
geometry drawn on the map or uploaded as GeoJSON, a period, text and link; see how many subscribers
it would reach (a count, never who) before publishing."""

import json
from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from loket.buurtberichten import berichten, geometrie, kaartlaag, matching
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import HANDMATIG, Parkeerplaats
from loket.zaken.toegang import medewerker


def _datum(tekst: str) -> date | None:
    if not tekst:
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise BuurtberichtFout("datum_ongeldig", "Een datum schrijft u als jjjj-mm-dd.") from None


def _geojson(request) -> str:
    bestand = request.FILES.get("bestand")
    if bestand is not None:
        if bestand.size > geometrie.MAX_GEOJSON_BYTES:
            raise BuurtberichtFout("geometrie_te_groot", "Dit bestand is te groot (meer dan 1 MB).")
        try:
            return bestand.read().decode("utf-8")
        except UnicodeDecodeError:
            raise BuurtberichtFout("geometrie_ongeldig", "Dit bestand is geen GeoJSON (UTF-8).") from None
    tekst = request.POST.get("geometrie", "").strip()
    if not tekst:
        raise BuurtberichtFout(
            "geometrie_ontbreekt", "Teken de plek op de kaart of kies een GeoJSON-bestand."
        )
    return tekst


def _nieuw(request) -> berichten.NieuwBericht:
    return berichten.NieuwBericht(
        soort=request.POST.get("soort", ""),
        titel=request.POST.get("titel", "")[: berichten.MAX_TITEL + 1],
        tekst=request.POST.get("tekst", "")[: berichten.MAX_TEKST + 1],
        geom=geometrie.uit_geojson(_geojson(request)),
        begin=_datum(request.POST.get("begin", "")),
        eind=_datum(request.POST.get("eind", "")),
        link=request.POST.get("link", "").strip()[:500],
    )


@medewerker
@require_GET
def lijst(request):
    pagina = Paginator(berichten.openbaar(), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "buurtberichten/backoffice/lijst.html",
        {"pagina": pagina, "geparkeerd": Parkeerplaats.objects.order_by("-tijdstip")[:20]},
    )


@medewerker
@require_http_methods(["GET", "POST"])
def nieuw(request):
    context = {
        "soorten": [(s.value, s.label) for s in HANDMATIG],
        "data": request.POST,
        "bereik": None,
        "fout": "",
        "config": kaartlaag.paginaconfig(request),
    }
    if request.method == "GET":
        return render(request, "buurtberichten/backoffice/nieuw.html", context)
    try:
        nieuw_bericht = _nieuw(request)
        nieuw_bericht.controleer(handmatig=True)
        if request.POST.get("actie") != "publiceer":
            context["bereik"] = matching.bereik(nieuw_bericht.geom, nieuw_bericht.soort)
            context["geometrie"] = json.dumps(geometrie.als_geojson_wgs84(nieuw_bericht.geom))
            return render(request, "buurtberichten/backoffice/nieuw.html", context)
        bericht = berichten.publiceer(nieuw_bericht, handmatig=True)
    except BuurtberichtFout as fout:
        context["fout"] = str(fout)
        return render(request, "buurtberichten/backoffice/nieuw.html", context, status=400)
    return redirect("buurtberichten:bericht", bericht.uuid)
