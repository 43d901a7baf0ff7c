"""Scheduled jobs of the meldingen (procrastinate periodic tasks; the worker of `make run` runs them)."""

import logging

from procrastinate.contrib.django import app

from kern import idempotentie, ratelimit
from loket.meldingen import avg, mails, openbaar

logger = logging.getLogger(__name__)


@app.periodic(cron="* * * * *")
@app.task(queue="meldingen", name="meldingen.plan_mails", queueing_lock="meldingen.plan_mails")
def plan_mails(timestamp: int) -> int:
    return mails.plan()


@app.periodic(cron="* * * * *")
@app.task(queue="meldingen", name="meldingen.ververs_openbaar", queueing_lock="meldingen.ververs_openbaar")
def ververs_openbaar(timestamp: int) -> None:
    openbaar.ververs()


@app.periodic(cron="17 3 * * *")
@app.task(queue="meldingen", name="meldingen.avg_opruimen")
def avg_opruimen(timestamp: int) -> dict:
    """Nightly: contact data after its term, meldingen after their retention, old rate-limit counters."""
    resultaat = {
        "contactgegevens_verwijderd": avg.verwijder_contactgegevens(),
        "meldingen_verwijderd": avg.verwijder_verlopen(),
        "tellers_verwijderd": ratelimit.ruim_op(),
        "idempotente_antwoorden_verwijderd": idempotentie.ruim_op(),
    }
    logger.info("AVG-opruiming: %s", resultaat)
    return resultaat
