"""Background job (procrastinate): an omgevingsplan import that should not block a terminal or request."""

import logging
from pathlib import Path

from procrastinate.contrib.django import app

from toepasbare_regels.omgevingsplan.importing import importeer

logger = logging.getLogger(__name__)


class ImportMislukt(Exception):
    """Marks the job failed, so the worker's retry policy and the admin show it."""


@app.task(queue="imports", name="omgevingsplan.importeer")
def importeer_omgevingsplan(pad: str, opnieuw: bool = False) -> list[dict]:
    resultaten = importeer(Path(pad), opnieuw=opnieuw)
    for r in resultaten:
        logger.info("omgevingsplan %s: %s %s", r.bron, r.status, r.fout or r.telling)
    mislukt = [f"{r.bron}: {r.fout}" for r in resultaten if not r.ok]
    if mislukt:
        raise ImportMislukt("; ".join(mislukt))
    return [{"bron": r.bron, "status": r.status, "telling": r.telling} for r in resultaten]
