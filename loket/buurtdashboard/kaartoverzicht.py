"""The map page of a gebied: a choropleth of its buurten for one indicator, with the value table
beside it, and the meldingen hotspots in hexagons of the last 12 weeks."""

import json
from datetime import timedelta

from django.utils import timezone

from kern.crs import WGS84
from loket.buurtdashboard import gebieden, indicatoren, kaarten, kerncijfers, privacy
from loket.buurtdashboard.meldingenbron import hexagonen
from loket.buurtdashboard.models import Buurtprofiel
from loket.buurtdashboard.tabel import Tabel
from loket.buurtdashboard.toegang import Toegang

HOTSPOT_WEKEN = 12


def _meldingen(b):
    return privacy.aantal(indicatoren.opgeslagen([b.code])[b.code].totaal.nieuw)


def _termijn(b):
    kg = indicatoren.opgeslagen([b.code])[b.code].totaal
    return privacy.afgeleid(kg.binnen_termijn_pct, kg.afgehandeld)


def _profiel(veld):
    def waarde(b):
        p = Buurtprofiel.objects.filter(gebiedscode=b.code).first()
        if not p:
            return None
        if veld == "woningen":
            return privacy.aantal(p.woningen)
        v = p.voorzieningen.get(veld) or {}
        return privacy.afgeleid(v.get("mediaan_m"), v.get("woningen"))

    return waarde


def _oud(b):
    return kerncijfers.aandeel_65plus(b.code)[0]


# indicator: (label, function(buurt) -> value as shown)
INDICATOREN = {
    "meldingen": ("Nieuwe meldingen (24 maanden)", _meldingen),
    "binnen_termijn": ("Meldingen binnen termijn (%)", _termijn),
    "woningen": ("Woningen (BAG)", _profiel("woningen")),
    "aandeel_65plus": ("Inwoners 65 jaar of ouder (%, CBS)", _oud),
    "afstand_zorg": ("Mediaan afstand tot zorg (m, hemelsbreed)", _profiel("zorg")),
    "afstand_winkel": ("Mediaan afstand tot winkel (m, hemelsbreed)", _profiel("winkel")),
    "afstand_onderwijs": ("Mediaan afstand tot onderwijs (m, hemelsbreed)", _profiel("onderwijs")),
    "afstand_sport": ("Mediaan afstand tot sport (m, hemelsbreed)", _profiel("sport")),
}


def buurten_op_kaart(g: gebieden.Gebied, t: Toegang) -> list[gebieden.Gebied]:
    if g.soort == "buurt":
        return [g]
    delen = gebieden.buurten(g.code if g.soort == "wijk" else None)
    toegestaan = set(t.filter_codes([b.code for b in delen]))
    return [b for b in delen if b.code in toegestaan]


def keuze(indicator: str | None) -> str:
    return indicator if indicator in INDICATOREN else "meldingen"


def waardetabel(g: gebieden.Gebied, t: Toegang, indicator: str) -> tuple[Tabel, dict]:
    label, functie = INDICATOREN[indicator]
    buurten = buurten_op_kaart(g, t)
    waarden = {b.code: functie(b) for b in buurten}
    tabel = Tabel("kaart", f"{label} per buurt", ["buurt", label, "klasse"])
    kl = kaarten.klassen([v for v in waarden.values() if isinstance(v, int | float)])
    for b in buurten:
        w = waarden[b.code]
        k = kaarten.klasse_van(w, kl)
        tabel.rijen.append(
            [b.naam, "–" if w is None else w, f"{k.nummer + 1} ({k.van} – {k.tot})" if k else "–"]
        )
    return tabel, waarden


def hotspots(g: gebieden.Gebied, t: Toegang) -> list[tuple[str, int]]:
    sinds = timezone.now() - timedelta(weeks=HOTSPOT_WEKEN)
    if g.soort == "buurt":
        waar, params = "z.buurtcode = %s", [g.code]
    elif g.soort == "wijk":
        waar, params = "z.wijkcode = %s", [g.code]
    elif t.wijken is not None:
        waar, params = "z.wijkcode = any(%s)", [list(t.wijken)]
    else:
        waar, params = "true", []
    return hexagonen(waar, params, sinds, WGS84, minimum=privacy.DREMPEL)


def hotspottabel(hexen) -> Tabel:
    tabel = Tabel(
        "hotspots",
        f"Meldingen per zeshoek van 250 m, laatste {HOTSPOT_WEKEN} weken",
        ["zeshoek (middelpunt, breedte lengte)", "meldingen"],
        toelichting="Alleen zeshoeken met 5 of meer meldingen staan op de kaart en in de tabel.",
    )
    for g, n in hexen:
        punten = json.loads(g)["coordinates"][0]
        lat = sum(p[1] for p in punten[:-1]) / (len(punten) - 1)
        lon = sum(p[0] for p in punten[:-1]) / (len(punten) - 1)
        tabel.rijen.append([f"{lat:.4f} {lon:.4f}", n])
    return tabel


def kaartpagina(g: gebieden.Gebied, t: Toegang, indicator: str, nonce: str) -> dict:
    indicator = keuze(indicator)
    label = INDICATOREN[indicator][0]
    tabel, waarden = waardetabel(g, t, indicator)
    hexen = hotspots(g, t)
    return {
        "indicator": indicator,
        "indicatoren": [(k, v[0]) for k, v in INDICATOREN.items()],
        "label": label,
        "choropleth": kaarten.choropleth(list(waarden), waarden, label, nonce),
        "waardetabel": tabel,
        "hotspotkaart": kaarten.hexagonkaart(hexen, nonce),
        "hotspottabel": hotspottabel(hexen),
    }
