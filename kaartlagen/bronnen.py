"""The PostGIS sources a vector-tile layer can be drawn from, defined in code.

The layer registry (Kaartlaag, managed in the admin) picks one of these by name; table, geometry and
attributes are never typed into the admin, so no SQL can be injected through it, and only attributes
listed here (public ones) ever leave the database.
"""

from dataclasses import dataclass

# Licences as data.overheid.nl lists them (DCAT-AP-DONL value list overheid:license): BAG and BGT are
# CC0 at the source, CBS publishes its wijk- en buurtkaart under CC BY 4.0.
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
CC_BY = "http://creativecommons.org/licenses/by/4.0/deed.nl"


@dataclass(frozen=True)
class VectorBron:
    titel: str
    tabel: str
    sleutel: str  # the feature id (OGC API – Features), an SQL expression over alias t
    attributen: dict[str, str]  # name in the tile -> SQL expression over alias t
    filter: str = "true"
    punten: bool = False  # points are never simplified
    # For the open-data catalogue (kaartlagen/opendata.py): the licence, how often the data changes
    # (the EU frequency list: IRREG = with each import, CONT = all the time) and, when the table
    # records it, the SQL for the last change.
    licentie: str = CC0
    frequentie: str = "IRREG"
    gewijzigd: str | None = None


VECTOR_BRONNEN = {
    "bag_panden": VectorBron(
        "BAG-panden",
        "kaartlagen_pand",
        "t.identificatie",
        {"identificatie": "t.identificatie", "bouwjaar": "t.oorspronkelijk_bouwjaar", "status": "t.status"},
        filter="t.actief",
        gewijzigd="max(t.bijgewerkt)",
    ),
    "bag_verblijfsobjecten": VectorBron(
        "BAG-verblijfsobjecten (adrespunten)",
        "kaartlagen_verblijfsobject",
        "t.identificatie",
        {"identificatie": "t.identificatie", "gebruiksdoelen": "array_to_string(t.gebruiksdoelen, ',')"},
        filter="t.actief",
        punten=True,
        gewijzigd="max(t.bijgewerkt)",
    ),
    "cbs_buurten": VectorBron(
        "CBS-buurten",
        "kaartlagen_buurt",
        "t.code",
        {"code": "t.code", "naam": "t.naam"},
        licentie=CC_BY,
        gewijzigd="max(t.bijgewerkt)",
    ),
    "cbs_wijken": VectorBron(
        "CBS-wijken",
        "kaartlagen_wijk",
        "t.code",
        {"code": "t.code", "naam": "t.naam"},
        licentie=CC_BY,
        gewijzigd="max(t.bijgewerkt)",
    ),
    "bgt": VectorBron(
        "BGT-objecten",
        "kaartlagen_bgtobject",
        "t.lokaal_id",
        {"objecttype": "t.objecttype", "functie": "t.functie", "fysiek_voorkomen": "t.fysiek_voorkomen"},
        gewijzigd="max(t.bijgewerkt)",
    ),
}


def keuzes() -> list[tuple[str, str]]:
    return [(naam, bron.titel) for naam, bron in VECTOR_BRONNEN.items()]
