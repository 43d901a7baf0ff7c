"""More than one machine without a shared disk: a release of the basemap (`bouw_basiskaart`, a changed
kaartlaag) on one machine is a row and a NOTIFY in the database; each machine's follower
(`manage.py volg_basiskaart`) builds its own files from it, and its MapProxy reloads them."""

import contextlib
import io
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
import yaml
from django.core.management import call_command
from django.db import connection, transaction

from kaartlagen.basiskaart import bijhouden, uitgave
from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import tegel_index
from tests.support.database import database_url
from tests.support.paden import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _haal(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as antwoord:  # noqa: S310 (our own server)
            return antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read()


def _bouw() -> str:
    uit = io.StringIO()
    call_command("bouw_basiskaart", stdout=uit)
    return uit.getvalue()


@contextlib.contextmanager
def _machine(settings, map_dir):
    """This test process acts as another machine: its own BASISKAART_DIR, the same database."""
    eigen, settings.BASISKAART_DIR = settings.BASISKAART_DIR, map_dir
    try:
        yield
    finally:
        settings.BASISKAART_DIR = eigen


def _wacht(voorwaarde, wat: str, seconden: float = 60.0) -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < einde, f"bleef uit: {wat}"
        time.sleep(0.05)


@pytest.fixture
def machine_b():
    """Start `manage.py volg_basiskaart` for a BASISKAART_DIR, as another machine runs it; returns its
    output lines once it has caught up. Stopped after the test (before the database goes)."""
    processen = []

    def start(map_dir):
        proces = subprocess.Popen(
            [sys.executable, "manage.py", "volg_basiskaart", "--wacht", "5"],
            cwd=ROOT,
            env={
                **os.environ,
                "DATABASE_URL": database_url(),
                "BASISKAART_DIR": str(map_dir),
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processen.append(proces)
        regels = queue.Queue()
        threading.Thread(target=lambda: [regels.put(r) for r in proces.stdout], daemon=True).start()
        eerste = regels.get(timeout=60)
        assert "volgt de uitgaven" in eerste, eerste
        return regels

    yield start
    for proces in processen:
        proces.terminate()
        proces.wait(10)


def test_een_release_op_machine_a_komt_zonder_gedeelde_schijf_op_machine_b(
    portalen, settings, tmp_path, machine_b
):
    b = settings.BASISKAART_DIR  # machine B: the portal below and the follower
    a = tmp_path / "machine-a"
    regels = machine_b(b)
    basis = portalen(basiskaart=False)
    x, y = tegel_index(113_300, 553_300, 16)
    tegel = f"{basis}/basiskaart/tiles/basiskaart/GLOBAL_WEBMERCATOR/16/{x}/{y}.png"
    # No machine built the basemap against this database yet: B's follower builds nothing either.
    assert _haal(tegel)[0] == 503 and not b.exists()

    with _machine(settings, a):
        assert "de andere machines volgen" in _bouw()  # machine A's release step
    assert regels.get(timeout=60).startswith(f"Basiskaart: uitgave {uitgave.laatste()}: geschreven")
    status, inhoud = _haal(tegel)
    assert status == 200 and inhoud.startswith(b"\x89PNG")
    # Built by B for B, not copied from A: its own folder in MapProxy's configuration.
    config = yaml.safe_load((b / "mapproxy.yaml").read_text())
    assert config["globals"]["mapserver"]["working_dir"] == str(b)
    assert config["sources"]["basiskaart_ms"]["req"]["map"] == str(b / "basiskaart.map")

    # A layer added on machine A (the admin, a shell): B's running portal offers it, no restart.
    capabilities = f"{basis}/basiskaart/service?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"
    assert b"<Name>luchtfoto-test</Name>" not in _haal(capabilities)[1]
    with _machine(settings, a):
        Kaartlaag.objects.create(
            naam="luchtfoto-test",
            titel="Test-ondergrond",
            groep="Ondergrond",
            soort=Kaartlaag.Soort.BASISKAART,
        )
        assert "luchtfoto-test" in (a / "mapproxy.yaml").read_text()  # A rewrote its own on commit
    _wacht(lambda: "luchtfoto-test" in (b / "mapproxy.yaml").read_text(), "de nieuwe laag op machine B")
    status, xml = _haal(capabilities)
    assert status == 200 and b"<Name>luchtfoto-test</Name>" in xml

    # B's listening connection is cut (a database restart, a network hiccup) while A deletes the layer:
    # B connects again and catches up.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = %s",
            [bijhouden.NAAM],
        )
        assert cursor.fetchone()[0] == 1
    with _machine(settings, a):
        Kaartlaag.objects.get(naam="luchtfoto-test").delete()
    _wacht(lambda: "luchtfoto-test" not in (b / "mapproxy.yaml").read_text(), "de laag weg op machine B")
    assert b"<Name>luchtfoto-test</Name>" not in _haal(capabilities)[1]


def test_een_release_gaat_uit_met_de_transactie_die_haar_maakt(settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    uit = _bouw()
    eerste = uitgave.laatste()
    assert f"(uitgave {eerste}: de andere machines volgen)" in uit
    with bijhouden._luister() as luisteraar:
        with pytest.raises(RuntimeError), transaction.atomic():
            Kaartlaag.objects.create(
                naam="weg", titel="Weg", groep="Ondergrond", soort=Kaartlaag.Soort.BASISKAART
            )
            raise RuntimeError("teruggedraaid")
        assert uitgave.laatste() == eerste
        assert list(luisteraar.notifies(timeout=0.5)) == []  # a rolled-back change tells no one

        Kaartlaag.objects.create(
            naam="blijft", titel="Blijft", groep="Ondergrond", soort=Kaartlaag.Soort.BASISKAART
        )
        [bericht] = luisteraar.notifies(timeout=10, stop_after=1)
        assert bericht.channel == uitgave.KANAAL and int(bericht.payload) == uitgave.laatste() > eerste
        # Vector layers are not in the basemap's configuration: no release for them.
        Kaartlaag.objects.create(naam="vlakken", titel="Vlakken", groep="Test", soort=Kaartlaag.Soort.VECTOR)
        assert list(luisteraar.notifies(timeout=0.5)) == []


def test_bijhouden_bouwt_alleen_bij_een_nieuwere_uitgave(settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    assert bijhouden.werk_bij(None) == (None, None)  # no release at all: nothing built
    assert not settings.BASISKAART_DIR.exists()
    nummer = uitgave.breng_uit("test")
    toegepast, wat = bijhouden.werk_bij(None)
    assert toegepast == nummer and wat.startswith(f"uitgave {nummer}: geschreven")
    assert bijhouden.werk_bij(nummer) == (nummer, None)
    assert bijhouden.werk_bij(nummer - 1)[1].startswith(f"uitgave {nummer}: ongewijzigd")


def test_gereed_zegt_hoe_ver_deze_machine_achter_de_nieuwste_uitgave_is(client, settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    _bouw()
    nummer = uitgave.laatste()
    antwoord = client.get("/gereed").json()
    assert antwoord["basiskaart"] == {"toegepast": nummer, "nieuwste": nummer, "achter_s": 0.0}
    # A change made on this machine: its own files are rebuilt when the change commits.
    Kaartlaag.objects.create(naam="hier", titel="Hier", groep="Ondergrond", soort=Kaartlaag.Soort.BASISKAART)
    assert uitgave.toegepast() == uitgave.laatste() > nummer

    # A release from another machine, and this machine's follower does not run.
    settings.BASISKAART_MAX_ACHTERSTAND = 0
    elders = uitgave.breng_uit("bouw_basiskaart op een andere machine")
    r = client.get("/gereed")
    antwoord = r.json()
    assert r.status_code == 200 and antwoord["status"] == "gereed"  # a warning, not out of service
    assert antwoord["basiskaart"]["toegepast"] == elders - 1 and antwoord["basiskaart"]["nieuwste"] == elders
    assert antwoord["basiskaart"]["achter_s"] > 0
    assert antwoord["waarschuwingen"] == [
        f"basiskaart: uitgave {elders} is hier na {antwoord['basiskaart']['achter_s']:.0f} s nog niet gebouwd "
        "(draait manage.py volg_basiskaart op deze machine?)"
    ]

    bijhouden.werk_bij(elders - 1)  # the follower catches up
    antwoord = client.get("/gereed").json()
    assert antwoord["basiskaart"]["achter_s"] == 0.0 and "waarschuwingen" not in antwoord
