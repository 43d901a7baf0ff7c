"""Read-only traffic from a real PostgreSQL streaming replica (scripts/pg.sh replica-up: pg_basebackup
into a second cluster), writes and read-your-writes on the primary, and the fall-back to the primary
when the replica lags beyond its limit or is down."""

import os
import subprocess
import time
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from kaartlagen import tegels, tegelserver
from kern import replica
from kern.models import Verzoekteller
from tests.support.adressen import PAND_12A
from tests.support.paden import ROOT

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", replica.REPLICA])


def _pg(opdracht: str, env: dict) -> None:
    subprocess.run(["scripts/pg.sh", opdracht], cwd=ROOT, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def replica_cluster(django_db_setup, worker_id):
    """Module-scoped, so the alias exists before the test case is set up (it must name it)."""
    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL is gezet: de test maakt alleen een replica van het projectcluster")
    nummer = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    env = {
        **os.environ,
        "LOKET_PG_REPLICA_NAAM": f"test-replica-{nummer}",
        "LOKET_PG_REPLICA_PORT": str(54_340 + nummer),
    }
    _pg("replica-up", env)
    basis = connection.settings_dict
    socket = os.path.join(os.path.dirname(basis["HOST"]), f"test-replica-{nummer}", "run")
    connections.settings[replica.REPLICA] = {
        **basis,
        "HOST": socket,
        "PORT": env["LOKET_PG_REPLICA_PORT"],
        "TEST": {**basis["TEST"], "MIRROR": "default"},  # never flushed: it follows the primary
    }
    assert replica.REPLICA in django_settings.DATABASES  # the same dict: the router sees it
    try:
        yield env
    finally:
        connections[replica.REPLICA].close()
        del connections[replica.REPLICA]
        del connections.settings[replica.REPLICA]
        replica.vergeet_toestand()
        tegelserver.sluit_pool()
        _pg("replica-remove", env)


def _ingehaald(seconden=30):
    tot = time.monotonic() + seconden
    while replica.achterstand() != 0:
        assert time.monotonic() < tot, "de replica haalde de primary niet in"
        time.sleep(0.1)


def _leespaden(client):
    pand = tegels.tegel_index(112_950, 552_950, 17)
    antwoorden = [
        client.get("/api/locatie/suggest", {"q": "keizerstraat 12"}),
        client.get("/api/locatie/informatie", {"x": 112_960, "y": 552_960, "crs": "rd"}),
        client.get("/ogc/collections/panden/items"),
        client.get(f"/tiles/panden/17/{pand[0]}/{pand[1]}.mvt"),
        client.get("/api/meldingen/kaart"),
    ]
    assert [r.status_code for r in antwoorden] == [200] * 5, [r.content[:200] for r in antwoorden]
    return antwoorden


def test_leespaden_van_de_replica_en_terugval(replica_cluster, adressen, client, settings, portalen):
    # Measured only when the test forgets the last measurement: it sees each change at once, and no
    # measurement runs in the background meanwhile.
    settings.REPLICA_CONTROLE = 3600
    replica.vergeet_toestand()
    _ingehaald()
    with (
        CaptureQueriesContext(connections[replica.REPLICA]) as op_replica,
        CaptureQueriesContext(connection) as op_primary,
    ):
        antwoorden = _leespaden(client)
    assert "Keizerstraat" in antwoorden[0].content.decode()
    assert PAND_12A in antwoorden[2].content.decode()
    # On the primary only the lag measurement's look at its WAL position (here before every read).
    gelezen = [q["sql"][:150] for q in op_primary if "pg_current_wal_lsn" not in q["sql"]]
    assert len(op_replica) >= 5 and gelezen == [], gelezen

    # The tile fast path in front of Django reads from the replica too.
    url = portalen()
    x, y = tegels.tegel_index(112_950, 552_950, 17)
    with urllib.request.urlopen(f"{url}/tiles/panden/17/{x}/{y}.mvt") as r:  # noqa: S310
        assert r.status == 200 and len(r.read()) > 0
    assert replica.REPLICA in tegelserver._pools

    # A write goes to the primary, and the writer reads its own writes from the primary for a while.
    r = client.post("/api/meldingen/al-gemeld", {}, content_type="application/json")
    assert replica.PLAK_COOKIE in r.cookies
    with CaptureQueriesContext(connections[replica.REPLICA]) as op_replica:
        client.get("/api/locatie/suggest", {"q": "keizerstraat 12"})
    assert len(op_replica) == 0
    client.cookies.pop(replica.PLAK_COOKIE)

    # The replica stops replaying: once it is further behind than allowed, reads go to the primary.
    settings.REPLICA_MAX_ACHTERSTAND = 0.3
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    Verzoekteller.objects.create(sleutel="wal", venster="2026-01-01T00:00Z", aantal=1)  # something to replay
    time.sleep(0.6)
    assert replica.achterstand() > 0.3
    replica.vergeet_toestand()
    with (
        CaptureQueriesContext(connections[replica.REPLICA]) as op_replica,
        CaptureQueriesContext(connection) as op_primary,
    ):
        _leespaden(client)
    assert len(op_primary) >= 5 and all("pg_last_wal_replay_lsn" in q["sql"] for q in op_replica)
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")
    _ingehaald()

    # The stream stops (the standby loses its primary_conninfo): it has replayed all it received, yet
    # the primary's new writes pass it by. That is lag too, measured against the primary's WAL.
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute("SHOW primary_conninfo")
        bron = cursor.fetchone()[0]
        cursor.execute("ALTER SYSTEM SET primary_conninfo = ''")
        cursor.execute("SELECT pg_reload_conf()")
    try:
        tot = time.monotonic() + 10
        while True:
            with connections[replica.REPLICA].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_wal_receiver")
                if cursor.fetchone()[0] == 0:
                    break
            assert time.monotonic() < tot, "de WAL-ontvanger van de replica stopte niet"
            time.sleep(0.1)
        Verzoekteller.objects.create(sleutel="wal", venster="2026-01-02T00:00Z", aantal=1)
        time.sleep(0.6)
        assert replica.achterstand() > 0.3
    finally:
        with connections[replica.REPLICA].cursor() as cursor:
            cursor.execute("ALTER SYSTEM SET primary_conninfo = %s", [bron])
            cursor.execute("SELECT pg_reload_conf()")
    _ingehaald()
    assert replica.lees_alias() == "default"  # outside a read-only request, always the primary
    # Reads go to the replica again. Measured afresh each time, and within a few tries: the other test worker writes to the same
    # cluster, so a measurement can meet WAL written a moment ago and not yet replayed.
    tot = time.monotonic() + 10
    while True:
        replica.vergeet_toestand()
        with replica.alleen_lezen():
            if replica.lees_alias() == replica.REPLICA:
                break
        assert time.monotonic() < tot, "de ingehaalde replica werd niet weer gebruikt"
        time.sleep(0.1)

    # The replica is down: everything keeps answering, from the primary.
    _pg("replica-stop", replica_cluster)
    replica.vergeet_toestand()
    with CaptureQueriesContext(connection) as op_primary:
        _leespaden(client)
    assert len(op_primary) >= 5
    with replica.alleen_lezen():
        assert replica.lees_alias() == "default"
