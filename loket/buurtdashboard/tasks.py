"""The dashboard's jobs: cells from the outbox (and other apps' counts) every minute, BAG profiles
and warnings nightly."""

import logging

from procrastinate.contrib.django import app

from loket.buurtdashboard import aggregatie, broncellen, profiel, voorspelling, vroegsignaal

logger = logging.getLogger(__name__)


@app.periodic(cron="* * * * *")
@app.task(queue="buurtdashboard", name="buurtdashboard.ververs", queueing_lock="buurtdashboard.ververs")
def ververs(timestamp: int) -> int:
    gelezen = aggregatie.ververs_nieuw()
    broncellen.ververs_gewijzigd()
    return gelezen


@app.periodic(cron="40 2 * * *")
@app.task(queue="buurtdashboard", name="buurtdashboard.nachtelijk", queueing_lock="buurtdashboard.nachtelijk")
def nachtelijk(timestamp: int) -> dict:
    """BAG profiles every night; on mondays the early warning of last week and the forecast."""
    from django.utils import timezone

    uit = {"profielen": profiel.ververs(), "broncellen": broncellen.ververs_alles()}
    if timezone.localdate().weekday() == 0:
        uit["signalen"] = len(vroegsignaal.draai())
        uit["voorspellingen"] = voorspelling.draai()
    logger.info("Buurtdashboard: %s", uit)
    return uit
