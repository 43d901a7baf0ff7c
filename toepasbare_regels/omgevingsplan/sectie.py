"""The "Omgevingsplan" section of locatie-informatie (the /locatie page and the map panel)."""

from django.contrib.gis.geos import Point

from kaartlagen.locatie import LocatieInformatie, Sectie, sectie
from loket.crs import RD_NEW
from toepasbare_regels.omgevingsplan import services
from toepasbare_regels.omgevingsplan.waardelijsten import label


def _waarde(norm: dict) -> str:
    waarde = norm["waarde"]
    if isinstance(waarde, float):
        waarde = f"{waarde:g}".replace(".", ",")
    eenheid = {"Meter": "m"}.get(norm["eenheid"], label(norm["eenheid"]))
    return f"{waarde} {eenheid}".strip()


@sectie
def omgevingsplan(info: LocatieInformatie) -> Sectie | None:
    regels = services.regels_op(Point(*info.punt_rd, srid=RD_NEW))
    if not regels["locaties"]:
        return None
    rijen: list[tuple[str, str]] = []
    for act in regels["activiteiten"]:
        kwalificaties = sorted({r["kwalificatie"] for r in act["regels"]})
        artikelen = sorted(
            {r["artikel"]["kop"] for r in act["regels"] if r["artikel"] and r["artikel"]["kop"]}
        )
        tekst = ", ".join(kwalificaties)
        if artikelen:
            tekst += f" ({'; '.join(artikelen)})"
        rijen.append((act["naam"], tekst))
    for ga in regels["gebiedsaanwijzingen"]:
        rijen.append((label(ga["type"]).capitalize() or "Gebiedsaanwijzing", ga["naam"]))
    for norm in regels["normen"]:
        rijen.append((norm["naam"].capitalize(), _waarde(norm)))
    if not rijen:
        return None
    return Sectie("omgevingsplan", "Omgevingsplan", rijen)
