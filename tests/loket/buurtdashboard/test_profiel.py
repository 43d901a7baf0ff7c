"""BAG and voorzieningen figures per buurt, wijk and gemeente against values worked out by hand on
five verblijfsobjecten (the arithmetic is in the comments, not in the code under test)."""

import pytest
from django.urls import reverse

from loket.buurtdashboard import profiel
from loket.buurtdashboard.models import Buurtprofiel, Kerncijfer
from tests.loket.buurtdashboard.conftest import BUURT_A1, BUURT_A2, BUURT_B1, WIJK_A
from tests.support import factories as f


def vbo(x, y, doelen, oppervlakte, bouwjaar):
    pand = f.PandFactory(x=x - 5, y=y - 5, oorspronkelijk_bouwjaar=bouwjaar)
    return f.VerblijfsobjectFactory(x=x, y=y, pand=pand, gebruiksdoelen=doelen, oppervlakte=oppervlakte)


@pytest.fixture
def vaste_bag(gebied):
    # Buurt A1 (x 110000–111000): three woningen on y = 547000 and a winkel above the first.
    vbo(110100, 547000, ["woonfunctie"], 60, 1930)
    vbo(110500, 547000, ["woonfunctie"], 90, 1980)
    vbo(110900, 547000, ["woonfunctie"], 120, 2015)
    vbo(110100, 547300, ["winkelfunctie"], 200, 1930)
    # Buurt B1 (x 112000–113000): one woning, and a huisarts 100 m east of it.
    vbo(112600, 547000, ["woonfunctie"], 100, 1960)
    vbo(112700, 547000, ["gezondheidszorgfunctie"], 150, 1960)
    # A woning that is gone (not active) counts nowhere.
    f.VerblijfsobjectFactory(x=110200, y=547000, status="Verblijfsobject ingetrokken")
    profiel.ververs()


def _p(code):
    return Buurtprofiel.objects.get(gebiedscode=code)


def test_woningen_oppervlakte_bouwjaren_gebruiksdoelen(vaste_bag):
    a1 = _p(BUURT_A1)
    assert a1.woningen == 3
    assert a1.oppervlakte_gemiddeld == pytest.approx(90.0)  # (60 + 90 + 120) / 3
    assert a1.bouwjaarklassen == {"voor 1945": 1, "1970–1989": 1, "2010 en later": 1}
    assert a1.gebruiksdoelen == {"woonfunctie": 3, "winkelfunctie": 1}
    b1 = _p(BUURT_B1)
    assert (b1.woningen, b1.oppervlakte_gemiddeld, b1.bouwjaarklassen) == (1, 100.0, {"1945–1969": 1})
    assert b1.gebruiksdoelen == {"woonfunctie": 1, "gezondheidszorgfunctie": 1}
    # The wijk is its buurten (A2 has nothing), the gemeente all four woningen.
    assert (_p(WIJK_A).woningen, _p(WIJK_A).oppervlakte_gemiddeld) == (3, pytest.approx(90.0))
    assert not Buurtprofiel.objects.filter(gebiedscode=BUURT_A2).exists()
    gm = _p("GM0400")
    assert gm.woningen == 4 and gm.oppervlakte_gemiddeld == pytest.approx(92.5)  # 370 / 4
    assert gm.gebruiksdoelen == {"woonfunctie": 4, "winkelfunctie": 1, "gezondheidszorgfunctie": 1}
    assert gm.bouwjaarklassen == {"voor 1945": 1, "1945–1969": 1, "1970–1989": 1, "2010 en later": 1}


