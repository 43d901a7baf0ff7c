"""Running a real `manage.py` process (a worker, a sync) against the test database of this test."""

import os
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection

from tests.support.database import database_url
from tests.support.paden import ROOT


def mail_worker(smtp_poort: int, queues: str, **omgeving: str) -> subprocess.Popen:
    """A real `procrastinate worker` on `queues` that mails through the SMTP server on `smtp_poort`."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "procrastinate", "worker", "--queues", queues, "--wait"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_poort),
            "MAIL_PER_RONDE": "20",
            "LOG_LEVEL": "WARNING",
            # The test's own basemap folder: a worker draws a bericht's map on the basemap built there
            # (or on none), never on the developer's var/basiskaart, whose mapfile names another database.
            "BASISKAART_DIR": str(settings.BASISKAART_DIR),
            **omgeving,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wacht_op(voorwaarde, proces: subprocess.Popen, seconden: float = 120.0, stap: float = 0.01) -> None:
    """Poll until `voorwaarde()` holds; fail with the worker's own words if it stopped on the way."""
    einde = time.monotonic() + seconden
    while not voorwaarde():
        if proces.poll() is not None:
            raise AssertionError(f"de worker stopte: {proces.stderr.read()}")
        assert time.monotonic() < einde, "de worker kwam niet zo ver"
        time.sleep(stap)


def leeg_wachtrij() -> None:
    """Empty procrastinate's tables: they are not Django-managed, so a flush leaves other tests' jobs
    (and "doing" jobs of killed workers) behind, which would change a test's counts."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs")
        cursor.execute("DELETE FROM procrastinate_workers")
