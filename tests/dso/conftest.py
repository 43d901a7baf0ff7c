"""The mock knooppunt as a real HTTP server on a free port, and clients configured for it."""

import pytest

from dev.dso_mock.server import start
from dso_koppeling.client import DsoClient
from dso_koppeling.instellingen import DsoInstellingen

SLEUTEL = "mock-sleutel-pre"


@pytest.fixture
def knooppunt(sample_dir):
    """Start mock servers on demand: `knooppunt(**opties)` → (app, base URL); all stop after the test."""
    servers = []

    def begin(**opties):
        server, app = start(0, sample=sample_dir, **opties)
        servers.append(server)
        return app, f"http://127.0.0.1:{server.server_port}"

    yield begin
    for server in servers:
        server.shutdown()
        server.server_close()


def maak_client(url: str, **opties) -> DsoClient:
    """A client for tests: short timeouts and backoff, so faults cost little time."""
    waarden = {
        "basis_url": url,
        "api_sleutel": SLEUTEL,
        "timeout": 1.0,
        "backoff_basis": 0.02,
        "backoff_max": 0.2,
        "max_pogingen": 8,
        "breker_drempel": 50,
        "breker_pauze": 0.2,
    }
    waarden.update(opties)
    return DsoClient(DsoInstellingen(**waarden))


@pytest.fixture
def dso_zaaktypen():
    """The zaaktypen the migrations make; a transactional test flushes them, so those ask for this."""
    from dso_koppeling.zaaktypen import ALLE
    from loket.zaken.definitie import definieer

    for definitie in ALLE:
        definieer(definitie)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
