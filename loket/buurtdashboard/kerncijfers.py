"""CBS kerncijfers of a gebied as the dashboard shows them: the latest year per figure, the year
always beside the number, counts suppressed below 5 (privacy.py)."""

from loket.buurtdashboard import privacy
from loket.buurtdashboard.models import Kerncijfer

# (kenmerk, label, is a count of people or households)
KENMERKEN = [
    ("AantalInwoners", "Inwoners", True),
    ("k_0Tot15Jaar", "Inwoners 0 tot 15 jaar", True),
    ("k_15Tot25Jaar", "Inwoners 15 tot 25 jaar", True),
    ("k_25Tot45Jaar", "Inwoners 25 tot 45 jaar", True),
    ("k_45Tot65Jaar", "Inwoners 45 tot 65 jaar", True),
    ("k_65JaarOfOuder", "Inwoners 65 jaar of ouder", True),
    ("HuishoudensTotaal", "Huishoudens", True),
    ("GemiddeldeHuishoudensgrootte", "Gemiddelde huishoudensgrootte", False),
    ("Bevolkingsdichtheid", "Inwoners per km²", False),
    ("Woningvoorraad", "Woningen (CBS)", True),
]
# What CBS's marks mean, in B1.
TEKENS = {".": "onbekend of geheim (CBS)", "x": "geheim (CBS)"}


def laatste(codes: list[str]) -> dict[str, dict[str, Kerncijfer]]:
    """{gebiedscode: {kenmerk: the latest year's Kerncijfer}}."""
    rijen = (
        Kerncijfer.objects.filter(gebiedscode__in=codes, kenmerk__in=[k for k, _, _ in KENMERKEN])
        .order_by("gebiedscode", "kenmerk", "-jaar")
        .distinct("gebiedscode", "kenmerk")
    )
    uit: dict[str, dict[str, Kerncijfer]] = {c: {} for c in codes}
    for r in rijen:
        uit[r.gebiedscode][r.kenmerk] = r
    return uit


def toon(cijfer: Kerncijfer | None, is_aantal: bool) -> dict:
    """One figure as every output shows it: {waarde, jaar, tekst}."""
    if cijfer is None:
        return {"waarde": None, "jaar": None, "tekst": "geen gegevens"}
    if cijfer.waarde is None:
        return {
            "waarde": None,
            "jaar": cijfer.jaar,
            "tekst": f"{TEKENS.get(cijfer.teken, 'onbekend')} ({cijfer.jaar})",
        }
    w = cijfer.waarde
    w = int(w) if w == int(w) else round(w, 1)
    w = privacy.aantal(w) if is_aantal else w
    return {"waarde": w, "jaar": cijfer.jaar, "tekst": f"{w} ({cijfer.jaar})"}


def tabel(codes: list[str]) -> list[dict]:
    """Rows per kenmerk with one shown figure per gebiedscode, in the order of `codes`."""
    data = laatste(codes)
    return [
        {"kenmerk": k, "label": label, "cellen": [toon(data[c].get(k), is_aantal) for c in codes]}
        for k, label, is_aantal in KENMERKEN
    ]


def aandeel_65plus(code: str) -> tuple[float | None, int | None]:
    """(share of inwoners 65+ in %, year) from the latest year that has both figures."""
    rijen = {
        (r.jaar, r.kenmerk): r.waarde
        for r in Kerncijfer.objects.filter(
            gebiedscode=code, kenmerk__in=["AantalInwoners", "k_65JaarOfOuder"]
        )
    }
    for jaar in sorted({j for j, _ in rijen}, reverse=True):
        inw, oud = rijen.get((jaar, "AantalInwoners")), rijen.get((jaar, "k_65JaarOfOuder"))
        if inw and oud is not None:
            return privacy.afgeleid(round(100 * oud / inw, 1), inw), jaar
    return None, None
