"""Answers arrive as text (DSO sends "true", "60"); here they become typed values or a clear error."""

from datetime import date, datetime
from decimal import Decimal

from kern.fouten import CodeFout

from .feel import naar_getal
from .model import Uitvoeringsregel

MAX_TEKST = 1000
_JA = {"true", "ja", "yes", "1", "waar"}
_NEE = {"false", "nee", "no", "0", "onwaar"}


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


def typeer(tekst, soort: str, regel: Uitvoeringsregel | None, vraag_id: str):
    """The typed value of an answer for a question of `soort` (boolean, number, list, date, string)."""
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
        try:
            getal = naar_getal(tekst)
        except ValueError as exc:
            raise AntwoordFout(
                vraag_id, f"Vul een getal in bij {_wat(regel, vraag_id)}, bijvoorbeeld 1,8."
            ) from exc
        if not getal.is_finite() or abs(getal) > Decimal(10) ** 9:
            raise AntwoordFout(vraag_id, f"Het getal bij {_wat(regel, vraag_id)} kan niet kloppen.")
        return getal
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
