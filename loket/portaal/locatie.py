"""/locatie: everything the map panel shows about a place, as a plain page (no map, no JavaScript)."""

from django.shortcuts import render

from kaartlagen import locatie, zoeken

# BAG gebruiksdoelen in everyday words (taalniveau B1).
GEBRUIKSDOELEN = {
    "woonfunctie": "wonen",
    "winkelfunctie": "winkel",
    "kantoorfunctie": "kantoor",
    "bijeenkomstfunctie": "bijeenkomsten (bijvoorbeeld horeca of een kerk)",
    "industriefunctie": "bedrijf of werkplaats",
    "onderwijsfunctie": "school",
    "gezondheidszorgfunctie": "zorg",
    "logiesfunctie": "hotel of pension",
    "sportfunctie": "sport",
    "celfunctie": "gevangenis",
    "overige gebruiksfunctie": "overig",
}


def _leesbaar(info: locatie.LocatieInformatie) -> locatie.LocatieInformatie:
    for pand in info.panden:
        pand["gebruik"] = ", ".join(GEBRUIKSDOELEN.get(d, d) for d in pand["gebruiksdoelen"]) or "onbekend"
    return info


def locatie_pagina(request):
    adres = request.GET.get("adres", "")[: zoeken.MAX_ZOEKTERM + 1]
    ident = request.GET.get("id", "")
    context = {"adres": adres, "info": None, "andere": [], "fout": ""}
    status = 200
    try:
        if ident:
            context["info"] = locatie.bij_adres(ident)
            if context["info"] is None:
                context["fout"], status = "We kennen dit adres niet. Zoek het adres opnieuw.", 404
        elif adres.strip():
            treffers = zoeken.suggest(adres, 10)
            eerste_adres = next((t for t in treffers if t.type == "adres"), None)
            if eerste_adres:
                context["info"] = locatie.bij_adres(eerste_adres.id)
                context["andere"] = [t for t in treffers if t is not eerste_adres and t.type == "adres"]
            elif treffers:
                context["andere"] = treffers
                context["fout"] = "Typ ook het huisnummer, dan laten we zien wat er op dat adres is."
            else:
                context["fout"], status = (
                    "We hebben niets gevonden. Controleer het adres of de postcode.",
                    404,
                )
    except zoeken.ZoekFout as exc:
        context["fout"], status = str(exc), 400
    if context["info"]:
        _leesbaar(context["info"])
    return render(request, "portaal/locatie.html", context, status=status)
