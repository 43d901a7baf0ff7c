"""The one DSO client: retries with backoff and jitter on 5xx, timeouts and resets, honours
Retry-After, does not retry a refusal, and a circuit breaker that stops hammering a dead knooppunt."""

import socket
import time

import pytest

from dso_koppeling.client import DsoClient, DsoFout, GedeeldeOnderbreker, Stroomonderbreker
from dso_koppeling.instellingen import DsoInstellingen
from tests.support.knooppunt import maak_client

FEED = "/overheid/verzoeken/api/afhandelen/v1/verzoeken"


class Slaap:
    def __init__(self):
        self.wachttijden = []

    def __call__(self, seconden):
        self.wachttijden.append(seconden)


@pytest.mark.parametrize(
    ("soort", "gezien_als"),
    [("serverfout", "serverfout"), ("timeout", "timeout"), ("reset", "verbinding"), ("te_veel", "te_veel")],
)
def test_herhaalt_bij_storing_tot_het_lukt(knooppunt, soort, gezien_als):
    app, url = knooppunt(aantal=3, storingen_kans=0.6, storingen=soort, timeout=0.6, storingen_seed=3)
    client = maak_client(url, timeout=0.3, max_pogingen=30)
    for _ in range(5):
        assert client.json("GET", FEED)["page"]["totalElements"] == 6
    assert app.storingen.geteld[soort] > 0
    assert client.statistiek[f"storing_{gezien_als}"] == app.storingen.geteld[soort]
    assert client.statistiek["herhalingen"] == app.storingen.geteld[soort]


def test_retry_after_wordt_gerespecteerd(knooppunt):
    app, url = knooppunt(aantal=1, storingen_kans=1.0, storingen="te_veel", retry_after=7)
    slaap = Slaap()
    client = maak_client(url, max_pogingen=3)
    client.slaap = slaap
    with pytest.raises(DsoFout) as fout:
        client.get(FEED)
    assert fout.value.code == "dso_onbereikbaar" and fout.value.status == 429
    assert slaap.wachttijden == [7, 7]
    # Rate limiting is the knooppunt being busy, not down: the circuit stays closed.
    assert client.breker.toestand == "dicht"


def test_onleesbare_retry_after_geeft_de_gewone_backoff(knooppunt):
    _, url = knooppunt(aantal=1, storingen_kans=1.0, storingen="te_veel", retry_after="straks")
    slaap = Slaap()
    client = maak_client(url, max_pogingen=3, backoff_basis=0.1, backoff_max=1.0)
    client.slaap = slaap
    with pytest.raises(DsoFout) as fout:
        client.get(FEED)
    assert fout.value.status == 429
    assert len(slaap.wachttijden) == 2
    assert all(0 <= w <= p for w, p in zip(slaap.wachttijden, (0.1, 0.2), strict=True))


def test_backoff_groeit_exponentieel_met_jitter_en_plafond(knooppunt):
    _, url = knooppunt(aantal=1, storingen_kans=1.0, storingen="serverfout")
    slaap = Slaap()
    client = maak_client(url, max_pogingen=8, backoff_basis=0.1, backoff_max=1.0)
    client.slaap = slaap
    with pytest.raises(DsoFout):
        client.get(FEED)
    plafonds = [min(1.0, 0.1 * 2**i) for i in range(7)]
    assert len(slaap.wachttijden) == 7
    assert all(0 <= w <= p for w, p in zip(slaap.wachttijden, plafonds, strict=True))
    assert len(set(slaap.wachttijden)) == 7  # jitter: no two waits alike


def test_weigering_wordt_niet_herhaald(knooppunt):
    _, url = knooppunt(aantal=1)
    client = maak_client(url, api_sleutel="mock-sleutel-prod")
    with pytest.raises(DsoFout) as fout:
        client.get(FEED)
    assert (fout.value.code, fout.value.status) == ("dso_geweigerd", 403)
    assert "omgeving" in str(fout.value)
    assert client.statistiek["herhalingen"] == 0


def test_stroomonderbreker_gaat_open_en_na_de_pauze_weer_dicht():
    nu = [0.0]
    breker = Stroomonderbreker(3, 10, klok=lambda: nu[0])
    for _ in range(3):
        assert breker.mag()
        breker.mislukt()
    assert breker.toestand == "open" and not breker.mag()
    nu[0] = 10.5
    assert breker.toestand == "halfopen" and breker.mag()
    breker.mislukt()  # the trial call fails: open again for another pause
    assert not breker.mag()
    nu[0] = 21
    breker.gelukt()
    assert breker.toestand == "dicht"


def test_open_stroomonderbreker_belt_niet_meer():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dood = f"http://127.0.0.1:{s.getsockname()[1]}"  # nobody listens here
    client = maak_client(dood, max_pogingen=2, breker_drempel=4, breker_pauze=60)
    client.slaap = Slaap()
    for _ in range(2):
        with pytest.raises(DsoFout, match="pogingen"):
            client.get(FEED)
    with pytest.raises(DsoFout) as fout:
        client.get(FEED)
    assert fout.value.code == "dso_circuit_open"
    assert client.statistiek["storing_verbinding"] == 4


def test_verbinding_blijft_open_over_aanroepen_en_storingen_heen(knooppunt):
    """Keep-alive: one TCP connection (and in production one TLS handshake) for a whole sync, also
    across 429s and 5xx answers that are retried; the old urllib client opened one per attempt."""
    app, url = knooppunt(aantal=3, storingen_kans=0.5, storingen="serverfout,te_veel", retry_after=0)
    client = maak_client(url, max_pogingen=30)
    client.slaap = Slaap()
    for _ in range(8):
        assert client.json("GET", FEED)["page"]["totalElements"] == 6
    assert client.statistiek["herhalingen"] > 0
    assert app.aanroepen == 8 + client.statistiek["herhalingen"]
    assert app.verbindingen == 1


@pytest.mark.django_db
def test_stroomonderbreker_gedeeld_door_alle_jobs():
    """Two clients (two jobs, or two machines) share the breaker's state through PostgreSQL: when one
    finds the knooppunt down, the other does not call it either, until the pause is over."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dood = f"http://127.0.0.1:{s.getsockname()[1]}"
    eerste = DsoClient(
        DsoInstellingen(dood, "sleutel", timeout=0.5, max_pogingen=3, breker_drempel=3, breker_pauze=0.5)
    )
    tweede = DsoClient(
        DsoInstellingen(dood, "sleutel", timeout=0.5, max_pogingen=3, breker_drempel=3, breker_pauze=0.5)
    )
    eerste.slaap = tweede.slaap = Slaap()
    with pytest.raises(DsoFout, match="pogingen"):
        eerste.get(FEED)
    assert isinstance(tweede.breker, GedeeldeOnderbreker) and tweede.breker.toestand == "open"
    with pytest.raises(DsoFout) as fout:
        tweede.get(FEED)
    assert fout.value.code == "dso_circuit_open" and tweede.statistiek["storing_verbinding"] == 0
    time.sleep(0.6)
    assert tweede.breker.toestand == "halfopen"
    tweede.breker.gelukt()
    assert eerste.breker.toestand == "dicht"
