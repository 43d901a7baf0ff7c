"""Shared fixtures: the real deliveries in ../shared/data and the project's own generated sample."""

import json
import os
from pathlib import Path

import pytest

from kern.crs import naar_wgs84
from tests import bagxml
from tests.browser import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A real delivery from ../shared/data, or a skip that says exactly what is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"echte levering {path} ontbreekt (../shared/data staat niet naast het project)")
    return path


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The Den Helder sample at scale 1, generated once per test session (deterministic)."""
    from dev.sample.bgt_bag import generate

    out = tmp_path_factory.mktemp("sample")
    generate(out)
    return out


KEIZER, SPOOR = "0400300000000001", "0400300000000002"
NUM_12A, NUM_14, NUM_SPOOR = "0400200000000001", "0400200000000002", "0400200000000003"
PAND_12A, PAND_14, PAND_SPOOR = "0400100000000001", "0400100000000002", "0400100000000003"


@pytest.fixture
def adressen(tmp_path):
    """Keizerstraat 12a and 14 in two panden in buurt Centrum; Spoorstraat 3 outside any buurt."""
    files = {
        "0400WPL01112026-000001.xml": [bagxml.woonplaats()],
        "0400OPR01112026-000001.xml": [
            bagxml.openbare_ruimte(KEIZER, "Keizerstraat"),
            bagxml.openbare_ruimte(SPOOR, "Spoorstraat"),
        ],
        "0400NUM01112026-000001.xml": [
            bagxml.nummeraanduiding(NUM_12A, 12, KEIZER, letter="a"),
            bagxml.nummeraanduiding(NUM_14, 14, KEIZER),
            bagxml.nummeraanduiding(NUM_SPOOR, 3, SPOOR),
        ],
        "0400PND01112026-000001.xml": [
            bagxml.pand(PAND_12A, bouwjaar=1890, pos=bagxml.square(113000, 553000)),
            bagxml.pand(PAND_14, bouwjaar=1990, pos=bagxml.square(113020, 553000)),
            bagxml.pand(PAND_SPOOR, bouwjaar=2005, pos=bagxml.square(113495, 553495)),
        ],
        "0400VBO01112026-000001.xml": [
            bagxml.verblijfsobject("0400010000000001", NUM_12A, PAND_12A, x=113005, y=553005),
            bagxml.verblijfsobject("0400010000000002", NUM_14, PAND_14, x=113025, y=553005),
            bagxml.verblijfsobject("0400010000000003", NUM_SPOOR, PAND_SPOOR, x=113500, y=553500),
        ],
    }
    for name, objects in files.items():
        (tmp_path / name).write_text(bagxml.document(*objects))
    from kaartlagen.importing.bag import importeer_bag
    from kaartlagen.importing.cbs import importeer_buurten

    assert importeer_bag(tmp_path).ok
    ring = [
        naar_wgs84(x, y) for x, y in [(112900, 552900), (113200, 552900), (113200, 553200), (112900, 553200)]
    ]
    buurt = {
        "type": "Feature",
        "properties": {"statcode": "BU04000102", "statnaam": "Centrum"},
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in [*ring, ring[0]]]]},
    }
    pad = tmp_path / "buurten.geojson"
    pad.write_text(json.dumps({"type": "FeatureCollection", "features": [buurt]}))
    assert importeer_buurten(pad).ok


@pytest.fixture
def standaard_lagen():
    """The layers the migrations make. A transactional test flushes every table afterwards, those
    rows included, so transactional tests that need them ask for this."""
    import importlib

    from django.apps import apps

    for migratie in ("0003_standaard_kaartlagen", "0004_basiskaart"):
        importlib.import_module(f"kaartlagen.migrations.{migratie}").maak(apps, None)


def start_portaal(stop_lijst: list) -> str:
    """Our whole WSGI application (Django with MapProxy under /basiskaart/) on a real socket, in a
    thread; the data it serves must be committed (transactional tests). Returns the base URL."""
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections

    from config.wsgi import django_app, maak_portaal

    class Stil(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    # Static files as in production behind a web server (here Django's own handler, like runserver).
    portaal = maak_portaal(StaticFilesHandler(django_app))

    def app(environ, start_response):
        # Close this server thread's connection after each request, or the test database cannot be dropped.
        try:
            return portaal(environ, start_response)
        finally:
            connections.close_all()

    server = make_server("127.0.0.1", 0, app, handler_class=Stil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop_lijst.append(server)
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def portalen(standaard_lagen, settings, tmp_path):
    """Start portal servers on demand (`portalen()` gives a base URL); all stop after the test."""
    from kaartlagen.tegelserver import sluit_pool

    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    servers = []
    yield lambda: start_portaal(servers)
    for server in servers:
        server.shutdown()
    sluit_pool()  # the tile fast path's own connections, or the test database cannot be dropped


@pytest.fixture
def portaal_server(portalen):
    return portalen()


@pytest.fixture
def browser():
    """Ask for it after every fixture that touches the database: once Playwright's event loop runs,
    Django would open a separate connection for that context that nobody closes."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (make installeert het pakket chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM work is done before it starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
