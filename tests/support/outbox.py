"""Waiting for the zaak outbox to hand out what has been written.

The outbox gives an event to its consumers only once every transaction older than it has finished
(loket.zaken.services.verwerk_gebeurtenissen reads up to the snapshot's xmin). PostgreSQL counts
transactions per cluster, not per database: the other xdist worker's test, writing in its own test
database on the same cluster, holds that bound back too. A consumer in production simply reads those
events on its next run; a test waits for them here, so that it checks what the consumer does with
the events and not how busy the other worker happens to be.
"""

import time

from django.db import connection
from django.db.models import Max


def wacht_tot_gebeurtenissen_vrij(timeout: float = 120.0) -> None:
    """Wait until every event written so far may be read (call it outside a transaction)."""
    from loket.zaken.models import Gebeurtenis

    assert not connection.in_atomic_block, "in een transactie wacht dit op zichzelf"
    nieuwste = Gebeurtenis.objects.aggregate(m=Max("transactie"))["m"]
    if nieuwste is None:
        return
    einde = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            if cursor.fetchone()[0] > nieuwste:
                return
            if time.monotonic() > einde:
                raise AssertionError(f"na {timeout:.0f} s loopt er nog een transactie van voor {nieuwste}")
            time.sleep(0.05)
