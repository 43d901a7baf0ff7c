"""The jobs of the mail outbox. The only module of `kern` that knows procrastinate (see the
`kern-zonder-web` contract in pyproject.toml): planning calls `wek()`, the worker runs the rest."""

import logging

from django.conf import settings
from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from kern.mail import verzending

logger = logging.getLogger(__name__)
SLOT = "mail.verstuur"


def _gewekt() -> None:
    """Does nothing on commit: its presence among the transaction's on_commit hooks is the mark."""


def wek() -> None:
    """Make sure a send job is waiting; inside the caller's transaction, so it comes with the rows.

    Once per transaction: a portion of 500 mails asks once, not 500 times. The mark is a no-op on_commit
    hook, which Django drops with the transaction or savepoint it was made in, just as the job it
    stands for is rolled back with it."""
    verbinding = transaction.get_connection()
    if verbinding.in_atomic_block and any(hook is _gewekt for _, hook, _ in verbinding.run_on_commit):
        return
    if not ProcrastinateJob.objects.filter(queueing_lock=SLOT, status="todo").exists():
        try:
            with transaction.atomic():
                verstuur.defer()
        except AlreadyEnqueued:
            pass  # another transaction queued one a moment ago; it will find these rows too
    transaction.on_commit(_gewekt)


# Every minute as well: deliveries whose backoff has passed, and anything planned while a job ran.
@app.periodic(cron="* * * * *")
@app.task(queue="mail", name="mail.verstuur", queueing_lock=SLOT)
def verstuur(timestamp: int | None = None) -> int:
    ronde = verzending.verstuur()
    if ronde.behandeld >= settings.MAIL_PER_RONDE and verzending.nog_te_doen():
        # A full round: the next one right away instead of in a minute. (Not after a short round: what
        # is left is claimed by another worker or waits for its backoff.)
        wek()
    return ronde.verstuurd


@app.periodic(cron="23 3 * * *")
@app.task(queue="mail", name="mail.opruimen")
def opruimen(timestamp: int) -> int:
    return verzending.ruim_op()
