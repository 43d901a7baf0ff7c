"""Kill the sync (SIGKILL, a real `manage.py dso_sync` process) halfway through a page and run it
again: nothing lost, nothing doubled. Also the command's dry run and reconciliation report."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dso_koppeling.models import Quarantaine, Synctoestand, Verzoek
from tests.dso_koppeling.verwachting import controleer_lokaal
from tests.support.database import database_url
from tests.support.paden import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _omgeving(url: str, media: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DSO_BASIS_URL": url,
        "DSO_TIMEOUT": "2",
        "MEDIA_ROOT": str(media),
        "DSO_SLOT_DUUR": "2",  # a killed sync's lease runs out after 2 s (15 min in production)
        "LOG_LEVEL": "WARNING",
    }


def _dso_sync(url: str, media: Path, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "dso_sync", *args],
        cwd=ROOT,
        env=_omgeving(url, media),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_sigkill_halverwege_een_pagina_en_opnieuw(knooppunt, media):
    # Every call 60 ms slower, so the kill lands while the first page of 50 is being handled.
    app, url = knooppunt(aantal=40, storingen_kans=1.0, storingen="latentie", latentie=0.06)
    proces = _dso_sync(url, media, "--verzoeken", "--grootte", "50")
    tot = time.monotonic() + 60
    while Verzoek.objects.count() < 10:
        assert proces.poll() is None, proces.stdout.read()
        assert time.monotonic() < tot, "de sync kwam niet op gang"
        time.sleep(0.05)
    proces.send_signal(signal.SIGKILL)
    proces.wait()
    assert proces.returncode == -signal.SIGKILL

    gedaan = Verzoek.objects.count()
    assert 10 <= gedaan < 40
    cursor = Synctoestand.objects.get(naam="verzoeken").cursor
    # The cursor is exactly the last item that was committed: no further, no less.
    laatste = max(
        [
            *Verzoek.objects.values_list("volgnummer", flat=True),
            *Quarantaine.objects.values_list("volgnummer", flat=True),
        ]
    )
    assert cursor == laatste

    time.sleep(2.2)  # the killed sync could not release its lease: it runs out
    tweede = _dso_sync(url, media, "--verzoeken", "--grootte", "50")
    uitvoer, _ = tweede.communicate(timeout=120)
    assert tweede.returncode == 0, uitvoer
    assert f"cursor {cursor} → {len(app.opslag.feed)}" in uitvoer
    controleer_lokaal(app.opslag)
    print(
        f"\nDSO-onderbreking: gestopt na {gedaan} zaken (cursor {cursor}), tweede run: {next(r for r in uitvoer.splitlines() if r.startswith('Verzoeken:'))}"
    )


def test_droog_en_reconciliatie(knooppunt, media):
    app, url = knooppunt(aantal=6, kapot=1, aanvullingen=1)
    droog = _dso_sync(url, media, "--verzoeken", "--dry-run")
    uitvoer, _ = droog.communicate(timeout=60)
    assert "gelezen 6" in uitvoer and "niets opgeslagen" in uitvoer, uitvoer
    assert not Verzoek.objects.exists()

    rapport = _dso_sync(url, media, "--reconcile").communicate(timeout=60)[0]
    assert "Ontbreekt bij ons (7)" in rapport and "Niet sluitend" in rapport, rapport

    sync = _dso_sync(url, media, "--verzoeken")
    uitvoer = sync.communicate(timeout=60)[0]
    # A quarantaine is reported, and the rest went on: not a failed run.
    assert sync.returncode == 0 and "! xml_onleesbaar V-2026-000006" in uitvoer, uitvoer
    rapport = _dso_sync(url, media, "--reconcile").communicate(timeout=60)[0]
    assert (
        "Ontbreekt bij ons (0)" in rapport and "In quarantaine (1): V-2026-000006 (xml_onleesbaar)" in rapport
    ), rapport
    assert "Sluitend." in rapport
