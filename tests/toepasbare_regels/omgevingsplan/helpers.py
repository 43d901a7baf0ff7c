"""The real deliveries the omgevingsplan tests read, and what their OW files hold counted from the XML."""

from collections import Counter
from pathlib import Path

from lxml import etree

GEMEENTESTAD = "geonovum-omgevingsplan-gemeentestad/opdracht"
IMRO = "b3p-imro-plans"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def ow_telling(map_: Path) -> Counter:
    """What the OW files of a delivery hold, counted straight from the XML (not by our importer)."""
    telling: Counter = Counter()
    ala: set[str] = set()
    for pad in map_.glob("ow*.xml"):
        root = etree.parse(str(pad)).getroot()
        for obj in root.iter("{*}owObject"):
            for kind in obj:
                if isinstance(kind.tag, str):
                    telling[local(kind.tag)] += 1
        for el in root.iter("{*}ActiviteitLocatieaanduiding"):
            ala.add(el.findtext("{*}identificatie"))
        telling["Normwaarde"] += sum(1 for _ in root.iter("{*}Normwaarde"))
    telling["ActiviteitLocatieaanduiding"] = len(ala)
    return telling
