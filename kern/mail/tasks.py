"""The jobs of the mail outbox. The only module of `kern` that knows procrastinate (see the
`kern-zonder-web` contract in pyproject.toml): planning calls `wek()`, the worker runs the rest."""

import logging

from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from kern.mail import verzending

logger = logging.getLogger(__name__)
SLOT = "mail.verstuur"


def wek() -> None:
    """Make sure a send job is waiting; inside the caller's transaction, so it comes with the rows."""
    if ProcrastinateJob.objects.filter(queueing_lock=SLOT, status="todo").exists():
        return
    try:
        with transaction.atomic():
            verstuur.defer()
    except AlreadyEnqueued:
        pass  # another transaction queued one a moment ago; it will find these rows too


# Every minute as well: deliveries whose backoff has passed, and anything planned while a job ran.
@app.periodic(cron="* * * * *")
@app.task(queue="mail", name="mail.verstuur", queueing_lock=SLOT)
def verstuur(timestamp: int | None = None) -> int:
    ronde = verzending.verstuur()
    if verzending.nog_te_doen():
        wek()  # a full round: the next one right away instead of in a minute
    return ronde.verstuurd


@app.periodic(cron="23 3 * * *")
@app.task(queue="mail", name="mail.opruimen")
def opruimen(timestamp: int) -> int:
    return verzending.ruim_op()
