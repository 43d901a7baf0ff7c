"""Job hygiene for every app: jobs left "doing" by a worker that died (kill -9, a crash, a machine gone)
are handed out again, or failed after `TAKEN_MAX_HERSTARTS` such restarts. procrastinate notices the
dead worker by its missing heartbeat. Like kern/mail/tasks.py this module may use procrastinate (see
the `kern-zonder-web` contract); the jobs of the apps are written to be run again (imports resumable,
syncs by cursor, mail marked per message), so handing one out again is safe."""

import logging

from django.conf import settings
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued, UniqueViolation
from procrastinate.jobs import Status

logger = logging.getLogger(__name__)


async def herstel_vastgelopen(seconden_sinds_hartslag: float = 30) -> dict[str, int]:
    opnieuw = mislukt = 0
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconden_sinds_hartslag):
        if job.attempts >= settings.TAKEN_MAX_HERSTARTS:
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            mislukt += 1
            logger.error("taak %s (%s) bleef hangen en is opgegeven", job.id, job.task_name)
            continue
        try:
            await app.job_manager.retry_job(job)
            opnieuw += 1
        except (AlreadyEnqueued, UniqueViolation):
            # The same job (its queueing lock) is already waiting again: this stale copy can go.
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            mislukt += 1
    if opnieuw or mislukt:
        logger.warning("vastgelopen taken: %d opnieuw uitgezet, %d opgegeven", opnieuw, mislukt)
    return {"opnieuw": opnieuw, "opgegeven": mislukt}


@app.periodic(cron="*/2 * * * *")
@app.task(queue="onderhoud", name="kern.vastgelopen_taken", queueing_lock="kern.vastgelopen_taken")
async def vastgelopen_taken(timestamp: int) -> dict[str, int]:
    return await herstel_vastgelopen()
