from kaartlagen.models.bag import (
    Ligplaats,
    Nummeraanduiding,
    OpenbareRuimte,
    Pand,
    Standplaats,
    Verblijfsobject,
    Woonplaats,
)
from kaartlagen.models.basiskaart import BasiskaartUitgave
from kaartlagen.models.bgt import BgtObject
from kaartlagen.models.cbs import Buurt, Wijk
from kaartlagen.models.kaartlaag import Kaartlaag

__all__ = [
    "BasiskaartUitgave",
    "BgtObject",
    "Buurt",
    "Kaartlaag",
    "Ligplaats",
    "Nummeraanduiding",
    "OpenbareRuimte",
    "Pand",
    "Standplaats",
    "Verblijfsobject",
    "Wijk",
    "Woonplaats",
]
