"""Fixtures shared by the tests of several packages: the database as migrate leaves it, the generated
sample, the shared addresses, the portal on a real socket, a browser and the mock DSO knooppunt.

Plain helpers live in tests/support/, fixtures of one package in that package's own conftest.py.
"""

import functools
import os
from pathlib import Path

import pytest

from tests.support.adressen import maak as maak_adressen
from tests.support.browser import CHROMIUM
from tests.support.portaal import start_portaal

# The packages whose data migrations make rows every database must have (zaaktypen, map layers).
PAKKETTEN = ("kern", "kaartlagen", "toepasbare_regels", "loket", "dso_koppeling")


@functools.cache
def _data_migraties() -> list:
    """The RunPython steps of our own migrations, in the order `migrate` runs them."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = list(dict.fromkeys(key for leaf in graph.leaf_nodes() for key in graph.forwards_plan(leaf)))
    return [
        op.code
        for key in plan
        if graph.nodes[key].__module__.split(".")[0] in PAKKETTEN
        for op in graph.nodes[key].operations
        if isinstance(op, RunPython)
    ]


def _maak_migratiegegevens(sender=None, **kwargs):
    from django.apps import apps

    for stap in _data_migraties():
        stap(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the test database is made: every flush is followed by the rows our data migrations make.

    A transactional test ends with a flush of every table, which also empties what the migrations put
    there (zaaktypen with their status flow, the map layer registry). Django sends post_migrate after
    that flush (that is how it restores content types and permissions); we make our rows again at the
    same moment, so every test, in whatever order xdist hands out the files, starts from a database
    as `migrate` leaves it.
    """
    from django.apps import apps
    from django.db.models.signals import post_migrate

    laatste_app = [app for app in apps.get_app_configs() if app.models_module][-1]
    post_migrate.connect(_maak_migratiegegevens, sender=laatste_app, dispatch_uid="tests.migratiegegevens")
    yield
    post_migrate.disconnect(sender=laatste_app, dispatch_uid="tests.migratiegegevens")


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The Den Helder sample at scale 1, generated once per test session (deterministic)."""
    from dev.sample.bgt_bag import generate

    out = tmp_path_factory.mktemp("sample")
    generate(out)
    return out


@pytest.fixture(autouse=True)
def _eigen_kaartinstellingen(settings, tmp_path_factory):
    """Maps start at the extent of the loaded BAG, kept a few minutes per process: each test its own.
    The basemap's files (rewritten when a kaartlaag changes) go to a folder of the test run, never to
    the developer's var/basiskaart."""
    from kaartlagen.services import vergeet_grenzen

    vergeet_grenzen()
    settings.BASISKAART_DIR = tmp_path_factory.getbasetemp() / "basiskaart"


@pytest.fixture
def adressen():
    """Keizerstraat 12a and 14 in two panden in buurt Centrum; Spoorstraat 3 outside any buurt
    (tests/support/adressen.py)."""
    maak_adressen()


@pytest.fixture
def portalen(settings, tmp_path):
    """Start portal servers on demand (`portalen()` gives a base URL); all stop after the test."""
    from kaartlagen.tegelserver import sluit_pool

    settings.BASISKAART_DIR = tmp_path / "basiskaart"
    servers = []
    yield lambda **opties: start_portaal(servers, **opties)
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


@pytest.fixture
def knooppunt(sample_dir):
    """The mock DSO knooppunt as a real HTTP server on a free port, started on demand:
    `knooppunt(**opties)` → (app, base URL); all stop after the test."""
    from dev.dso_mock.server import start

    servers = []

    def begin(**opties):
        server, app = start(0, sample=sample_dir, **opties)
        servers.append(server)
        return app, f"http://127.0.0.1:{server.server_port}"

    yield begin
    for server in servers:
        server.shutdown()
        server.server_close()
