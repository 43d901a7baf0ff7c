"""What a gebied's page shows, as tables: one source for page, API and CSV export, so scope and
suppression are applied once. Every count goes through `privacy.aantal`, every share, median or mean
through `privacy.afgeleid` with the count it rests on."""

from datetime import timedelta
from functools import cache

from loket.buurtdashboard import (
    bronoverzicht,
    gebieden,
    grafieken,
    indicatoren,
    kerncijfers,
    privacy,
    profiel,
    vroegsignaal,
)
from loket.buurtdashboard.meldingenbron import categorieen
from loket.buurtdashboard.models import Buurtprofiel, Signaal, Voorspelling
from loket.buurtdashboard.tabel import Tabel
from loket.buurtdashboard.toegang import Toegang


def kolommen(g: gebieden.Gebied, t: Toegang) -> list[gebieden.Gebied]:
    """The gebied itself, the gemeente beside it, then its parts this role may see."""
    uit = [g] if g.soort == "gemeente" else [g, gebieden.gemeente()]
    delen = gebieden.onderdelen(g)
    toegestaan = set(t.filter_codes([d.code for d in delen]))
    return uit + [d for d in delen if d.code in toegestaan]


def _getal(w, decimalen=1):
    if w is None or isinstance(w, str):
        return "–" if w is None else w
    if isinstance(w, float):
        return round(w, decimalen) if decimalen else round(w)
    return w


def meldingen(kol, cijfers) -> Tabel:
    tabel = Tabel(
        "meldingen",
        "Meldingen openbare ruimte, laatste 24 maanden",
        [
            "gebied",
            "nieuw",
            "open",
            "gesloten",
            "mediaan doorlooptijd (dagen)",
            "binnen termijn (%)",
            "trend",
        ],
        toelichting="Gesloten = afgehandeld, geannuleerd of doorgezet. Doorlooptijd en termijn over de gesloten meldingen.",
    )
    for k in kol:
        c = cijfers[k.code]
        kg = c.totaal
        tabel.rijen.append(
            [
                k.naam,
                privacy.aantal(kg.nieuw),
                privacy.aantal(kg.open),
                privacy.aantal(kg.afgehandeld),
                _getal(privacy.afgeleid(kg.mediaan_dagen, kg.afgehandeld)),
                _getal(privacy.afgeleid(kg.binnen_termijn_pct, kg.afgehandeld)),
                c.trend if not privacy.is_klein(kg.nieuw) else privacy.KLEIN,
            ]
        )
    return tabel


def per_categorie(g, cijfers) -> Tabel:
    gemeente = gebieden.gemeente()
    namen = categorieen()
    hier = cijfers[g.code].per_hoofdcategorie
    daar = cijfers[gemeente.code].per_hoofdcategorie
    kop = ["onderwerp", f"nieuw {g.naam}", "open", "mediaan doorlooptijd (dagen)", "binnen termijn (%)"]
    if g.soort != "gemeente":
        kop += [f"nieuw {gemeente.naam}", "binnen termijn (%) gemeente"]
    tabel = Tabel("categorieen", "Meldingen per onderwerp, laatste 24 maanden", kop)
    for h in sorted(set(hier) | set(daar), key=lambda i: namen.get(i, {}).get("naam", "")):
        a = hier.get(h) or indicatoren.Kerngetallen(0, 0, 0, None)
        rij = [
            namen.get(h, {}).get("naam", str(h)),
            privacy.aantal(a.nieuw),
            privacy.aantal(a.open),
            _getal(privacy.afgeleid(a.mediaan_dagen, a.afgehandeld)),
            _getal(privacy.afgeleid(a.binnen_termijn_pct, a.afgehandeld)),
        ]
        if g.soort != "gemeente":
            b = daar.get(h) or indicatoren.Kerngetallen(0, 0, 0, None)
            rij += [privacy.aantal(b.nieuw), _getal(privacy.afgeleid(b.binnen_termijn_pct, b.afgehandeld))]
        tabel.rijen.append(rij)
    tabel.grafiek = grafieken.staven(tabel.rijen, tabel.kop)
    return tabel


def per_maand(g, cijfers) -> Tabel:
    gemeente = gebieden.gemeente()
    hier = cijfers[g.code].reeks("month")
    kop = ["maand", f"nieuw {g.naam}"]
    daar = None
    if g.soort != "gemeente":
        daar = dict(cijfers[gemeente.code].reeks("month"))
        kop.append(f"nieuw {gemeente.naam}")
    tabel = Tabel(
        "maanden",
        "Nieuwe meldingen per maand",
        kop,
        toelichting="De lopende maand is nog niet compleet; de grafiek laat hem weg.",
    )
    for maand, n in hier:
        tabel.rijen.append(
            [bronoverzicht.maandlabel(maand), privacy.aantal(n)]
            + ([privacy.aantal(daar.get(maand, 0))] if daar else [])
        )
    tabel.grafiek = grafieken.maandlijn(tabel.rijen, tabel.kop)
    return tabel


