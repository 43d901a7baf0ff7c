"""Background jobs (procrastinate): the sync a webhook triggers, and the periodic one that catches what
a lost webhook missed. The queueing lock keeps at most one of each waiting in the queue."""

import logging

from procrastinate.contrib.django import app

from dso_koppeling import terugmelding, verzoeken

logger = logging.getLogger(__name__)


@app.task(queue="dso", name="dso_koppeling.sync_verzoeken", queueing_lock="dso_sync_verzoeken")
def sync_verzoeken(aanleiding: str = "") -> dict:
    resultaat = verzoeken.synchroniseer()
    logger.info("dso_sync_job aanleiding=%s telling=%s", aanleiding or "-", dict(resultaat.telling))
    return resultaat.als_dict()


@app.periodic(cron="*/10 * * * *", periodic_id="dso_koppeling")
@app.task(queue="dso", name="dso_koppeling.periodieke_sync", queueing_lock="dso_periodieke_sync")
def periodieke_sync(timestamp: int) -> dict:
    resultaat = verzoeken.synchroniseer()
    terugmelding.leg_vast()
    verstuurd = terugmelding.verstuur()
    return {**resultaat.als_dict(), "terugmeldingen": dict(verstuurd)}
