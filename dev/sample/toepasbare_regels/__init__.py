"""The project's own sample toepasbare regels for Den Helder, generated (never copied):
`python -m dev.sample.toepasbare_regels --out data/toepasbare_regels_samples [--if-missing]`.

Example rules for development and the demo (`make run`), never in the wheel: plausible for the
Omgevingswet, not the official text (docs/toepasbare-regels.md)."""

import json

from toepasbare_regels.sttr.export import naar_dmn

from . import indiening, overig, regels, woning
from .bouw import ACTIVITEIT
from .werkzaamheden import WERKZAAMHEDEN

BESTANDEN = (
    regels.dakkapel,
    regels.aanbouw,
    regels.schutting,
    regels.boom,
    regels.uitweg,
    regels.zonnepanelen,
    overig.evenement,
    overig.reclame,
    woning.warmtepomp,
    woning.kozijn,
    woning.slopen,
    indiening.iv_dakkapel,
    indiening.iv_boom,
    indiening.iv_uitweg,
)


def bestanden() -> dict[str, bytes]:
    """filename → file content: the DMN files and the werkzaamheden catalogue."""
    out = {}
    for maak in BESTANDEN:
        model = maak()
        out[f"{model.naam}.dmn"] = naar_dmn(model)
    catalogus = [
        {
            "urn": urn,
            "naam": naam,
            "synoniemen": syn,
            "omschrijving": omschrijving,
            "activiteiten": [ACTIVITEIT + a for a in act],
        }
        for urn, naam, syn, omschrijving, act in WERKZAAMHEDEN
    ]
    out["werkzaamheden.json"] = json.dumps(catalogus, ensure_ascii=False, indent=1).encode()
    return out
