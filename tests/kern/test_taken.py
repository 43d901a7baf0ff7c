"""Issue 13 point 7: jobs left "doing" by a dead worker are handed out again, and failed after
TAKEN_MAX_HERSTARTS restarts (the kill -9 of a real worker is in tests/kern/mail/test_worker_kill.py)."""

import asyncio

import pytest
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from kern.tasks import herstel_vastgelopen
from tests.support.proces import leeg_wachtrij

pytestmark = pytest.mark.django_db(transaction=True)


def vastgelopen_job(pogingen: int, hartslag_geleden: str = "1 hour") -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now() - %s::interval) RETURNING id",
            [hartslag_geleden],
        )
        worker = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args) VALUES ('x', 'test.taak', '{}') RETURNING id"
        )
        job = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s, attempts = %s WHERE id = %s",
            [worker, pogingen, job],
        )
    return job


@pytest.fixture
def lege_wachtrij():
    leeg_wachtrij()
    yield
    leeg_wachtrij()


def test_vastgelopen_opnieuw_en_na_te_veel_herstarts_opgegeven(settings, lege_wachtrij):
    settings.TAKEN_MAX_HERSTARTS = 3
    levend = vastgelopen_job(0, hartslag_geleden="1 second")
    opnieuw = vastgelopen_job(1)
    op = vastgelopen_job(3)
    assert asyncio.run(herstel_vastgelopen()) == {"opnieuw": 1, "opgegeven": 1}
    status = dict(ProcrastinateJob.objects.values_list("id", "status"))
    assert status == {levend: "doing", opnieuw: "todo", op: "failed"}