def test_afstand_tot_voorzieningen_per_woning_knn(vaste_bag):
    a1 = _p(BUURT_A1).voorzieningen
    # winkel at (110100, 547300): 300, √(400² + 300²) = 500 and √(800² + 300²) ≈ 854.4 m → median 500
    assert a1["winkel"] == {"mediaan_m": 500, "boven_1km": 0, "woningen": 3}
    # zorg at (112700, 547000): 2600, 2200 and 1800 m → median 2200, all three beyond 1 km
    assert a1["zorg"] == {"mediaan_m": 2200, "boven_1km": 3, "woningen": 3}
    # no school or sports in the BAG at all: no distance, no woningen counted
    assert a1["onderwijs"] == {"mediaan_m": None, "boven_1km": 0, "woningen": 0}
    b1 = _p(BUURT_B1).voorzieningen
    assert b1["zorg"]["mediaan_m"] == 100
    # B1's woning to the winkel: √(2500² + 300²) ≈ 2517.9 m
    assert b1["winkel"] == {"mediaan_m": 2518, "boven_1km": 1, "woningen": 1}
    gm = _p("GM0400").voorzieningen
    # winkel: 300, 500, 854.4, 2517.9 → median (500 + 854.4) / 2 = 677.2; one beyond 1 km
    assert gm["winkel"] == {"mediaan_m": 677, "boven_1km": 1, "woningen": 4}
    # zorg: 2600, 2200, 1800, 100 → median (1800 + 2200) / 2 = 2000; three beyond 1 km
    assert gm["zorg"] == {"mediaan_m": 2000, "boven_1km": 3, "woningen": 4}


def test_voorzieningentabel_naast_aandeel_65plus_met_onderdrukking(client, medewerker, vaste_bag):
    for code, inwoners, oud in ((WIJK_A, 400, 90), ("GM0400", 1000, 210), (BUURT_A1, 400, 90)):
        for kenmerk, waarde in (("AantalInwoners", inwoners), ("k_65JaarOfOuder", oud)):
            Kerncijfer.objects.create(
                jaar=2025, gebiedscode=code, kenmerk=kenmerk, kolom=kenmerk, waarde=waarde, bron_hash="t"
            )
    client.force_login(medewerker)
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_A])).json()
    tabel = next(t for t in api["tabellen"] if t["naam"] == "voorzieningen")
    rijen = {r[0]: r for r in tabel["rijen"]}
    kop = tabel["kop"]
    zorg, zorg_ver = kop.index("zorg: mediaan afstand (m)"), kop.index("zorg: woningen verder dan 1 km (%)")
    # wijk A: 90 / 400 = 22.5 % 65+; three woningen, fewer than 5: median and share hidden
    assert rijen["Wijk A"][1] == "22.5 (2025)"
    assert (rijen["Wijk A"][zorg], rijen["Wijk A"][zorg_ver]) == ("<5", "<5")
    # the gemeente: 210 / 1000 = 21 %; four woningen, still fewer than 5
    assert rijen["Den Helder"][1] == "21.0 (2025)" and rijen["Den Helder"][zorg] == "<5"
    woningen = next(t for t in api["tabellen"] if t["naam"] == "woningen")
    assert {r[0]: r[1] for r in woningen["rijen"]}["Wijk A"] == "<5"


def test_vijf_woningen_wel_zichtbaar(client, medewerker, vaste_bag):
    # Two more woningen in A1 at (110300, 547000) and (110700, 547000): winkel 360.6 and 670.8 m.
    vbo(110300, 547000, ["woonfunctie"], 70, 1950)
    vbo(110700, 547000, ["woonfunctie"], 110, 1995)
    profiel.ververs()
    a1 = _p(BUURT_A1)
    # surfaces 60, 70, 90, 110, 120 → mean 90; winkel 300, 360.6, 500, 670.8, 854.4 → median 500
    assert (a1.woningen, a1.oppervlakte_gemiddeld, a1.voorzieningen["winkel"]["mediaan_m"]) == (5, 90.0, 500)
    client.force_login(medewerker)
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_A])).json()
    rij = next(r for t in api["tabellen"] if t["naam"] == "woningen" for r in t["rijen"] if r[0] == "Wijk A")
    assert rij[1:3] == [5, 90]
    rij = next(
        r for t in api["tabellen"] if t["naam"] == "voorzieningen" for r in t["rijen"] if r[0] == "Wijk A"
    )
    kop = next(t for t in api["tabellen"] if t["naam"] == "voorzieningen")["kop"]
    assert rij[kop.index("winkel: mediaan afstand (m)")] == 500
    assert rij[kop.index("zorg: woningen verder dan 1 km (%)")] == 100.0  # all five: 1800–2600 m
