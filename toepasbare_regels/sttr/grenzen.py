"""Bounds and unit of a number question, from the rule file's own definition.

A DMN `itemDefinition` describes an input: its `typeRef` (number), its `allowedValues` as a FEEL unary
test ("[20..1000]", ">= 0") and, in its `label`, the unit ("cm", "m"). It belongs to an input when its
name is the input's typeRef or the input's own name. An answer outside the bounds cannot be right (a
dakkapel of 1,5 cm was meant as 1,5 m), so it is refused with a hint in the unit the rule asks.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .model import Bestand, InputData, Knoop

_GETAL = r"-?\d+(?:\.\d+)?"
_BEREIK = re.compile(rf"^([\[\(\]])\s*({_GETAL})\s*\.\.\s*({_GETAL})\s*([\]\)\[])$")
_VERGELIJKING = re.compile(rf"^(>=|<=|>|<)\s*({_GETAL})$")


@dataclass(frozen=True)
class Grenzen:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    minimum_open: bool = False
    maximum_open: bool = False
    eenheid: str = ""

    def bevat(self, getal: Decimal) -> bool:
        if self.minimum is not None and (
            getal < self.minimum or (self.minimum_open and getal == self.minimum)
        ):
            return False
        return not (
            self.maximum is not None
            and (getal > self.maximum or (self.maximum_open and getal == self.maximum))
        )


def lees_grenzen(test: str, eenheid: str = "") -> Grenzen | None:
    """A unary test as allowedValues writes it; None for what is not a plain range or comparison."""
    test = test.strip()
    if m := _BEREIK.match(test):
        open_links, laag, hoog, open_rechts = m.groups()
        return Grenzen(Decimal(laag), Decimal(hoog), open_links != "[", open_rechts != "]", eenheid)
    if m := _VERGELIJKING.match(test):
        teken, waarde = m.group(1), Decimal(m.group(2))
        if teken.startswith(">"):
            return Grenzen(minimum=waarde, minimum_open=teken == ">", eenheid=eenheid)
        return Grenzen(maximum=waarde, maximum_open=teken == "<", eenheid=eenheid)
    return None


def _kind(knoop: Knoop, naam: str) -> Knoop | None:
    return next((k for k in knoop.kinderen if k.naam == naam), None)


def grenzen_van(model: Bestand, invoer: InputData) -> Grenzen | None:
    """The bounds of `invoer` as its rule file defines them, or None when it defines none."""
    for definitie in model.item_definities:
        attributen = dict(definitie.attributen)
        if definitie.naam != "itemDefinition" or attributen.get("name") not in (invoer.type_ref, invoer.naam):
            continue
        toegestaan = _kind(definitie, "allowedValues")
        tekst = _kind(toegestaan, "text") if toegestaan else None
        eenheid = attributen.get("label", "")
        if tekst is not None:
            return lees_grenzen(tekst.tekst, eenheid)
        if eenheid:
            return Grenzen(eenheid=eenheid)
    return None
