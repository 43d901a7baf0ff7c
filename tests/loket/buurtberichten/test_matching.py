"""Matching in PostGIS per area shape (address + radius, buurt, wijk, drawn polygon), with topic,
state and frequency as filters; the fan-out makes one bezorging per pair, never two."""

import pytest

from loket.buurtberichten import gebieden, matching
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import Bezorging, Onderwerp
from tests.loket.buurtberichten.helpers import (
    ADRES_12A,
    BIJ_12A,
    VER_WEG,
    abonnement,
    bericht,
    lijn,
    punt,
    rond,
    vlak_geojson,
)
from tests.support.factories import rechthoek

pytestmark = pytest.mark.django_db


def ontvangers(geom, soort=Onderwerp.WERKZAAMHEDEN, **kw):
    return set(matching.ontvangers(geom, soort, **kw))


def test_adres_met_straal(buurt):
    dichtbij = abonnement(gebieden.rond_adres(ADRES_12A, 100))
    verder = abonnement(gebieden.rond_adres(ADRES_12A, 1000))
    assert ontvangers(BIJ_12A) == {dichtbij.pk, verder.pk}
    assert ontvangers(punt(113005, 553200)) == {verder.pk}  # 195 m: outside 100 m, inside 1000 m
    assert ontvangers(VER_WEG) == {verder.pk}
    assert ontvangers(punt(116000, 556000)) == set()


@pytest.mark.parametrize("straal", [99, 3001, 0])
def test_straal_buiten_de_grenzen_geweigerd(buurt, straal):
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.rond_adres(ADRES_12A, straal)
    assert fout.value.code == "straal_ongeldig"


def test_onbekend_adres_geweigerd(buurt):
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.rond_adres("adres-0400209999999999", 250)
    assert fout.value.code == "adres_onbekend"


def test_buurt_en_wijk(buurt):
    in_buurt = abonnement(gebieden.buurt(buurt))
    in_wijk = abonnement(gebieden.wijk("WK040001"))
    assert ontvangers(BIJ_12A) == {in_buurt.pk, in_wijk.pk}
    assert ontvangers(punt(113250, 553250)) == {in_wijk.pk}  # in the wijk, outside buurt Centrum
    assert ontvangers(VER_WEG) == set()
    with pytest.raises(BuurtberichtFout):
        gebieden.buurt("BU99999999")


def test_getekend_vlak_en_de_grens_aan_de_oppervlakte(buurt, settings):
    getekend = abonnement(gebieden.getekend(vlak_geojson(113400, 553300, 113600, 553500)))
    assert ontvangers(VER_WEG) == {getekend.pk}
    assert ontvangers(BIJ_12A) == set()
    settings.BUURTBERICHTEN_MAX_VLAK_KM2 = 0.5
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.getekend(vlak_geojson(112000, 552000, 113000, 553000))  # 1 km²
    assert fout.value.code == "gebied_te_groot"
    assert "1.0 km²" in str(fout.value) and "0.5 km²" in str(fout.value)


def test_getekend_vlak_ongeldig_of_buiten_de_gemeente(buurt):
    vlinder = {
        "type": "Polygon",
        "coordinates": [[[4.76, 52.95], [4.77, 52.96], [4.77, 52.95], [4.76, 52.96], [4.76, 52.95]]],
    }
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.getekend(vlinder)
    assert fout.value.code == "geometrie_ongeldig"
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.getekend(
            {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}
        )
    assert fout.value.code == "buiten_gemeente"
    with pytest.raises(BuurtberichtFout) as fout:
        gebieden.getekend({"type": "Point", "coordinates": [4.76, 52.95]})
    assert fout.value.code == "geometrie_soort"


def test_lijn_en_vlak_als_bericht(buurt):
    a = abonnement(rond(113005, 553005, 100))
    # A road closure passing the circle: both ends far outside it.
    assert ontvangers(lijn((112700, 553050), (113400, 553050))) == {a.pk}
    assert ontvangers(lijn((112700, 553300), (113400, 553300))) == set()
    assert ontvangers(rechthoek(112950, 552950, 113400, 553400)) == {a.pk}


def test_onderwerp_pauze_bevestiging_en_frequentie_filteren(buurt):
    alleen_evenementen = abonnement(rond(113005, 553005, 250), onderwerpen=[Onderwerp.EVENEMENT])
    gepauzeerd = abonnement(rond(113005, 553005, 250), gepauzeerd=True)
    onbevestigd = abonnement(rond(113005, 553005, 250), bevestigd=False)
    wekelijks = abonnement(rond(113005, 553005, 250), frequentie="wekelijks")
    direct = abonnement(rond(113005, 553005, 250))
    assert ontvangers(BIJ_12A) == {wekelijks.pk, direct.pk}
    assert ontvangers(BIJ_12A, Onderwerp.EVENEMENT) == {alleen_evenementen.pk, wekelijks.pk, direct.pk}
    assert ontvangers(BIJ_12A, frequentie="direct") == {direct.pk}
    assert gepauzeerd.pk not in ontvangers(BIJ_12A) and onbevestigd.pk not in ontvangers(BIJ_12A)
    assert matching.bereik(BIJ_12A, Onderwerp.WERKZAAMHEDEN) == 2


def test_twee_gebieden_een_bezorging_en_nooit_twee_keer(buurt):
    a = abonnement(rond(113005, 553005, 250))
    gebieden.buurt(buurt).maak(a).save()  # a second area over the same spot
    b = bericht()
    assert matching.maak_bezorgingen(b) == 1
    assert matching.maak_bezorgingen(b) == 0
    assert Bezorging.objects.filter(abonnement=a, bericht=b).count() == 1
