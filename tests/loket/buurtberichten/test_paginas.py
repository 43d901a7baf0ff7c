"""Every bericht is public: a page per bericht, a list (by topic and buurt, without a map), the map
layer "Buurtberichten" in the registry (tiles) and a section in the locatie-informatie panel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import tegel_index
from loket.buurtberichten.models import Bericht, Onderwerp
from tests.loket.buurtberichten.helpers import VER_WEG, bericht
from tests.support.adressen import NUM_12A
from tests.support.mvt import lees_mvt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eigen_basiskaart(settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"


def test_lijst_per_onderwerp_en_buurt(client, buurt):
    bericht(titel="Riolering")
    bericht(titel="Kerstmarkt", soort=Onderwerp.EVENEMENT)
    bericht(titel="Elders", geom=VER_WEG)
    html = client.get("/buurtberichten/berichten").content.decode()
    assert all(t in html for t in ("Riolering", "Kerstmarkt", "Elders"))
    html = client.get("/buurtberichten/berichten", {"soort": "evenement"}).content.decode()
    assert "Kerstmarkt" in html and "Riolering" not in html
    html = client.get("/buurtberichten/berichten", {"buurt": buurt}).content.decode()
    assert "Riolering" in html and "Elders" not in html
    assert (
        f"/buurtberichten/feeds/buurt/{buurt}.atom" in html
        and f"/buurtberichten/feeds/buurt/{buurt}.ics" in html
    )


def test_pagina_per_bericht_met_plek_in_woorden(client, buurt):
    b = bericht(
        begin=timezone.localdate(),
        eind=timezone.localdate() + timedelta(days=3),
        link="https://www.example.org/x",
    )
    html = client.get(f"/buurtberichten/berichten/{b.uuid}").content.decode()
    assert "Nieuwe riolering" in html and "buurt" in html and "Centrum" in html
    assert 'href="https://www.example.org/x"' in html
    assert f"/buurtberichten/berichten/{b.uuid}/kaart.png" in html and 'alt="Kaartje' in html
    png = client.get(f"/buurtberichten/berichten/{b.uuid}/kaart.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert client.get("/buurtberichten/berichten/00000000-0000-0000-0000-000000000000").status_code == 404


def test_kaartlaag_in_het_register_met_tegels(client, buurt, tmp_path):
    laag = Kaartlaag.objects.get(naam="buurtberichten")
    assert laag.titel == "Buurtberichten" and laag.bron == "buurtberichten"
    b = bericht(begin=timezone.localdate())
    oud = bericht(
        titel="Oud",
        begin=timezone.localdate() - timedelta(days=30),
        eind=timezone.localdate() - timedelta(days=1),
    )
    x, y = tegel_index(b.geom.x, b.geom.y, 16)
    r = client.get(f"/tiles/buurtberichten/16/{x}/{y}.mvt")
    assert r.status_code == 200 and r["Content-Type"] == "application/vnd.mapbox-vector-tile"
    features = lees_mvt(r.content, 16, x, y, tmp_path)
    assert {f["id"] for f in features} == {str(b.uuid)}  # only current berichten, not the ended one
    assert {"titel", "soort", "begin", "id"} <= set(features[0])
    assert str(oud.uuid) not in r.content.decode("latin-1")
    assert Bericht.objects.count() == 2


def test_sectie_in_het_kaartpaneel(client, buurt):
    bericht(titel="Riolering", begin=timezone.localdate())
    bericht(titel="Elders", geom=VER_WEG)
    info = client.get("/api/locatie/informatie", {"id": f"adres-{NUM_12A}"}).json()
    [sectie] = [s for s in info["secties"] if s["sleutel"] == "buurtberichten"]
    assert sectie["titel"] == "Buurtberichten binnen 250 meter"
    assert [r[0] for r in sectie["regels"]] == ["Werkzaamheden"] and "Riolering" in sectie["regels"][0][1]
