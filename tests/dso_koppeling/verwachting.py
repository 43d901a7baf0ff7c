"""What the back office should hold after a complete sync, worked out from the mock's own state (an
oracle independent of the adapter's code)."""

import copy


def verwachte_verzoeken(opslag) -> dict[str, dict]:
    """verzoeknummer → {versie, omschrijving, punt, activiteiten (answers after aanvullingen), bijlagen}."""
    uit = {}
    for nummer, v in opslag.verzoeken.items():
        if v["type"] != "aanvulling" and not v["kapot"]:
            uit[nummer] = {
                "versie": v["versie"],
                "omschrijving": v["omschrijving"],
                "punt": tuple(v["punt"]),
                "activiteiten": copy.deepcopy(v["activiteiten"]),
                "bijlagen": {b["id"] for b in v["bijlagen"]},
            }
    aanvullingen = sorted(
        (v for v in opslag.verzoeken.values() if v["type"] == "aanvulling"), key=lambda v: v["volgnummer"]
    )
    for a in aanvullingen:
        doel = uit.get(a["hoortBij"])
        if doel is None:
            continue
        # A mock aanvulling changes one answer of the verzoek's first activiteit and adds bijlagen.
        [activiteit] = a["activiteiten"]
        [antwoord] = activiteit["antwoorden"]
        for eigen in doel["activiteiten"]:
            if eigen["urn"] == activiteit["urn"]:
                for vraag in eigen["antwoorden"]:
                    if vraag["vraagId"] == antwoord["vraagId"]:
                        vraag["antwoord"] = antwoord["antwoord"]
        doel["bijlagen"] |= {b["id"] for b in a["bijlagen"]}
    return uit


def aanvullingen(opslag) -> set[str]:
    kapot = {n for n, v in opslag.verzoeken.items() if v["kapot"]}
    return {
        n for n, v in opslag.verzoeken.items() if v["type"] == "aanvulling" and v["hoortBij"] not in kapot
    }


def controleer_lokaal(opslag) -> None:
    """Every verzoek exactly once as a zaak with the right content; no duplicates of anything."""
    from dso_koppeling.models import Aanvulling, Quarantaine, Verzoek
    from loket.zaken.models import Document, Zaak

    verwacht = verwachte_verzoeken(opslag)
    lokaal = {v.verzoeknummer: v for v in Verzoek.objects.select_related("zaak")}
    assert set(lokaal) == set(verwacht), (set(verwacht) - set(lokaal), set(lokaal) - set(verwacht))
    assert Zaak.objects.filter(bron="dso").count() == len(verwacht)
    for nummer, v in verwacht.items():
        hier = lokaal[nummer]
        assert hier.versie == v["versie"], nummer
        assert hier.zaak.omschrijving == v["omschrijving"], nummer
        assert (round(hier.zaak.geometrie.x, 3), round(hier.zaak.geometrie.y, 3)) == v["punt"], nummer
        assert hier.activiteiten == v["activiteiten"], nummer
        bijlagen = {k for k in hier.bijlagen if not k.startswith("publiceerbaar-")}
        assert bijlagen == v["bijlagen"], nummer
        assert f"publiceerbaar-v{v['versie']}" in hier.bijlagen, nummer
        assert Document.objects.filter(zaak=hier.zaak).count() == len(hier.bijlagen), nummer
    assert set(Aanvulling.objects.values_list("verzoeknummer", flat=True)) == aanvullingen(opslag)
    kapot = {n for n, v in opslag.verzoeken.items() if v["kapot"]}
    assert set(Quarantaine.objects.values_list("verzoeknummer", flat=True)) == kapot
