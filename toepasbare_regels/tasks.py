"""Scheduled jobs of the vergunningcheck (procrastinate; the worker of `make run` runs them)."""

import logging

from procrastinate.contrib.django import app

from toepasbare_regels import sessies

logger = logging.getLogger(__name__)


@app.periodic(cron="41 3 * * *")
@app.task(queue="regels", name="regels.verlopen_checks_opruimen")
def verlopen_checks_opruimen(timestamp: int) -> int:
    """Nightly: saved checks past their expiry are deleted (they hold answers about someone's plans)."""
    aantal = sessies.opruimen()
    logger.info("Verlopen vergunningchecks verwijderd: %d", aantal)
    return aantal
