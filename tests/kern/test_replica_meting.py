"""When the replica's lag is measured: the first read of a process waits for it, later ones do not."""

import threading
import time

import pytest
from django.conf import settings as django_settings

from kern import replica


@pytest.fixture
def gemeten(monkeypatch, settings):
    """A replica alias and a lag measurement that takes 0.3 s and answers what `uitkomst` holds."""
    monkeypatch.setitem(django_settings.DATABASES, replica.REPLICA, {})
    settings.REPLICA_CONTROLE = 0.2
    settings.REPLICA_MAX_ACHTERSTAND = 5
    uitkomst, metingen = [0.0], []

    def achterstand():
        metingen.append(threading.current_thread())
        time.sleep(0.3)
        return uitkomst[0]

    monkeypatch.setattr(replica, "achterstand", achterstand)
    replica.vergeet_toestand()
    yield uitkomst, metingen
    while replica._slot.locked():  # a measurement still running in the background
        time.sleep(0.05)
    replica.vergeet_toestand()


def test_a_later_measurement_runs_beside_the_requests(gemeten):
    uitkomst, metingen = gemeten
    begin = time.monotonic()
    assert replica.replica_bruikbaar()  # never measured: this read waits for it
    assert time.monotonic() - begin >= 0.3 and metingen == [threading.current_thread()]

    uitkomst[0] = 60.0  # the replica falls behind
    time.sleep(0.25)  # the measurement is older than REPLICA_CONTROLE
    begin = time.monotonic()
    assert replica.replica_bruikbaar()  # the last measurement still counts, while a new one runs
    assert replica.replica_bruikbaar()  # and a second read does not start another
    assert time.monotonic() - begin < 0.1
    tot = time.monotonic() + 5
    while replica.replica_bruikbaar():
        assert time.monotonic() < tot, "de meting naast de verzoeken kwam niet aan"
        time.sleep(0.02)
    assert metingen[1] is not threading.current_thread()
