"""What a gebied's page shows, and the same figures as CSV tables: one source for page, API and
export, so suppression and scope are applied once."""

from loket.buurtdashboard import gebieden, kerncijfers
from loket.buurtdashboard.toegang import Toegang


def kolommen(g: gebieden.Gebied, t: Toegang) -> list[gebieden.Gebied]:
    """The gebied itself, the gemeente beside it, then its parts this role may see."""
    uit = [g] if g.soort == "gemeente" else [g, gebieden.gemeente()]
    delen = gebieden.onderdelen(g)
    toegestaan = set(t.filter_codes([d.code for d in delen]))
    return uit + [d for d in delen if d.code in toegestaan]


def overzicht(g: gebieden.Gebied, t: Toegang) -> dict:
    kol = kolommen(g, t)
    return {
        "kolommen": kol,
        "kerncijfers": kerncijfers.tabel([k.code for k in kol]),
    }


def _kerncijfers_csv(g, t):
    kol = kolommen(g, t)
    kop = ["kenmerk", "omschrijving"]
    for k in kol:
        kop += [f"{k.code} {k.naam}", f"{k.code} jaar"]
    rijen = []
    for rij in kerncijfers.tabel([k.code for k in kol]):
        uit = [rij["kenmerk"], rij["label"]]
        for cel in rij["cellen"]:
            uit += [cel["waarde"] if cel["waarde"] is not None else cel["tekst"], cel["jaar"] or ""]
        rijen.append(uit)
    return kop, rijen


TABELLEN = {"kerncijfers": _kerncijfers_csv}
