"""The mock DSO knooppunt (dev.dso_mock) as tests use it: its API key, and our client configured for it.
The `knooppunt` fixture that starts it is in tests/conftest.py (the mock's own tests and the
dso_koppeling tests both use it)."""

from dso_koppeling.client import DsoClient, Stroomonderbreker
from dso_koppeling.instellingen import DsoInstellingen

SLEUTEL = "mock-sleutel-pre"


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
    inst = DsoInstellingen(**waarden)
    # Each test's client has a breaker of its own (in memory): tests need not share the database's.
    return DsoClient(inst, breker=Stroomonderbreker(inst.breker_drempel, inst.breker_pauze))
