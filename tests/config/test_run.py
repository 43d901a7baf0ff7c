"""`make run`'s stack as a user gets it: scripts/run.sh serves through granian (config/webserver.py) with
whitenoise and the collected static files, a killed web worker is started again, and the portal keeps
answering while the job worker is killed and restarted."""

import contextlib
import gzip
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import brotli
import pytest
from django.db import connection

from tests.support.browser import (
    axe_schoon,
    controleer_schoon,
    kaart_en_paneel_in_beeld,
    kaart_op_adres,
    nieuwe_pagina,
)
from tests.support.database import database_url
from tests.support.paden import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    verzoek = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (our own server)
    with urllib.request.urlopen(verzoek, timeout=5) as r:  # noqa: S310
        return r.status, r.headers, r.read()


def _wacht(voorwaarde, seconden=60, wat=""):
    tot = time.monotonic() + seconden
    while time.monotonic() < tot:
        try:
            if uitkomst := voorwaarde():
                return uitkomst
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"bleef uit: {wat}")


def _pid(run_dir: Path, naam: str) -> int | None:
    try:
        return int((run_dir / f"{naam}.pid").read_text())
    except (OSError, ValueError):
        return None


def _leeft(pid) -> bool:
    try:
        os.kill(pid, 0)
    except (OSError, TypeError):
        return False
    return True


@pytest.fixture
def stack(tmp_path):
    with _start(tmp_path) as gestart:
        yield gestart


