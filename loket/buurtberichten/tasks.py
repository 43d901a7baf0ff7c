"""The jobs of buurtberichten (procrastinate; the worker of `make run` runs them).

A bericht's fan-out is deferred in the transaction that makes the bericht; the periodic jobs read
the outbox, send digests, retry webhooks and clean up. Each job can run again without harm."""

import logging

from procrastinate.contrib.django import app

from loket.buurtberichten import abonnementen, uit_outbox, verspreiding, webhooks
from loket.buurtberichten.models import Frequentie

logger = logging.getLogger(__name__)
QUEUE = "buurtberichten"


@app.task(queue=QUEUE, name="buurtberichten.verspreid")
def verspreid(bericht_id: int) -> int:
    return verspreiding.verspreid(bericht_id)


@app.task(queue=QUEUE, name="buurtberichten.mail_direct")
def mail_direct(bericht_id: int) -> int:
    """One portion per job; the next portion is its own job, deferred with this one's work."""
    return verspreiding.mail_direct(bericht_id)[0]


@app.periodic(cron="* * * * *")
@app.task(queue=QUEUE, name="buurtberichten.lees_bronnen", queueing_lock="buurtberichten.lees_bronnen")
def lees_bronnen(timestamp: int) -> dict:
    """Every minute: the outbox, new omgevingsplan versions, and berichten whose fan-out was lost."""
    resultaat = {
        "gebeurtenissen": uit_outbox.lees_outbox(),
        "omgevingsplan": uit_outbox.lees_omgevingsplan(),
    }
    for bericht_id in verspreiding.nog_te_verspreiden():
        verspreid.defer(bericht_id=bericht_id)
    for bericht_id in verspreiding.direct_blijven_liggen():
        mail_direct.defer(bericht_id=bericht_id)
    return resultaat


@app.periodic(cron="15 0 * * *")
@app.task(queue=QUEUE, name="buurtberichten.meldingendagen")
def meldingendagen(timestamp: int) -> int:
    return uit_outbox.publiceer_meldingendagen()


@app.periodic(cron="0 7 * * *")
@app.task(queue=QUEUE, name="buurtberichten.overzicht_dagelijks")
def overzicht_dagelijks(timestamp: int) -> int:
    return verspreiding.overzichten(Frequentie.DAGELIJKS)


@app.periodic(cron="0 7 * * 1")
@app.task(queue=QUEUE, name="buurtberichten.overzicht_wekelijks")
def overzicht_wekelijks(timestamp: int) -> int:
    return verspreiding.overzichten(Frequentie.WEKELIJKS)


@app.periodic(cron="* * * * *")
@app.task(queue=QUEUE, name="buurtberichten.webhooks", queueing_lock="buurtberichten.webhooks")
def verstuur_webhooks(timestamp: int) -> dict:
    return webhooks.verstuur()


@app.periodic(cron="7 * * * *")
@app.task(queue=QUEUE, name="buurtberichten.opruimen")
def opruimen(timestamp: int) -> int:
    """Hourly: unconfirmed subscriptions older than BUURTBERICHTEN_ONBEVESTIGD_UREN are erased."""
    aantal = abonnementen.ruim_onbevestigd_op()
    logger.info("buurtberichten: %d onbevestigde aanmeldingen gewist", aantal)
    return aantal
