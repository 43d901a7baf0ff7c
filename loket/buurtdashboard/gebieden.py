"""The gebieden the dashboard speaks of: the gemeente, its CBS wijken and buurten (kaartlagen)."""

from dataclasses import dataclass

from kaartlagen.models import Buurt, Wijk
from kern.fouten import CodeFout
from kern.gemeente import huidige


class GebiedOnbekend(CodeFout):
    http_status = 404
    titel = "Gebied niet gevonden"


@dataclass(frozen=True)
class Gebied:
    code: str
    naam: str
    soort: str  # gemeente | wijk | buurt


def wijk_van(gebiedscode: str) -> str:
    """WK040001 for WK040001 and for BU04000102 (CBS codes nest by their digits)."""
    if gebiedscode[:2] in ("WK", "BU") and len(gebiedscode) >= 8:
        return "WK" + gebiedscode[2:8]
    return ""


def gemeente() -> Gebied:
    g = huidige()
    return Gebied(g.cbs_code, g.naam, "gemeente")


def gebied(code: str) -> Gebied:
    code = code.strip().upper()
    if code == huidige().cbs_code:
        return gemeente()
    model = {"WK": Wijk, "BU": Buurt}.get(code[:2])
    naam = model.objects.filter(code=code).values_list("naam", flat=True).first() if model else None
    if naam is None:
        raise GebiedOnbekend("gebied_onbekend", f"{code[:12]} is geen wijk of buurt van deze gemeente.")
    return Gebied(code, naam, "wijk" if code.startswith("WK") else "buurt")


def wijken() -> list[Gebied]:
    nummer = huidige().nummer
    return [
        Gebied(c, n, "wijk")
        for c, n in Wijk.objects.filter(code__startswith=f"WK{nummer}").values_list("code", "naam")
    ]


def buurten(wijkcode: str | None = None) -> list[Gebied]:
    qs = Buurt.objects.filter(code__startswith=f"BU{huidige().nummer}")
    if wijkcode:
        qs = qs.filter(wijk_id=wijkcode)
    return [Gebied(c, n, "buurt") for c, n in qs.values_list("code", "naam")]


def onderdelen(g: Gebied) -> list[Gebied]:
    """What a gebied is made of: the gemeente its wijken, a wijk its buurten, a buurt nothing."""
    if g.soort == "gemeente":
        return wijken()
    if g.soort == "wijk":
        return buurten(g.code)
    return []
