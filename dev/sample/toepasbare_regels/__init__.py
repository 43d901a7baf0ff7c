"""The project's own sample toepasbare regels for Den Helder, generated (never copied):
`python -m dev.sample.toepasbare_regels --out data/toepasbare_regels_samples [--if-missing]`."""

import json

from toepasbare_regels.sttr.export import naar_dmn

from .bouw import ACTIVITEIT
from .regels import BESTANDEN, WERKZAAMHEDEN


def bestanden() -> dict[str, bytes]:
    """filename → file content: the DMN files and the werkzaamheden catalogue."""
    out = {}
    for maak in BESTANDEN:
        model = maak()
        out[f"{model.naam}.dmn"] = naar_dmn(model)
    catalogus = [
        {"urn": urn, "naam": naam, "synoniemen": syn, "activiteiten": [ACTIVITEIT + a for a in act]}
        for urn, naam, syn, act in WERKZAAMHEDEN
    ]
    out["werkzaamheden.json"] = json.dumps(catalogus, ensure_ascii=False, indent=1).encode()
    return out
