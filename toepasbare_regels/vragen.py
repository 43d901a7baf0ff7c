"""The questions a rule file asks: one Vraag per input (its text, type, group and order, and a number
question's unit and bounds from the file itself), and the list of what an aanvraag or melding must
contain. The vergunningcheck decides which of them are still asked."""

from dataclasses import dataclass, field
from datetime import date

from .models import ToepasbareRegelBestand
from .regelset import bestanden_voor, geladen
from .sttr.antwoorden import toon
from .sttr.grenzen import grenzen_van
from .sttr.model import Bestand, InputData, Uitvoeringsregel


def vraag_id(row: ToepasbareRegelBestand, ident: str) -> str:
    return f"{row.sleutel}.{ident}"


def open_vraag(row, model: Bestand, inp_id) -> "Vraag":
    """An open input: an inputData id of `model`, or (row, id) of a model an aansluitpunt reached."""
    if isinstance(inp_id, tuple):
        row, inp_id = inp_id
        model = geladen(row)[0]
    inp = model.input_data(inp_id)
    u = model.uitvoeringsregel(inp.uitvoeringsregel) if inp.uitvoeringsregel else None
    return vraag_van(row, model, inp, u)


@dataclass
class Vraag:
    id: str
    tekst: str
    type: str
    groep: str
    volgorde: tuple
    opties: list[str] = field(default_factory=list)
    toelichting: str = ""
    bijlage: bool = False
    herbruikbaar_id: str = ""
    # A number question's unit and bounds, from its rule file (sttr.grenzen); shown with the field.
    eenheid: str = ""
    minimum: str = ""
    maximum: str = ""

    def als_dict(self) -> dict:
        return {
            "id": self.id,
            "tekst": self.tekst,
            "type": self.type,
            "opties": self.opties,
            "toelichting": self.toelichting,
            "bijlage": self.bijlage,
            "eenheid": self.eenheid,
            "minimum": self.minimum,
            "maximum": self.maximum,
        }


def vraag_van(row, model: Bestand, inp: InputData, u: Uitvoeringsregel | None) -> Vraag:
    groep = model.regelgroep(u.regelgroep) if u and u.regelgroep else None
    if u is not None and u.soort == "bijlage":
        return Vraag(
            vraag_id(row, u.id),
            f"Heeft u dit bij de hand: {u.bijlage_type}?",
            "boolean",
            "Bijlagen",
            (99, u.prioriteit),
            toelichting=u.toelichting,
            bijlage=True,
        )
    soort = (u.gegevens_type if u else "") or inp.type_ref or "string"
    grenzen = grenzen_van(model, inp) if soort == "number" else None
    return Vraag(
        vraag_id(row, u.id if u else inp.id),
        (u.vraag_tekst if u else "") or inp.naam,
        soort,
        groep.naam if groep else "Vragen",
        (groep.prioriteit if groep else 50, u.prioriteit if u else 0),
        opties=[o.tekst for o in u.opties] if u else [],
        toelichting=u.toelichting if u else "",
        herbruikbaar_id=u.herbruikbaar_id if u else "",
        eenheid=grenzen.eenheid if grenzen else "",
        minimum=toon(grenzen.minimum) if grenzen and grenzen.minimum is not None else "",
        maximum=toon(grenzen.maximum) if grenzen and grenzen.maximum is not None else "",
    )


def indieningsvereisten(activiteit: str, toestemming: str, peildatum: date) -> list[dict]:
    """What an aanvraag or melding must contain: every question and bijlage of the file, in order."""
    out = []
    for row in bestanden_voor(activiteit, "Indieningsvereisten", peildatum, toestemming):
        model, _ = geladen(row)
        for inp in model.invoer:
            u = model.uitvoeringsregel(inp.uitvoeringsregel) if inp.uitvoeringsregel else None
            out.append(vraag_van(row, model, inp, u))
    return [
        {
            "tekst": v.tekst
            if not v.bijlage
            else v.tekst.removeprefix("Heeft u dit bij de hand: ").rstrip("?"),
            "bijlage": v.bijlage,
            "toelichting": v.toelichting,
        }
        for v in sorted(out, key=lambda v: v.volgorde)
    ]
