"""Public pages: melden (with or without the map), aansluiten, volgen, reageren, eigen gegevens.
Every page works without JavaScript; melden.js adds the map, address suggestions and the
"Is dit al gemeld?" hint while typing."""

import json

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaartlagen import zoeken
from kaartlagen.kaart import kleine_kaart, ondergrondkaart
from kern import ratelimit
from kern.fouten import CodeFout
from loket.meldingen import avg, fotos, invoer, services
from loket.meldingen.models import Melding
from loket.zaken.models import Zaak

TE_VAAK = "U heeft het afgelopen uur te vaak iets verstuurd. Probeer het later opnieuw."


def _getal(tekst: str) -> float | None:
    try:
        return float(tekst) if tekst else None
    except ValueError:
        return None


def _formulier(post) -> dict:
    return {
        "categorie": post.get("categorie", "")[:60],
        "omschrijving": post.get("omschrijving", "")[: services.MAX_TEKST + 1],
        "x": _getal(post.get("x", "")),
        "y": _getal(post.get("y", "")),
        "crs": "rd" if post.get("crs") == "rd" else "wgs84",
        "adres_id": post.get("adres_id", "")[:40],
        "adres": post.get("adres", "")[: zoeken.MAX_ZOEKTERM],
        "email": post.get("email", "")[:254],
        "telefoon": post.get("telefoon", "")[:20],
        "toestemming": post.get("toestemming") == "ja",
        "website": post.get("website", ""),
    }


def _adres_uit_tekst(data: dict) -> None:
    """Without JavaScript the resident types an address; the best address match is the location."""
    if data["adres_id"] or data["x"] is not None or not data["adres"].strip():
        return
    treffer = next((t for t in zoeken.suggest(data["adres"], 5) if t.type == "adres"), None)
    if treffer is None:
        raise services.MeldingFout("adres_onbekend", "We vinden dit adres niet. Typ straat en huisnummer.")
    data["adres_id"] = treffer.id


def _pagina(request, data: dict, fout: str = "", dubbel=None, status: int = 200):
    context = {
        "boom": services.categorie_boom(),
        "data": data,
        "fout": fout,
        "dubbel": dubbel,
        "max_fotos": fotos.MAX_FOTOS,
        "contact_dagen": settings.MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN,
        "config": {
            "suggest": reverse("kaartlagen:locatie-suggest"),
            "lookup": reverse("kaartlagen:locatie-lookup"),
            "alGemeld": reverse("meldingen:api-al-gemeld"),
            "aansluiten": reverse("meldingen:aansluiten", args=["REF"]),
            **ondergrondkaart(request),
        },
    }
    return render(request, "meldingen/melden.html", context, status=status)


@require_http_methods(["GET", "POST"])
def melden(request):
    if request.method == "GET":
        return _pagina(request, {"crs": "wgs84"})
    data = _formulier(request.POST)
    try:
        bestanden = fotos.uit_verzoek(request)
    except CodeFout as exc:
        return _pagina(request, data, str(exc), status=exc.http_status)
    if not ratelimit.tel(request, "melden", settings.MELDINGEN_MAX_PER_UUR):
        return _pagina(request, data, TE_VAAK, status=429)
    try:
        _adres_uit_tekst(data)
        if request.POST.get("toch_melden") != "ja" and data["categorie"]:
            dubbel = invoer.al_gemeld(data)
            if dubbel:
                return _pagina(request, data, dubbel=dubbel)
        melding = invoer.maak_melding(data, bestanden)
    except CodeFout as exc:
        return _pagina(request, data, str(exc), status=400)
    return redirect(reverse("meldingen:volgen", args=[melding.token]) + "?nieuw=1")


