"""Answers arrive as text (DSO sends "true", "60"); here they become typed values or a clear error."""

import re
from datetime import date, datetime
from decimal import Decimal

from kern.fouten import CodeFout

from .grenzen import Grenzen
from .model import Uitvoeringsregel

MAX_TEKST = 1000
_JA = {"true", "ja", "yes", "1", "waar"}
_NEE = {"false", "nee", "no", "0", "onwaar"}
# A number as people type it: digits with at most one decimal comma or point. No exponent ("1e9"),
# no "inf", no underscores: those are never a height or a count.
_GETAL = re.compile(r"^[+-]?\d{1,12}(?:[.,]\d{1,6})?$")
_UITLEG_EENHEID = {
    "cm": "Let op: in centimeters. 1 meter is 100 centimeter.",
    "m": "Let op: in meters. 50 centimeter is 0,5 meter.",
    "m2": "Let op: in vierkante meters.",
    "m²": "Let op: in vierkante meters.",
}


class AntwoordFout(CodeFout):
    def __init__(self, vraag_id: str, bericht: str):
        super().__init__("regels.antwoord_ongeldig", bericht)
        self.vraag_id = vraag_id


def _wat(regel: Uitvoeringsregel | None, vraag_id: str) -> str:
    """How an error names the question: by its text, as the user saw it; the id only for fixed values."""
    tekst = regel and (regel.vraag_tekst or regel.bijlage_type)
    return f"de vraag '{tekst}'" if tekst else f"vraag {vraag_id}"


def lees_datum(tekst: str | None) -> date | None:
    """A date as the DSO writes it (dd-mm-jjjj) or as ISO (jjjj-mm-dd); None when it is neither."""
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((tekst or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _voorbeeld(grenzen: Grenzen | None) -> str:
    """A believable answer inside the bounds, for the hint ("bijvoorbeeld 220")."""
    if grenzen is None or grenzen.minimum is None or grenzen.maximum is None:
        return "12"
    waarde = grenzen.minimum + (grenzen.maximum - grenzen.minimum) / 5
    stap = Decimal(10) ** max(waarde.adjusted() - 1, -2)  # two significant digits
    return toon((waarde / stap).quantize(Decimal(1)) * stap)


def _met_eenheid(getal: Decimal | str, grenzen: Grenzen | None) -> str:
    tekst = getal if isinstance(getal, str) else toon(getal)
    return f"{tekst} {grenzen.eenheid}" if grenzen and grenzen.eenheid else tekst


def _buiten_grenzen(wat: str, grenzen: Grenzen) -> str:
    if grenzen.minimum is not None and grenzen.maximum is not None:
        bereik = f"van {toon(grenzen.minimum)} tot en met {_met_eenheid(grenzen.maximum, grenzen)}"
    elif grenzen.minimum is not None:
        bereik = f"van {_met_eenheid(grenzen.minimum, grenzen)} of meer"
    else:
        bereik = f"tot en met {_met_eenheid(grenzen.maximum, grenzen)}"
    uitleg = _UITLEG_EENHEID.get(grenzen.eenheid, "")
    return f"Dit kan niet kloppen. Vul bij {wat} een getal in {bereik}. {uitleg}".strip()


def lees_getal(tekst: str, wat: str, vraag_id: str, grenzen: Grenzen | None = None) -> Decimal:
    """A number answer, or an AntwoordFout that says what would be right, in the rule's own unit."""
    if not _GETAL.match(tekst.replace(" ", "")):
        raise AntwoordFout(
            vraag_id,
            f"Vul bij {wat} een getal in, bijvoorbeeld {_met_eenheid(_voorbeeld(grenzen), grenzen)}. "
            f"{_UITLEG_EENHEID.get(grenzen.eenheid, '') if grenzen else ''}".strip(),
        )
    getal = Decimal(tekst.replace(" ", "").replace(",", "."))
    if grenzen is not None and not grenzen.bevat(getal):
        raise AntwoordFout(vraag_id, _buiten_grenzen(wat, grenzen))
    return getal


def typeer(tekst, soort: str, regel: Uitvoeringsregel | None, vraag_id: str, grenzen: Grenzen | None = None):
    """The typed value of an answer for a question of `soort` (boolean, number, list, date, string);
    a number is checked against the bounds of its rule's definition (`sttr.grenzen`)."""
    if isinstance(tekst, bool):
        tekst = "true" if tekst else "false"
    elif isinstance(tekst, int | float):
        tekst = str(tekst)
    if not isinstance(tekst, str):
        raise AntwoordFout(vraag_id, f"Het antwoord op {_wat(regel, vraag_id)} moet tekst zijn.")
    tekst = tekst.strip()
    if soort == "boolean":
        if tekst.lower() in _JA:
            return True
        if tekst.lower() in _NEE:
            return False
        raise AntwoordFout(vraag_id, f"Kies ja of nee bij {_wat(regel, vraag_id)}.")
    if soort == "number":
        return lees_getal(tekst, _wat(regel, vraag_id), vraag_id, grenzen)
    if soort == "date":
        if (datum := lees_datum(tekst)) is None:
            raise AntwoordFout(vraag_id, f"Vul een datum in bij {_wat(regel, vraag_id)} (dd-mm-jjjj).")
        return datum
    if len(tekst) > MAX_TEKST:
        raise AntwoordFout(
            vraag_id, f"Het antwoord op {_wat(regel, vraag_id)} is te lang (maximaal {MAX_TEKST} tekens)."
        )
    if regel is not None and regel.opties:
        for optie in regel.opties:
            if optie.tekst.lower() == tekst.lower():
                return optie.tekst
        keuzes = ", ".join(o.tekst for o in regel.opties)
        raise AntwoordFout(vraag_id, f"Kies bij {_wat(regel, vraag_id)} een van deze antwoorden: {keuzes}.")
    return tekst


def toon(waarde) -> str:
    """How a value reads back to a person."""
    if waarde is True:
        return "ja"
    if waarde is False:
        return "nee"
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f").replace(".", ",")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)
