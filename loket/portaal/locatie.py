"""/locatie: everything the map panel shows about a place, as a plain page (no map, no JavaScript)."""

from django.shortcuts import render

from kaartlagen import locatie, zoeken


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
                # A street was found but no address: either the number is missing or it does not exist.
                context["fout"] = (
                    "Dit huisnummer kennen we niet. Controleer het nummer, of kies hieronder."
                    if any(teken.isdigit() for teken in adres)
                    else "Typ ook het huisnummer, dan laten we zien wat er op dat adres is."
                )
            else:
                context["fout"], status = (
                    "We hebben niets gevonden. Controleer het adres of de postcode.",
                    404,
                )
    except zoeken.ZoekFout as exc:
        context["fout"], status = str(exc), 400
    return render(request, "portaal/locatie.html", context, status=status)
