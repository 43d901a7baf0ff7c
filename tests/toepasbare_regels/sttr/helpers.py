"""Evaluate a parsed STTR file with answers by inputData name, and speak in names again."""

from toepasbare_regels.sttr.engine import Engine, Uitkomst
from toepasbare_regels.sttr.feel import ONBEKEND
from toepasbare_regels.sttr.model import Bestand


def beslis(bestand: Bestand, antwoorden: dict, besluit_id: str | None = None) -> Uitkomst:
    besluit_id = besluit_id or bestand.top_besluiten[0].id
    return Engine(bestand).evalueer(besluit_id, lambda i: antwoorden.get(i.naam, ONBEKEND))


def namen(bestand: Bestand, ids: list[str]) -> list[str]:
    return [bestand.input_data(i).naam for i in ids]
