"""What a Maatregelen rule file says to do: the voorschriften its top table names (jci/akn references)
and the `content:maatregel`en its maatregel column points to, in the file's order."""

from .sttr import feel
from .sttr.model import Bestand


def maatregelen_van(model: Bestand, regels) -> dict:
    """`regels`: the (besluit, regel) hits of an evaluated Maatregelen decision."""
    voorschriften, ids = [], []
    for besluit, regel in regels:
        if not besluit.functionele_structuur_ref or besluit.tabel is None:
            continue  # sub-decisions feed the top table; their outputs are not voorschriften
        for uitvoer, cel in zip(besluit.tabel.uitvoer, regel.uitvoer, strict=True):
            waarde = feel.waarde(cel)
            if not isinstance(waarde, str) or not waarde.strip():
                continue
            if "maatregel" in (uitvoer.naam or "").lower():
                ids += [w.strip() for w in waarde.split(",") if w.strip()]
            else:
                voorschriften.append(waarde.strip())
    per_id = {m.id: m for m in model.maatregelen} | {m.nummer: m for m in model.maatregelen if m.nummer}
    gekozen = sorted({per_id[i].id: per_id[i] for i in ids if i in per_id}.values(), key=lambda m: m.volgorde)
    return {
        "voorschriften": [{"verwijzing": v} for v in dict.fromkeys(voorschriften)],
        "maatregelen": [
            {
                "id": m.id,
                "nummer": m.nummer,
                "maatregeltekst": m.tekst,
                "toelichting": m.toelichting,
                "frequentie": m.frequentie,
                "volgorde": m.volgorde,
                "kenmerk": m.kenmerk,
                "themas": list(m.themas),
            }
            for m in gekozen
        ],
    }