@require_POST
def aansluiten(request, referentie: str):
    zaak = Zaak.objects.filter(referentie=referentie, melding__isnull=False).first()
    if zaak is None:
        return render(request, "meldingen/fout.html", {"fout": "Deze melding bestaat niet."}, status=404)
    if not ratelimit.tel(request, "melden", settings.MELDINGEN_MAX_PER_UUR):
        return render(request, "meldingen/fout.html", {"fout": TE_VAAK}, status=429)
    if request.POST.get("website"):
        return render(
            request, "meldingen/fout.html", {"fout": "Dit formulier kon niet worden verwerkt."}, status=400
        )
    try:
        volger = services.sluit_aan(
            zaak, request.POST.get("email", "")[:254], request.POST.get("toestemming") == "ja"
        )
    except CodeFout as exc:
        return render(request, "meldingen/fout.html", {"fout": str(exc)}, status=400)
    if volger.email:
        # Double opt-in: the link goes to the address, not to whoever filled in the form.
        return render(request, "meldingen/aangemeld.html", {"referentie": zaak.referentie})
    return redirect(reverse("meldingen:volgen", args=[volger.token]) + "?aangesloten=1")


@require_POST
def bevestig_volgen(request, token: str):
    melding, volger = _op_token(token)
    if volger is None:
        return _niet_gevonden(request)
    services.bevestig_volger(volger)
    return redirect("meldingen:volgen", token=token)


def _op_token(token: str):
    try:
        return services.op_token(token)
    except Melding.DoesNotExist:
        return None, None


def _niet_gevonden(request):
    return render(request, "meldingen/fout.html", {"fout": "Deze link klopt niet (meer)."}, status=404)


def volgen(request, token: str):
    melding, volger = _op_token(token)
    if melding is None:
        return _niet_gevonden(request)
    if volger is not None and volger.bevestigd is None:
        # A button, not the link itself: a mail scanner that opens every link confirms nothing.
        response = render(
            request, "meldingen/bevestigen.html", {"token": token, "referentie": melding.zaak.referentie}
        )
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "private, no-store"
        return response
    gegevens = services.volg_gegevens(melding, volger)
    context = {
        "gegevens": gegevens,
        "kaart": kleine_kaart(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": gegevens["plek_ll"]}}
                ],
            }
        )
        if gegevens["plek_ll"]
        else None,
        "token": token,
        "nieuw": "nieuw" in request.GET,
        "aangesloten": "aangesloten" in request.GET,
    }
    response = render(request, "meldingen/volgen.html", context)
    # The token is the key: keep it out of referrers and shared caches.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def volgen_foto(request, token: str, nummer: int):
    """The melder's own photo, only through their token: never a public URL, never in a shared cache."""
    try:
        document = services.eigen_foto(token, nummer)
    except Melding.DoesNotExist:
        return _niet_gevonden(request)
    response = FileResponse(document.bestand.open("rb"), content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def reactie(request, token: str):
    melding, volger = _op_token(token)
    if melding is None:
        return _niet_gevonden(request)
    context = {"token": token, "referentie": melding.zaak.referentie, "kan": services.kan_reageren(melding)}
    context["tevreden"] = request.GET.get("tevreden", "")
    if request.method == "POST":
        if volger is not None:
            context["fout"] = "Alleen wie de melding deed, kan hierop reageren."
            return render(request, "meldingen/reactie.html", context, status=403)
        try:
            services.reageer(
                melding, request.POST.get("tevreden") == "ja", request.POST.get("toelichting", "")[:1001]
            )
        except CodeFout as exc:
            context["fout"] = str(exc)
            return render(request, "meldingen/reactie.html", context, status=400)
        context["bedankt"] = True
    return render(request, "meldingen/reactie.html", context)


@require_http_methods(["GET", "POST"])
def gegevens(request, token: str):
    """AVG: see and download what we keep about you, or have it erased."""
    melding, volger = _op_token(token)
    if melding is None:
        return _niet_gevonden(request)
    if request.method == "POST":
        avg.wis(melding, volger)
        return render(request, "meldingen/gegevens.html", {"token": token, "gewist": True})
    inhoud = {"email": volger.email} if volger else avg.gegevens(melding)
    if request.GET.get("download") == "json":
        response = HttpResponse(
            json.dumps(inhoud, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-melding.json"'
        return response
    return render(request, "meldingen/gegevens.html", {"token": token, "inhoud": inhoud})
