"""The Den Helder sample omgevingsplan: fixed identifiers, deterministic files, and the services on it."""

import filecmp
from datetime import date

import pytest
from django.conf import settings

from dev.sample.omgevingsplan import generate
from dev.sample.omgevingsplan import inhoud as I
from tests.toepasbare_regels.omgevingsplan.helpers import ow_telling
from toepasbare_regels.omgevingsplan import models as m
from toepasbare_regels.omgevingsplan import services

pytestmark = pytest.mark.django_db
LEAVES = [
    "BouwenDakkapel",
    "BouwenBijbehorendBouwwerk",
    "BouwenErfafscheiding",
    "VellenHoutopstand",
    "AanleggenUitweg",
    "PlaatsenZonnepanelen",
    "OrganiserenEvenement",
    "PlaatsenReclame",
    "PlaatsenWarmtepomp",
    "VervangenKozijn",
    "Slopen",
]
WIDS = [f"gm0400_1__chp_22__art_22.{n}" for n in range(26, 37)] + [
    f"gm0400_1__chp_5__art_5.{n}" for n in (1, 2, 3)
]


def _punt(identificatie: str):
    return m.Locatie.objects.get(
        versie__regeling__identificatie=I.REGELING, identificatie=identificatie
    ).geom.point_on_surface


def _kwalificaties(regels: dict, activiteit: str) -> set[str]:
    act = next(
        (a for a in regels["activiteiten"] if a["identificatie"] == I.ident("activiteit", activiteit)), None
    )
    return {r["kwalificatie"] for r in act["regels"]} if act else set()


def test_generator_is_deterministic(sample_dir, plan_map, tmp_path):
    generate(tmp_path, sample_dir, settings.GEMEENTE_BBOX_RD)
    namen = sorted(p.name for p in plan_map.iterdir())
    assert namen == sorted(p.name for p in tmp_path.iterdir())
    _, verschil, fout = filecmp.cmpfiles(plan_map, tmp_path, namen, shallow=False)
    assert not verschil and not fout


def test_sample_imports_completely_with_the_fixed_identifiers(sample_plan, plan_map):
    bestand = ow_telling(plan_map)
    versie = m.RegelingVersie.objects.get(regeling__identificatie=I.REGELING)
    assert versie.regeling.titel == "Omgevingsplan gemeente Den Helder"
    assert versie.begin_geldigheid == date(2024, 1, 1)
    assert m.Locatie.objects.filter(versie=versie, soort="gebied").count() == bestand["Gebied"]
    assert m.Normwaarde.objects.filter(versie=versie).count() == bestand["Normwaarde"]
    ids = set(m.Locatie.objects.filter(versie=versie).values_list("identificatie", flat=True))
    for groep in (
        "Wonen",
        "Centrum",
        "Bedrijf",
        "Groen",
        "Water",
        "Monumenten",
        "Bouwvlakken",
        "Evenemententerreinen",
    ):
        assert I.ident("gebiedengroep", groep) in ids, groep
    assert {I.LOC_GEMEENTE, I.LOC_DORPSGEZICHT} <= ids
    activiteiten = dict(
        m.Activiteit.objects.filter(versie=versie).values_list("identificatie", "bovenliggende")
    )
    for leaf in LEAVES:
        ouder = activiteiten[I.ident("activiteit", leaf)]
        assert ouder in activiteiten, f"{leaf} hangt onder {ouder}"
    assert set(m.Regeltekst.objects.filter(versie=versie).values_list("wid", flat=True)) == set(WIDS)
    assert m.Omgevingsnorm.objects.filter(
        versie=versie, identificatie=I.NORM_BOUWHOOGTE, eenheid__endswith="/Meter"
    ).exists()
    # About 2 % of the panden are monumenten.
    monumenten = m.Locatie.objects.get(versie=versie, identificatie=I.LOC_MONUMENTEN)
    assert 0.01 <= len(monumenten.leden) / bestand["Normwaarde"] <= 0.03


def test_every_fixed_artikel_has_a_kop_and_text(sample_plan):
    for wid in WIDS:
        tekst = services.regeltekst(wid)
        assert tekst and tekst["kop"].startswith("Artikel") and len(tekst["tekst"]) > 40, wid
        assert tekst["regeling"] == "Omgevingsplan gemeente Den Helder"


