"""Public pages: subscribe (no map needed; drawing on the map is an extra), confirm, manage, pause,
unsubscribe (also one-click, RFC 8058), inzage as JSON, and the berichten themselves. Every page
works without JavaScript."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kern.ratelimit import tel
from loket.buurtberichten import abonnementen, berichten, gebieden, invoer, kaartbeeld, kaartlaag
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import HANDMATIG, Bericht, Frequentie, Onderwerp

TE_VAAK = "U heeft het afgelopen uur te vaak een aanmelding verstuurd. Probeer het later opnieuw."
BRON = "website /buurtberichten"


def _keuzes() -> dict:
    return {
        "onderwerpen": Onderwerp.choices,
        "frequenties": Frequentie.choices,
        "stralen": gebieden.STRALEN_M,
        "buurten": gebieden.buurten(),
        "wijken": gebieden.wijken(),
        "max_km2": settings.BUURTBERICHTEN_MAX_VLAK_KM2,
        "uren": settings.BUURTBERICHTEN_ONBEVESTIGD_UREN,
    }


def _startpagina(request, data: dict, fout: str = "", status: int = 200):
    context = {"data": data, "fout": fout, "config": kaartlaag.paginaconfig(request), **_keuzes()}
    return render(request, "buurtberichten/start.html", context, status=status)


@require_http_methods(["GET", "POST"])
def start(request):
    if request.method == "GET":
        standaard = {
            "gebied_soort": "adres",
            "straal": "250",
            "frequentie": Frequentie.WEKELIJKS,
            "onderwerpen": [o for o in Onderwerp.values if o != Onderwerp.MELDINGEN],
        }
        return _startpagina(request, standaard)
    data = invoer.formulier(request.POST)
    if request.POST.get("website"):  # honeypot: people leave it empty
        return redirect("buurtberichten:aangemeld")
    if not tel(request, "buurtberichten-aanmelden", settings.BUURTBERICHTEN_MAX_PER_UUR):
        return _startpagina(request, data, TE_VAAK, status=429)
    try:
        if not data["toestemming"]:
            raise BuurtberichtFout(
                "toestemming_ontbreekt",
                "Zet een vinkje bij 'Ik wil deze berichten krijgen' om verder te gaan.",
            )
        gebied = invoer.gebied(request.POST)
        abonnementen.abonneer(
            data["email"], [gebied] if gebied else [], invoer.voorkeuren(request.POST), bron=BRON
        )
    except BuurtberichtFout as fout:
        return _startpagina(request, data, str(fout), status=400)
    # The same answer whether or not a mail went out (daily maximum): nothing to learn about an address.
    return redirect("buurtberichten:aangemeld")


@require_GET
def aangemeld(request):
    return render(
        request, "buurtberichten/aangemeld.html", {"uren": settings.BUURTBERICHTEN_ONBEVESTIGD_UREN}
    )


def _foutpagina(request, fout: BuurtberichtFout):
    return render(request, "buurtberichten/fout.html", {"fout": str(fout)}, status=fout.http_status)


@require_http_methods(["GET", "POST"])
def bevestig(request, token: str):
    """GET shows a button, POST confirms: a mail scanner that opens links confirms nothing."""
    if request.method == "GET":
        return render(request, "buurtberichten/bevestig.html", {"token": token})
    try:
        abonnement = abonnementen.bevestig(token)
    except BuurtberichtFout as fout:
        return _foutpagina(request, fout)
    return redirect(reverse("buurtberichten:beheer", args=[abonnement.token]) + "?bevestigd=1")


def _beheerpagina(request, token: str, fout: str = "", melding: str = "", status: int = 200):
    abonnement = abonnementen.met_token(token)
    context = {
        "abonnement": abonnement,
        "gebieden": list(abonnement.gebieden.all()),
        "fout": fout,
        "melding": melding,
        "data": {"gebied_soort": "adres", "straal": "250"},
        "config": kaartlaag.paginaconfig(request),
        **_keuzes(),
    }
    response = render(request, "buurtberichten/beheer.html", context, status=status)
    # The token is in the URL: never sent to another site. Not "no-referrer": Chromium then posts
    # the page's own forms with Origin: null, which the CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def beheer(request, token: str):
    try:
        if request.method == "GET":
            melding = "Dank u wel. Uw aanmelding is bevestigd." if request.GET.get("bevestigd") else ""
            return _beheerpagina(request, token, melding=melding)
        actie = request.POST.get("actie", "")
        if actie == "voorkeuren":
            abonnementen.wijzig(token, invoer.voorkeuren(request.POST))
            melding = "Uw keuzes zijn opgeslagen."
        elif actie in ("pauzeer", "hervat"):
            abonnementen.pauzeer(token, actie == "pauzeer")
            melding = "We sturen u even niets." if actie == "pauzeer" else "U krijgt weer berichten."
        elif actie == "gebied_toevoegen":
            gebied = invoer.gebied(request.POST)
            if gebied is None:
                raise BuurtberichtFout(
                    "gebied_ontbreekt", "Kies een adres met afstand, een buurt of een wijk."
                )
            abonnementen.voeg_gebied_toe(token, gebied)
            melding = "Het gebied is toegevoegd."
        elif actie == "gebied_verwijderen":
            abonnementen.verwijder_gebied(token, int(request.POST.get("gebied", "0") or 0))
            melding = "Het gebied is verwijderd."
        else:
            raise BuurtberichtFout("actie_onbekend", "Dat kan hier niet.")
    except BuurtberichtFout as fout:
        if fout.code == "token_onbekend":
            return _foutpagina(request, fout)
        return _beheerpagina(request, token, fout=str(fout), status=400)
    return _beheerpagina(request, token, melding=melding)


@csrf_exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" without our form; the token is the key
@require_http_methods(["GET", "POST"])
def afmelden(request, token: str):
    """GET: a page with one button. POST (the button, or one click in the mail client): erase."""
    if request.method == "GET":
        try:
            abonnementen.met_token(token)
        except BuurtberichtFout as fout:
            return _foutpagina(request, fout)
        response = render(request, "buurtberichten/afmelden.html", {"token": token})
        response["Referrer-Policy"] = "same-origin"
        return response
    try:
        abonnementen.afmelden(token)
    except BuurtberichtFout as fout:
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)  # already gone: for the mail client that is success
        return _foutpagina(request, fout)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse("Afgemeld.", content_type="text/plain; charset=utf-8")
    return render(request, "buurtberichten/afgemeld.html")


@require_GET
def gegevens(request, token: str):
    """Inzage (AVG art. 15): everything we hold, as a JSON download."""
    try:
        data = abonnementen.inzage(token)
    except BuurtberichtFout as fout:
        return _foutpagina(request, fout)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="buurtberichten-mijn-gegevens.json"'
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def lijst(request):
    soort = request.GET.get("soort", "")
    buurt = request.GET.get("buurt", "")[:16]
    soorten = [soort] if soort in Onderwerp.values else None
    gekozen_buurt = next((b for b in gebieden.buurten() if b[0] == buurt), None)
    if gekozen_buurt:
        qs = berichten.in_gebied(gebieden.buurt(buurt).geom, soorten)
    else:
        qs = berichten.openbaar().filter(soort__in=soorten) if soorten else berichten.openbaar()
    pagina = Paginator(qs, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "buurtberichten/lijst.html",
        {"pagina": pagina, "soort": soort, "buurt": gekozen_buurt, **_keuzes()},
    )


def _bericht(uuid) -> Bericht:
    bericht = berichten.openbaar().filter(uuid=uuid).first()
    if bericht is None:
        raise Http404("Dit bericht bestaat niet.")
    return bericht


@require_GET
def bericht(request, uuid):
    b = _bericht(uuid)
    buurten = berichten.buurten_bij(b)
    return render(
        request,
        "buurtberichten/bericht.html",
        {
            "bericht": b,
            "buurten": buurten,
            "handmatig": b.soort in HANDMATIG,
            "geojson": json.dumps(berichten.als_feature(b)),
        },
    )


@require_GET
def kaartje(request, uuid):
    """The bericht's small map as PNG (the same image the e-mail carries)."""
    b = Bericht.objects.filter(uuid=uuid).only("kaartbeeld", "geom").first()
    if b is None:
        raise Http404("Dit bericht bestaat niet.")
    png = bytes(b.kaartbeeld) if b.kaartbeeld else kaartbeeld.maak(b.geom)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response
