"""Background jobs (procrastinate): imports that should not block a request or a terminal."""

import logging
from pathlib import Path

from procrastinate.contrib.django import app

from kaartlagen.importing.bag import importeer_bag
from kaartlagen.importing.bgt import importeer_bgt
from kaartlagen.importing.cbs import importeer_buurten
from kern.importing.report import samenvatting

logger = logging.getLogger(__name__)

IMPORTEURS = {"bag": importeer_bag, "bgt": importeer_bgt, "cbs": importeer_buurten}


class ImportMislukt(Exception):
    """Marks the job failed, so the worker's retry policy and the admin show it."""


@app.task(queue="imports", name="kaartlagen.importeer_levering")
def importeer_levering(soort: str, pad: str, opnieuw: bool = False, opties: dict | None = None) -> dict:
    # One file at a time: the worker runs tasks in a thread, and forking a threaded process is unsafe.
    resultaat = IMPORTEURS[soort](Path(pad), opnieuw=opnieuw, werkers=1, **(opties or {}))
    logger.info("%s", samenvatting(resultaat))
    if not resultaat.ok:
        raise ImportMislukt(samenvatting(resultaat))
    return vars(resultaat.totaal())