def per_week(g, cijfers) -> Tabel:
    tabel = Tabel("weken", f"Nieuwe meldingen per week, {g.naam}", ["week (maandag)", "nieuw"])
    reeks = cijfers[g.code].reeks("week")
    tabel.rijen = [[w.isoformat(), privacy.aantal(n)] for w, n in reeks]
    if tabel.rijen:  # the running week, like the running month, is not whole yet
        tabel.rijen[-1][0] += " (lopend)"
    return tabel


def _profielen(kol) -> dict[str, Buurtprofiel]:
    return {p.gebiedscode: p for p in Buurtprofiel.objects.filter(gebiedscode__in=[k.code for k in kol])}


def woningen(kol) -> Tabel:
    pr = _profielen(kol)
    klassen = [naam for _, _, naam in profiel.BOUWJAARKLASSEN]
    tabel = Tabel(
        "woningen",
        "Woningen en gebouwen (BAG)",
        ["gebied", "woningen", "gemiddelde oppervlakte (m²)", *[f"bouwjaar {k}" for k in klassen]],
        toelichting="Woning = verblijfsobject in gebruik met woonfunctie. Bouwjaar van het pand.",
    )
    for k in kol:
        p = pr.get(k.code)
        if not p:
            tabel.rijen.append([k.naam, "–", "–", *["–" for _ in klassen]])
            continue
        tabel.rijen.append(
            [
                k.naam,
                privacy.aantal(p.woningen),
                _getal(privacy.afgeleid(p.oppervlakte_gemiddeld, p.woningen), 0),
            ]
            + [privacy.aantal(p.bouwjaarklassen.get(kl, 0)) for kl in klassen]
        )
    return tabel


def gebruiksdoelen(kol) -> Tabel:
    pr = _profielen(kol)
    doelen = sorted({d for p in pr.values() for d in p.gebruiksdoelen})
    tabel = Tabel(
        "gebruiksdoelen", "Verblijfsobjecten per gebruiksdoel (BAG)", ["gebruiksdoel", *[k.naam for k in kol]]
    )
    for d in doelen:
        tabel.rijen.append(
            [d, *[privacy.aantal(pr[k.code].gebruiksdoelen.get(d, 0)) if k.code in pr else "–" for k in kol]]
        )
    return tabel


def voorzieningen(kol) -> Tabel:
    pr = _profielen(kol)
    soorten = list(profiel.VOORZIENINGEN)
    kop = ["gebied", "65 jaar of ouder (%, CBS)"]
    for s in soorten:
        kop += [f"{s}: mediaan afstand (m)", f"{s}: woningen verder dan 1 km (%)"]
    tabel = Tabel(
        "voorzieningen",
        "Afstand tot voorzieningen, naast het aandeel 65-plussers",
        kop,
        toelichting="Afstand hemelsbreed (in een rechte lijn) van elke woning tot het dichtstbijzijnde verblijfsobject met die functie in de BAG; geen looproute.",
    )
    for k in kol:
        aandeel, jaar = kerncijfers.aandeel_65plus(k.code)
        rij = [k.naam, f"{aandeel} ({jaar})" if aandeel is not None else "–"]
        p = pr.get(k.code)
        for s in soorten:
            v = (p.voorzieningen.get(s) if p else None) or {}
            n = v.get("woningen") or 0
            ver = round(100 * v["boven_1km"] / n, 1) if n else None
            rij += [_getal(privacy.afgeleid(v.get("mediaan_m"), n), 0), _getal(privacy.afgeleid(ver, n))]
        tabel.rijen.append(rij)
    return tabel


def kerncijfertabel(kol) -> Tabel:
    tabel = Tabel(
        "kerncijfers",
        "Bevolking en huishoudens (CBS Kerncijfers wijken en buurten; het jaar staat bij elk cijfer)",
        ["kenmerk", *[k.naam for k in kol]],
    )
    tabel.rijen = [
        [r["label"], *[c["tekst"] for c in r["cellen"]]] for r in kerncijfers.tabel([k.code for k in kol])
    ]
    return tabel


def _binnen(qs, g, t):
    if g.soort == "buurt":
        qs = qs.filter(buurtcode=g.code)
    elif g.soort == "wijk":
        qs = qs.filter(wijkcode=g.code)
    elif t.wijken is not None:
        qs = qs.filter(wijkcode__in=t.wijken)
    return qs