@contextlib.contextmanager
def _start(tmp_path, werkers: int = 1, **extra):
    poort = _vrije_poort()
    run_dir = tmp_path / "run"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "LOKET_ADDR": f"127.0.0.1:{poort}",
        "LOKET_RUN_DIR": str(run_dir),
        "LOKET_HERSTART_PAUZE": "0.2",
        "WEB_CONCURRENCY": str(werkers),
        "DSO_MOCK": "0",
        "BASISKAART_DIR": str(tmp_path / "basiskaart"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    log = (tmp_path / "run.log").open("w")
    # Started as from a terminal, where Ctrl-C is not ignored: pytest-xdist's workers ignore SIGINT, a
    # child inherits that, and a shell cannot trap a signal that was ignored when it started.
    als_terminal = (
        "import os, signal; signal.signal(signal.SIGINT, signal.SIG_DFL); "
        "os.execv('scripts/run.sh', ['scripts/run.sh'])"
    )
    proces = subprocess.Popen(
        [sys.executable, "-c", als_terminal],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{poort}"
    try:
        _wacht(lambda: _get(url + "/gezondheid")[0] == 200, wat=f"portaal op {url}")
        yield proces, url, run_dir
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGINT)  # Ctrl-C in the terminal
            try:
                proces.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                raise
        log.close()
        # The worker may have planned its periodic jobs in the test database; they are not this test's.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM procrastinate_periodic_defers; DELETE FROM procrastinate_jobs")


def _kinderen(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_granian_whitenoise_herstart_en_ctrl_c(adressen, stack, browser):
    """One stack for all steps: starting it is the slow part."""
    proces, url, run_dir = stack
    # What a resident does, in a browser, through the server users get: the map, an address searched,
    # its panel with the pand outlined; tiles and static files over kept-alive connections, no request
    # leaving the machine, no CSP violation, no axe finding.
    page = nieuwe_pagina(browser)
    mislukt = []
    page.on("response", lambda r: mislukt.append(r.url) if "/static/" in r.url and r.status >= 400 else None)
    kaart_op_adres(page, url, "Keizerstraat 12a")
    kaart_en_paneel_in_beeld(page)
    axe_schoon(page, "kaart met paneel via granian")
    controleer_schoon(page, url)
    page.close()
    # Every static file the page asked for is there, by the hashed names of the CSS url()s too (the
    # basemap is not built here: its tiles answer 503).
    assert mislukt == []

    web = _pid(run_dir, "web")
    assert "config.webserver" in Path(f"/proc/{web}/cmdline").read_bytes().decode(errors="replace")
    # Static files as production serves them: the page links the collected copy by its hashed name,
    # compressed with brotli or gzip for the browser that takes it, to be kept for a year and more.
    [leaflet] = re.findall(
        r'src="(/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js)"', _get(url + "/kaart")[2].decode()
    )
    origineel = (ROOT / "loket/portaal/static/vendor/leaflet/leaflet.js").read_bytes()
    grootte = {}
    for vraagt, krijgt, uitpakken in [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ]:
        status, headers, inhoud = _get(url + leaflet, {"Accept-Encoding": vraagt})
        assert status == 200 and headers["Server"] == "granian"
        assert headers["Content-Encoding"] == krijgt, vraagt
        assert uitpakken(inhoud) == origineel
        [max_age] = re.findall(r"max-age=(\d+)", headers["Cache-Control"])
        assert int(max_age) >= 365 * 24 * 3600 and "immutable" in headers["Cache-Control"]
        grootte[krijgt] = len(inhoud)
    assert grootte["br"] < grootte["gzip"] < grootte[None] / 2
    # The connection is kept for the next request, as a browser loading tiles uses it (decision 0021).
    verbinding = http.client.HTTPConnection(url.removeprefix("http://"), timeout=5)
    try:
        verbinding.request("GET", "/gezondheid")
        eerste = verbinding.getresponse()
        eerste.read()
        sok = verbinding.sock
        verbinding.request("GET", "/static/portaal/kaart.js")
        assert verbinding.getresponse().status == 200 and eerste.status == 200
        assert sok is not None and verbinding.sock is sok
    finally:
        verbinding.close()
    # /metrics adds up the workers' figures (prometheus multiprocess mode).
    assert b'loket_verzoeken_total{soort="statisch",status="2xx"}' in _get(url + "/metrics")[2]

    # A web worker dies (the OOM killer, a segfault in a C library): granian starts a new one.
    [webwerker] = _kinderen(web)
    os.kill(webwerker, signal.SIGKILL)
    nieuwe_webwerker = _wacht(
        lambda: (k := _kinderen(web)) and k[0] != webwerker and k[0], seconden=30, wat="nieuwe webwerker"
    )
    assert _wacht(lambda: _get(url + "/gezondheid")[0] == 200, seconden=60, wat="portaal terug")

    # The job worker dies: it is started again, and the portal never stopped answering.
    worker = _wacht(lambda: _pid(run_dir, "worker"), wat="worker.pid")
    _wacht(lambda: _leeft(worker), wat="worker")
    os.kill(worker, signal.SIGKILL)
    nieuw = _wacht(
        lambda: (p := _pid(run_dir, "worker")) != worker and _leeft(p) and p, seconden=30, wat="nieuwe worker"
    )
    assert proces.poll() is None and _get(url + "/gezondheid")[0] == 200

    # Ctrl-C stops everything, the restarted workers included.
    os.killpg(proces.pid, signal.SIGINT)
    try:
        assert proces.wait(40) == 0
    except subprocess.TimeoutExpired:
        namen = {"web": web, "webwerker": nieuwe_webwerker, "worker": nieuw}
        raise AssertionError(f"na Ctrl-C leven nog: {[n for n, p in namen.items() if _leeft(p)]}") from None
    _wacht(lambda: not any(map(_leeft, (nieuw, web, nieuwe_webwerker))), seconden=15, wat="alles gestopt")


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_stops_within_a_second_or_two_with_several_web_workers(tmp_path):
    """With the terminal's SIGINT reaching granian's worker processes themselves, two or more of them
    refused to stop and were killed after granian's 30 s: every Ctrl-C of `make run` took half a
    minute. scripts/run.sh now keeps granian out of the terminal's process group and stops it itself."""
    with _start(tmp_path, werkers=3) as (proces, url, run_dir):
        web = _wacht(lambda: _pid(run_dir, "web"), wat="web.pid")
        _wacht(lambda: len(_kinderen(web)) == 3, wat="3 webwerkers")
        for _ in range(12):  # every worker has loaded the application and answered
            assert _get(url + "/gezondheid")[0] == 200
        time.sleep(2)
        processen = {"web": web, "worker": _pid(run_dir, "worker")}
        processen |= {f"webwerker {i}": p for i, p in enumerate(_kinderen(web))}
        begin = time.monotonic()
        os.killpg(proces.pid, signal.SIGINT)
        gestopt = {}  # when each process was gone: says which one kept Ctrl-C waiting
        while proces.poll() is None and time.monotonic() - begin < 40:
            gestopt |= {n: round(time.monotonic() - begin, 1) for n, p in processen.items() if not _leeft(p)}
            time.sleep(0.05)
        assert proces.wait(1) == 0
        duur = time.monotonic() - begin
        log = (tmp_path / "run.log").read_text()[-3000:]
        assert duur < 10, f"Ctrl-C duurde {duur:.1f} s; weg na (s): {gestopt}\n{log}"


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_does_not_wait_long_for_a_worker_that_does_not_end(tmp_path):
    """A job worker busy with a long job (or hung) gets LOKET_STOP_WACHTTIJD seconds, then is killed."""
    with _start(tmp_path, LOKET_STOP_WACHTTIJD="1") as (proces, url, run_dir):
        worker = _wacht(lambda: _pid(run_dir, "worker"), wat="worker.pid")
        os.kill(worker, signal.SIGSTOP)  # it cannot end on SIGTERM now: as if its job never finished
        begin = time.monotonic()
        os.killpg(proces.pid, signal.SIGINT)
        assert proces.wait(40) == 0
        assert time.monotonic() - begin < 5
        _wacht(lambda: not _leeft(worker), seconden=5, wat="worker weg")
