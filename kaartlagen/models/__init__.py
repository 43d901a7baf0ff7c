from kaartlagen.models.bag import (
    Ligplaats,
    Nummeraanduiding,
    OpenbareRuimte,
    Pand,
    Standplaats,
    Verblijfsobject,
    Woonplaats,
)
from kaartlagen.models.bgt import BgtObject
from kaartlagen.models.cbs import Buurt, Wijk
from kaartlagen.models.importrun import ImportRun

__all__ = [
    "BgtObject",
    "Buurt",
    "ImportRun",
    "Ligplaats",
    "Nummeraanduiding",
    "OpenbareRuimte",
    "Pand",
    "Standplaats",
    "Verblijfsobject",
    "Wijk",
    "Woonplaats",
]