def signalen(g, t) -> Tabel:
    namen = {b.code: b.naam for b in gebieden.buurten()}
    laatste = Signaal.objects.order_by("-week").values_list("week", flat=True).first()
    rijen = list(
        _binnen(
            Signaal.objects.filter(week__gte=laatste - timedelta(weeks=3))
            if laatste
            else Signaal.objects.none(),
            g,
            t,
        ).order_by("-week", "buurtcode")
    )
    stapels = vroegsignaal.gestapeld(rijen)
    tabel = Tabel(
        "signalen",
        "Vroegsignalering: meer meldingen dan verwacht (laatste 4 weken)",
        ["buurt", "week (maandag)", "onderwerp", "uitleg", "gestapeld"],
        toelichting="Per buurt en onderwerp vergeleken met wat past bij de seizoenen en de trend van de afgelopen twee jaar (Farrington flexibel, gecorrigeerd voor het aantal toetsen). Gestapeld: in dezelfde week geven twee of meer onderwerpen in de buurt een signaal.",
    )
    cat = categorieen()
    for s in rijen:
        tabel.rijen.append(
            [
                namen.get(s.buurtcode, s.buurtcode),
                s.week.isoformat(),
                cat.get(s.hoofdcategorie, {}).get("naam", ""),
                s.uitleg,
                "ja" if any(x.week == s.week for x in stapels.get(s.buurtcode, [])) else "nee",
            ]
        )
    return tabel


def voorspellingen(g, t) -> Tabel:
    cat = categorieen()
    per: dict[tuple, list[float]] = {}
    for v in _binnen(Voorspelling.objects.all(), g, t):
        som = per.setdefault((v.hoofdcategorie, v.week), [0.0, 0.0, 0.0])
        som[0] += v.verwacht
        som[1] += v.onder
        som[2] += v.boven
    tabel = Tabel(
        "voorspelling",
        "Verwachte meldingen in de komende 4 weken",
        ["onderwerp", "week (maandag)", "verwacht", "marge (90%)"],
        toelichting="Uit de meldingen van de afgelopen twee jaar, met seizoen en trend (quasi-Poisson). Bij een wijk of de gemeente zijn de marges van de buurten opgeteld: een ruime schatting.",
    )
    for (h, week), (mu, onder, boven) in sorted(
        per.items(), key=lambda kv: (cat.get(kv[0][0], {}).get("naam", ""), kv[0][1])
    ):
        tabel.rijen.append(
            [cat.get(h, {}).get("naam", ""), week.isoformat(), round(mu, 1), f"{int(onder)} tot {int(boven)}"]
        )
    return tabel


def _bouwers(g: gebieden.Gebied, t: Toegang) -> dict:
    """Per table name, how to build it: an export builds only its own table."""
    kol = kolommen(g, t)

    @cache
    def cijfers():
        return indicatoren.opgeslagen(list({k.code for k in kol} | {g.code, gebieden.gemeente().code}))

    bronnen = bronoverzicht.Bronnen(bronoverzicht.eerste_maand(), [*kol, g, gebieden.gemeente()])

    return {
        "signalen": lambda: signalen(g, t),
        "voorspelling": lambda: voorspellingen(g, t),
        "meldingen": lambda: meldingen(kol, cijfers()),
        "categorieen": lambda: per_categorie(g, cijfers()),
        "maanden": lambda: per_maand(g, cijfers()),
        "weken": lambda: per_week(g, cijfers()),
        "woningen": lambda: woningen(kol),
        "gebruiksdoelen": lambda: gebruiksdoelen(kol),
        "voorzieningen": lambda: voorzieningen(kol),
        "kerncijfers": lambda: kerncijfertabel(kol),
        "vergunningen": lambda: bronoverzicht.vergunningen(kol, bronnen),
        "activiteiten": lambda: bronoverzicht.activiteiten(g, bronnen),
        "vergunningmaanden": lambda: bronoverzicht.vergunningmaanden(g, bronnen),
        "berichten": lambda: bronoverzicht.berichten(kol, bronnen),
    }


# Every table of a page, in its order; each has a CSV export.
TABELLEN = [
    "signalen",
    "voorspelling",
    "meldingen",
    "categorieen",
    "maanden",
    "weken",
    "vergunningen",
    "activiteiten",
    "vergunningmaanden",
    "berichten",
    "woningen",
    "gebruiksdoelen",
    "voorzieningen",
    "kerncijfers",
]


def tabellen(g: gebieden.Gebied, t: Toegang) -> list[Tabel]:
    bouwers = _bouwers(g, t)
    return [bouwers[naam]() for naam in TABELLEN]


def tabel(g: gebieden.Gebied, t: Toegang, naam: str) -> Tabel:
    return _bouwers(g, t)[naam]()


def overzicht(g: gebieden.Gebied, t: Toegang) -> dict:
    return {"kolommen": kolommen(g, t), "tabellen": tabellen(g, t)}
