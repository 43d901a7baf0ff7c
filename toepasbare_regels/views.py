"""The vergunningcheck pages: choose werkzaamheden and a location (no map needed), one question group
per page with "vorige" and progress, then the result with artikel, waarom, werkingsgebieden and actions.
All logic lives in sessies/vergunningcheck; these views only translate forms and pages."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kaartlagen import zoeken
from kaartlagen.kaart import kleine_kaart
from kaartlagen.zoeken import ZoekFout
from kern.crs import RD_NEW, WGS84, naar_wgs84
from kern.gemeente import huidige
from toepasbare_regels.omgevingsplan.services import locaties_geojson

from . import sessies, werkzaamheden
from .pdf import uitkomst_pdf
from .plek import punt
from .regelset import RegelFout
from .sessies import SessieFout
from .sttr.antwoorden import AntwoordFout


def _locatie(params) -> tuple[object, str]:
    """The point and its address from an address text, an address id, or x/y (rd or wgs84)."""
    if params.get("x") and params.get("y"):
        try:
            x, y = float(params["x"]), float(params["y"])
        except ValueError as exc:
            raise ZoekFout("coordinaat_ongeldig", "De coördinaten kloppen niet.") from exc
        geom = punt(x, y, RD_NEW if params.get("crs") == "rd" else WGS84)
        dichtbij = zoeken.reverse(geom.x, geom.y, RD_NEW, 1, 50)
        return geom, dichtbij[0].weergavenaam if dichtbij else f"punt {round(geom.x)}, {round(geom.y)} (RD)"
    adres = (params.get("adres") or "").strip()[: zoeken.MAX_ZOEKTERM]
    if not adres:
        raise ZoekFout("locatie_ontbreekt", "Vul een adres in, of kies een plek op de kaart.")
    treffer = next((t for t in zoeken.suggest(adres, 10) if t.type == "adres"), None)
    treffer = zoeken.lookup(treffer.id) if treffer else None
    if treffer is None or "centroide_rd" not in treffer.details:
        raise ZoekFout(
            "adres_onbekend", "We vinden dit adres niet. Typ straat en huisnummer, of postcode en huisnummer."
        )
    return punt(*treffer.details["centroide_rd"], RD_NEW), treffer.weergavenaam


@require_GET
def start(request):
    q = request.GET.get("q", "")[: werkzaamheden.MAX_ZOEKTERM]
    uitkomst = werkzaamheden.zoek(q, 20)
    context = {
        "q": q,
        "gevonden": uitkomst.werkzaamheden,
        "passend": uitkomst.passend,
        "contact": huidige().contact_zin,
        "gekozen": request.GET.getlist("werkzaamheid"),
        "x": request.GET.get("x", ""),
        "y": request.GET.get("y", ""),
        "crs": request.GET.get("crs", ""),
        "adres": request.GET.get("adres", ""),
        "plek": "",
        "fout": "",
    }
    if context["x"]:
        try:
            context["plek"] = _locatie(request.GET)[1]
        except ZoekFout as exc:
            context["fout"] = str(exc)
    return render(request, "toepasbare_regels/start.html", context, status=400 if context["fout"] else 200)


@require_POST
def nieuw(request):
    try:
        geom, _ = _locatie(request.POST)
        sessie = sessies.maak(request.POST.getlist("werkzaamheid")[:10], geom)
    except (ZoekFout, RegelFout, SessieFout) as exc:
        context = {
            "q": "",
            "gevonden": werkzaamheden.zoek("", 20).werkzaamheden,
            "passend": True,
            "gekozen": request.POST.getlist("werkzaamheid"),
            "adres": request.POST.get("adres", ""),
            "x": request.POST.get("x", ""),
            "y": request.POST.get("y", ""),
            "crs": request.POST.get("crs", ""),
            "plek": "",
            "fout": str(exc),
        }
        return render(request, "toepasbare_regels/start.html", context, status=400)
    return redirect("vergunningcheck-stap", token=sessie.token)


def _sessie(token):
    try:
        return sessies.haal(token)
    except SessieFout as exc:
        raise Http404(str(exc)) from exc


def stap(request, token):
    sessie = _sessie(token)
    fout, ingevuld, status = "", {}, 200
    if request.method == "POST":
        actie = request.POST.get("actie", "volgende")
        if actie == "vorige":
            sessies.vorige(sessie)
            return redirect("vergunningcheck-stap", token=token)
        if actie == "betwist":
            sessies.betwist(
                sessie,
                request.POST.get("feit", ""),
                request.POST.get("waarde", ""),
                request.POST.get("toelichting", ""),
            )
            return redirect("vergunningcheck-stap", token=token)
        ingevuld = {k: v for k, v in request.POST.items() if "." in k}
        try:
            klaar = sessies.beantwoord(sessie, ingevuld)["klaar"]
            # Straight to the result after the last page: the check just ran, no need to run it again.
            return redirect("vergunningcheck-uitkomst" if klaar else "vergunningcheck-stap", token=token)
        except AntwoordFout as exc:
            fout, status = str(exc), 400
    resultaat = sessies.check(sessie).uitvoeren()
    if resultaat["klaar"]:
        return redirect("vergunningcheck-uitkomst", token=token)
    context = {
        "sessie": sessie,
        "r": resultaat,
        "fout": fout,
        "ingevuld": ingevuld,
        "kan_terug": bool(sessie.stappen),
    }
    return render(request, "toepasbare_regels/stap.html", context, status=status)


@require_GET
def uitkomst(request, token):
    sessie = _sessie(token)
    resultaat = sessies.check(sessie).uitvoeren()
    if not resultaat["klaar"]:
        return redirect("vergunningcheck-stap", token=token)
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(uitkomst_pdf(sessie, resultaat), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="vergunningcheck-{token[:8]}.pdf"'
        return response
    lon, lat = naar_wgs84(sessie.locatie.centroid.x, sessie.locatie.centroid.y)
    kaart = {
        **kleine_kaart(),
        "punt": [round(lat, 7), round(lon, 7)],
        "gebieden": reverse("vergunningcheck-gebieden", args=[token]),
    }
    context = {"sessie": sessie, "r": resultaat, "kaart": kaart, "plek": sessies.plek_omschrijving(sessie)}
    return render(request, "toepasbare_regels/uitkomst.html", context)


@require_GET
def werkingsgebieden(request, token):
    """The werkingsgebieden of the result as GeoJSON (WGS84), for the result map."""
    sessie = _sessie(token)
    resultaat = sessies.check(sessie).uitvoeren()
    ids = sorted({w for a in resultaat["activiteiten"] for w in a.get("werkingsgebieden", [])})
    return JsonResponse(
        locaties_geojson(ids, sessie.peildatum) if ids else {"type": "FeatureCollection", "features": []}
    )
