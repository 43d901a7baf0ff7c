"""The omgevingsplan's vector-tile sources, added to the layer registry's sources in code.

Both read Kaartvlak: every gebied that a gebiedsaanwijzing points at, directly or as a member of a
groep (filled by the importer), so the map shows the member gebieden, selected by the GiST index on
their geometry, rather than one huge groep geometry. Only versions in force today are shown.
"""

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron

TABEL = "omgevingsplan_kaartvlak"
GELDIG = (
    "t.versie_id IN (SELECT v.id FROM omgevingsplan_regelingversie v WHERE v.begin_geldigheid <= current_date"
    " AND (v.eind_geldigheid IS NULL OR v.eind_geldigheid > current_date))"
)
# Functie groep terms -> a number the map style can class on (klassen compare with '<').
FUNCTIE_KLASSE = {"Wonen": 1, "Centrumgebied": 2, "Centrum": 2, "Bedrijf": 3, "Groen": 4, "Water": 5}
_KLASSE_SQL = (
    "CASE t.groep " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in FUNCTIE_KLASSE.items()) + " ELSE 6 END"
)

BRONNEN = {
    "omgevingsplan_functies": VectorBron(
        "Omgevingsplan: functies",
        TABEL,
        "t.sleutel",
        {"naam": "t.naam", "functie": "t.groep", "klasse": _KLASSE_SQL, "locatie": "t.identificatie"},
        filter=f"t.type = 'Functie' AND {GELDIG}",
    ),
    "omgevingsplan_gebiedsaanwijzingen": VectorBron(
        "Omgevingsplan: gebiedsaanwijzingen",
        TABEL,
        "t.sleutel",
        {"naam": "t.naam", "type": "t.type", "groep": "t.groep", "locatie": "t.identificatie"},
        filter=f"t.type <> 'Functie' AND {GELDIG}",
    ),
}


def registreer() -> None:
    VECTOR_BRONNEN.update(BRONNEN)
