"""The omgevingsplan's vector-tile sources, added to the layer registry's sources in code.

Both read the view omgevingsplan_gebiedsaanwijzing_vlak (migration 0002): every gebied that a
gebiedsaanwijzing in force today points at, directly or as a member of a groep, so the map shows the
member gebieden (the GiST index on their geometry selects) rather than one huge groep geometry.
"""

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron

VIEW = "omgevingsplan_gebiedsaanwijzing_vlak"
# Functie groep terms -> a number the map style can class on (klassen compare with '<').
FUNCTIE_KLASSE = {"Wonen": 1, "Centrumgebied": 2, "Centrum": 2, "Bedrijf": 3, "Groen": 4, "Water": 5}
_KLASSE_SQL = (
    "CASE t.groep " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in FUNCTIE_KLASSE.items()) + " ELSE 6 END"
)

BRONNEN = {
    "omgevingsplan_functies": VectorBron(
        "Omgevingsplan: functies",
        VIEW,
        "t.sleutel",
        {"naam": "t.naam", "functie": "t.groep", "klasse": _KLASSE_SQL, "locatie": "t.identificatie"},
        filter="t.type = 'Functie'",
    ),
    "omgevingsplan_gebiedsaanwijzingen": VectorBron(
        "Omgevingsplan: gebiedsaanwijzingen",
        VIEW,
        "t.sleutel",
        {"naam": "t.naam", "type": "t.type", "groep": "t.groep", "locatie": "t.identificatie"},
        filter="t.type <> 'Functie'",
    ),
}


def registreer() -> None:
    VECTOR_BRONNEN.update(BRONNEN)
