"""The "Omgevingsplan" section of locatie-informatie (the /locatie page and the map panel)."""

from django.contrib.gis.geos import Point

from kaartlagen.locatie import LocatieInformatie, Sectie, sectie
from kern.crs import RD_NEW
from toepasbare_regels.omgevingsplan import services
from toepasbare_regels.omgevingsplan.waardelijsten import label


def _waarde(norm: dict) -> str:
    waarde = norm["waarde"]
    if isinstance(waarde, float):
        waarde = f"{waarde:g}".replace(".", ",")
    eenheid = {"Meter": "m"}.get(norm["eenheid"], label(norm["eenheid"]))
    return f"{waarde} {eenheid}".strip()


# The kwalificaties in plain words (B1), strictest first. Of all the rules for one activiteit here,
# the strictest decides: where a monument needs a vergunning, the general "no vergunning needed" for
# the same work does not hold, so the panel shows that one conclusion and the article(s) behind it.
IN_GEWONE_WOORDEN = {
    "verbod": "niet toegestaan",
    "vergunningplicht": "vergunning nodig",
    "meldingsplicht": "melding nodig",
    "informatieplicht": "gegevens doorgeven",
    "gebod": "u moet zich aan regels houden",
    "anders geduid": "er gelden regels",
    "toestemmingsvrij": "geen vergunning nodig als u zich aan de regels houdt",
    "toegestaan": "toegestaan",
}


def conclusie(regels: list[dict]) -> str:
    """The one conclusion that holds for an activiteit at this spot, with the articles it rests on."""
    for kwalificatie, woorden in IN_GEWONE_WOORDEN.items():
        geldend = [r for r in regels if r["kwalificatie"] == kwalificatie]
        if geldend:
            koppen = sorted({r["artikel"]["kop"] for r in geldend if r["artikel"]})
            tekst = f"{woorden} ({'; '.join(koppen)})" if koppen else woorden
            return tekst[:1].upper() + tekst[1:]
    return "Er gelden regels"


@sectie
def omgevingsplan(info: LocatieInformatie) -> Sectie | None:
    regels = services.regels_op(Point(*info.punt_rd, srid=RD_NEW))
    if not regels["locaties"]:
        return None
    rijen: list[tuple[str, str]] = []
    for act in regels["activiteiten"]:
        rijen.append((act["naam"][:1].upper() + act["naam"][1:], conclusie(act["regels"])))
    for ga in regels["gebiedsaanwijzingen"]:
        rijen.append((label(ga["type"]).capitalize() or "Gebiedsaanwijzing", ga["naam"]))
    for norm in regels["normen"]:
        rijen.append((norm["naam"].capitalize(), _waarde(norm)))
    if not rijen:
        return None
    return Sectie("omgevingsplan", "Omgevingsplan", rijen)