def test_dakkapel_on_a_monument_needs_a_vergunning(sample_plan):
    monument = m.Locatie.objects.get(
        versie__regeling__identificatie=I.REGELING, identificatie=I.LOC_MONUMENTEN
    ).leden[0]
    regels = services.regels_op(_punt(monument))
    assert I.LOC_MONUMENTEN in regels["locaties"] and monument in regels["locaties"]
    assert _kwalificaties(regels, "BouwenDakkapel") == {"toestemmingsvrij", "vergunningplicht"}
    artikelen = {
        r["artikel"]["wId"]
        for a in regels["activiteiten"]
        if a["identificatie"] == I.ident("activiteit", "BouwenDakkapel")
        for r in a["regels"]
    }
    assert artikelen == {"gm0400_1__chp_22__art_22.26", "gm0400_1__chp_5__art_5.3"}
    assert any(g["groep"] == "BeschermdMonument" for g in services.gebiedsaanwijzingen_op(_punt(monument)))


def test_outside_monument_and_dorpsgezicht_a_dakkapel_is_toestemmingsvrij(sample_plan):
    groen = m.Locatie.objects.get(
        versie__regeling__identificatie=I.REGELING, identificatie=I.ident("gebiedengroep", "Groen")
    )
    dorpsgezicht = m.Locatie.objects.get(identificatie=I.LOC_DORPSGEZICHT).geom
    buiten = next(lid for lid in groen.leden if not _punt(lid).intersects(dorpsgezicht))
    regels = services.regels_op(_punt(buiten))
    assert _kwalificaties(regels, "BouwenDakkapel") == {"toestemmingsvrij"}
    assert _kwalificaties(regels, "VellenHoutopstand") == {"vergunningplicht"}
    assert {g["groep"] for g in regels["gebiedsaanwijzingen"]} >= {"Groen"}


def test_in_the_dorpsgezicht_zonnepanelen_need_a_vergunning(sample_plan):
    regels = services.regels_op(_punt(I.LOC_DORPSGEZICHT))
    assert "vergunningplicht" in _kwalificaties(regels, "PlaatsenZonnepanelen")
    assert any(
        g["groep"] == "BeschermdGezicht" and g["type"] == "Erfgoed" for g in regels["gebiedsaanwijzingen"]
    )


def test_bouwvlak_gives_maximum_bouwhoogte(sample_plan):
    bouwvlak = next(
        i
        for i in m.Locatie.objects.get(
            identificatie=I.LOC_BOUWVLAKKEN, versie__regeling__identificatie=I.REGELING
        ).leden
    )
    normen = services.normwaarden_op(_punt(bouwvlak))
    hoogtes = [n for n in normen if n["identificatie"] == I.NORM_BOUWHOOGTE]
    assert hoogtes and all(n["waarde"] in (6, 9, 12, 15) and n["eenheid"] == "Meter" for n in hoogtes)
    assert bouwvlak in {n["locatie"] for n in hoogtes}


def test_locaties_op_finds_member_and_groep_and_respects_peildatum(sample_plan):
    punt = _punt(I.LOC_DORPSGEZICHT)
    gevonden = services.locaties_op(punt)
    assert I.LOC_GEMEENTE in gevonden and I.LOC_DORPSGEZICHT in gevonden
    assert any(i.startswith(I.ident("gebiedengroep", "")) for i in gevonden)
    assert I.LOC_DORPSGEZICHT not in services.locaties_op(punt, date(2023, 12, 31))


def test_locaties_geojson_is_wgs84(sample_plan):
    fc = services.locaties_geojson([I.LOC_DORPSGEZICHT, I.LOC_MONUMENTEN, "bestaat.niet"])
    assert [f["id"] for f in fc["features"]] == [I.LOC_DORPSGEZICHT, I.LOC_MONUMENTEN]
    lon, lat = (
        fc["features"][0]["geometry"]["coordinates"][0][0][0]
        if fc["features"][0]["geometry"]["type"] == "MultiPolygon"
        else fc["features"][0]["geometry"]["coordinates"][0][0]
    )
    assert 4.5 < lon < 5.0 and 52.8 < lat < 53.1


def test_services_refuse_a_geometry_that_is_not_rd(sample_plan):
    from django.contrib.gis.geos import Point

    from kern.crs import WGS84

    with pytest.raises(services.GeometrieFout):
        services.locaties_op(Point(4.76, 52.96, srid=WGS84))
