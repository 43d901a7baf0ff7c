import threading
import time

import pytest
from django.db import connection
from psycopg_pool import PoolTimeout

from kaartlagen import tegelpool
from kaartlagen.tegelpool import Tegelpool


@pytest.fixture
def maak(db):
    params = connection.get_connection_params()
    params.pop("cursor_factory")
    pools = []

    def maak(grootte=2, wachttijd=2.0):
        pool = Tegelpool({**params, "autocommit": True}, grootte=grootte, wachttijd=wachttijd)
        pools.append(pool)
        return pool

    yield maak
    for pool in pools:
        pool.close()


def backend(conn) -> int:
    return conn.info.backend_pid


def test_the_connection_that_answered_last_answers_next(maak):
    pool = maak()
    eerste, tweede = pool.getconn(), pool.getconn()
    pool.putconn(eerste)
    pool.putconn(tweede)
    # psycopg_pool would hand out `eerste` now (first in, first out), the backend that waited longest.
    for _ in range(3):
        conn = pool.getconn()
        assert backend(conn) == backend(tweede)
        pool.putconn(conn)
    assert pool.vrij() == 2


def test_no_more_connections_than_its_size_and_a_clear_timeout(maak):
    pool = maak(grootte=1, wachttijd=0.2)
    bezet = pool.getconn()
    begin = time.monotonic()
    with pytest.raises(PoolTimeout):
        pool.getconn()
    assert 0.15 < time.monotonic() - begin < 2
    pool.putconn(bezet)


def test_a_waiting_request_gets_the_connection_given_back(maak):
    pool = maak(grootte=1, wachttijd=5)
    bezet = pool.getconn()
    gekregen = []
    wachter = threading.Thread(target=lambda: gekregen.append(pool.getconn()))
    wachter.start()
    time.sleep(0.1)
    assert gekregen == []
    pool.putconn(bezet)
    wachter.join(timeout=5)
    assert [backend(c) for c in gekregen] == [backend(bezet)]
    pool.putconn(gekregen[0])


def test_a_failed_connection_is_dropped_and_a_new_one_opened(maak):
    pool = maak(grootte=1, wachttijd=0.2)
    kapot = pool.getconn()
    oud = backend(kapot)
    kapot.close()  # as tegelserver does after a statement failed
    pool.putconn(kapot)
    assert pool.vrij() == 0
    nieuw = pool.getconn()  # its place is free again: no timeout
    assert not nieuw.closed and backend(nieuw) != oud
    assert nieuw.execute("SELECT 1").fetchone() == (1,)
    pool.putconn(nieuw)


def test_an_old_connection_is_replaced_when_it_comes_back(maak, monkeypatch):
    pool = maak()
    conn = pool.getconn()
    monkeypatch.setattr(tegelpool, "LEVENSDUUR", 0.0)
    pool.putconn(conn)
    assert conn.closed and pool.vrij() == 0


def test_closing_closes_idle_connections_now_and_busy_ones_on_return(maak):
    pool = maak()
    bezig, vrij = pool.getconn(), pool.getconn()
    pool.putconn(vrij)
    pool.close()
    assert vrij.closed and not bezig.closed
    pool.putconn(bezig)
    assert bezig.closed
    with pytest.raises(PoolTimeout):
        pool.getconn()
