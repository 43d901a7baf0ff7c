"""The CBS wijken en buurten importer on small GeoJSON files and on the real Den Helder 2014 files."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from kaartlagen.importing.cbs import importeer_buurten
from kaartlagen.models import Buurt, Wijk
from kern.crs import RD_NEW
from tests.support.paden import shared_data

pytestmark = pytest.mark.django_db

# The RD origin (Onze Lieve Vrouwetoren, Amersfoort): RD 155000 463000 by definition.
AMERSFOORT_WGS84 = (5.38720621, 52.15517440)
AMERSFOORT_RD = (155000.0, 463000.0)


def square(x=4.76, y=52.95, size=0.01):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(code, naam="Centrum", ring=None, **props):
    return {
        "type": "Feature",
        "properties": {"statcode": code, "statnaam": naam, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring or square()]},
    }


def write(path, *features, crs=None):
    data = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_wgs84_is_transformed_into_rd_and_buurt_points_at_its_wijk(tmp_path):
    x, y = AMERSFOORT_WGS84
    ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]
    write(
        tmp_path / "cbs_wijken_0400.geojson", feature("WK040001", "Wijk 01 Stad binnen de Linie-Oost", ring)
    )
    write(
        tmp_path / "cbs_buurten_0400.geojson",
        feature("BU04000102", "Centrum", gm_code="GM0400", wk_code="WK040001"),
    )
    resultaat = importeer_buurten(tmp_path)
    assert resultaat.ok and resultaat.totaal().nieuw == 2 and not resultaat.bevindingen
    wijk = Wijk.objects.get()
    assert (wijk.code, wijk.gemeentecode, wijk.geom.srid, wijk.geom.geom_type) == (
        "WK040001",
        "GM0400",
        RD_NEW,
        "MultiPolygon",
    )
    first = wijk.geom[0].exterior_ring[0]
    assert first == pytest.approx(AMERSFOORT_RD, abs=1.0)
    assert wijk.geom.area == pytest.approx(68 * 111, rel=0.05)  # 0.001° lon × 0.001° lat at 52° N
    buurt = Buurt.objects.get()
    assert (buurt.code, buurt.gemeentecode, buurt.wijk_id, buurt.wijk.naam) == (
        "BU04000102",
        "GM0400",
        "WK040001",
        "Wijk 01 Stad binnen de Linie-Oost",
    )


def test_explicit_rd_crs_member_is_not_transformed(tmp_path):
    ring = [[113000, 553000], [113100, 553000], [113100, 553100], [113000, 553100], [113000, 553000]]
    write(tmp_path / "b.geojson", feature("BU04000102", ring=ring), crs=f"urn:ogc:def:crs:EPSG::{RD_NEW}")
    importeer_buurten(tmp_path / "b.geojson")
    geom = Buurt.objects.get().geom
    assert geom.extent == pytest.approx((113000, 553000, 113100, 553100)) and geom.area == pytest.approx(
        10_000
    )


def test_rd_numbers_without_crs_member_are_skipped_not_fatal(tmp_path):
    ring = [[113000, 553000], [113100, 553000], [113100, 553100], [113000, 553000]]
    write(tmp_path / "b.geojson", feature("BU04000101", ring=ring), feature("BU04000102"))
    resultaat = importeer_buurten(tmp_path / "b.geojson")
    assert resultaat.ok and list(Buurt.objects.values_list("code", flat=True)) == ["BU04000102"]
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie) == (
        "overgeslagen",
        "srs_onjuist",
        "BU04000101",
    )


def test_invalid_polygon_is_repaired_and_reported(tmp_path):
    bowtie = [[4.76, 52.95], [4.77, 52.96], [4.77, 52.95], [4.76, 52.96], [4.76, 52.95]]
    resultaat = importeer_buurten(write(tmp_path / "b.geojson", feature("BU04000102", ring=bowtie)))
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie) == (
        "hersteld",
        "geometrie_hersteld",
        "BU04000102",
    )
    assert "Self-intersection" in bevinding.reden
    geom = Buurt.objects.get().geom
    assert geom.valid and len(geom) == 2 and resultaat.totaal().hersteld == 1


def test_same_file_twice_changes_nothing_and_a_new_name_is_an_update(tmp_path):
    path = write(tmp_path / "b.geojson", feature("WK040001", "Wijk 01"), feature("BU04000102", "Centrum"))
    importeer_buurten(path)
    before = list(Buurt.objects.values_list("code", "bijgewerkt"))
    assert [b.status for b in importeer_buurten(path).bestanden] == ["al_geimporteerd"]
    t = importeer_buurten(path, opnieuw=True).totaal()
    assert (t.nieuw, t.gewijzigd, t.ongewijzigd) == (0, 0, 2)
    assert list(Buurt.objects.values_list("code", "bijgewerkt")) == before

    write(path, feature("WK040001", "Wijk 01"), feature("BU04000102", "Centrum-Noord"))
    t = importeer_buurten(path).totaal()
    assert (t.nieuw, t.gewijzigd, t.ongewijzigd) == (0, 1, 1)
    assert Buurt.objects.get().naam == "Centrum-Noord"


def test_only_the_given_gemeente_and_one_melding_for_the_rest(tmp_path):
    path = write(
        tmp_path / "buurten.geojson",
        feature("BU04000102"),
        feature("BU04010101"),
        feature("BU04010102"),
        feature("WK040101"),
    )
    resultaat = importeer_buurten(path, gemeente="0400")
    assert list(Buurt.objects.values_list("code", flat=True)) == ["BU04000102"] and not Wijk.objects.exists()
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code) == ("waarschuwing", "andere_gemeente")
    assert bevinding.reden.startswith("3 wijken en buurten") and "GM0400" in bevinding.reden
    assert resultaat.totaal().overgeslagen == 0


def test_pdok_property_names(tmp_path):
    buurt = {
        "type": "Feature",
        "properties": {
            "buurtcode": "BU04000102",
            "buurtnaam": "Centrum",
            "wijkcode": "WK040001",
            "wijknaam": "Wijk 01",
            "gemeentecode": "GM0400",
        },
        "geometry": {"type": "MultiPolygon", "coordinates": [[square()], [square(4.8)]]},
    }
    wijk = {
        "type": "Feature",
        "properties": {"wijkcode": "WK040001", "wijknaam": "Wijk 01"},
        "geometry": {"type": "Polygon", "coordinates": [square()]},
    }
    importeer_buurten(write(tmp_path / "wijkenbuurten.json", wijk, buurt))
    assert Buurt.objects.get().naam == "Centrum" and len(Buurt.objects.get().geom) == 2
    assert Wijk.objects.get().naam == "Wijk 01"


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (feature("GM0400"), "code_ongeldig"),
        ({"type": "Feature", "properties": {"statnaam": "x"}, "geometry": None}, "veld_ontbreekt"),
        (feature("BU04000101", naam=""), "veld_ongeldig"),
        (feature("BU04000101", ring=square()[:-1]), "geometrie_ongeldig"),
        (
            {**feature("BU04000101"), "geometry": {"type": "Point", "coordinates": [4.7, 52.9]}},
            "geometrie_ongeldig",
        ),
        (feature("BU04000102", naam="Eerder"), "code_dubbel"),
    ],
)
def test_bad_feature_skips_that_feature_only(tmp_path, bad, code):
    resultaat = importeer_buurten(write(tmp_path / "b.geojson", bad, feature("BU04000102")))
    assert resultaat.ok and list(Buurt.objects.values_list("code", "naam")) == [("BU04000102", "Centrum")]
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code) == ("overgeslagen", code) and "feature 1" in bevinding.reden


def test_broken_second_file_rolls_back_alone(tmp_path):
    write(tmp_path / "a_wijken.geojson", feature("WK040001"))
    (tmp_path / "b_buurten.geojson").write_text('{"type": "FeatureCollection",\n "features": [}')
    (tmp_path / "c_topo.json").write_text('{"type": "Topology", "objects": {}}')
    resultaat = importeer_buurten(tmp_path)
    fouten = {b.naam.rsplit("/", 1)[-1]: b.fout for b in resultaat.bestanden if b.status == "mislukt"}
    assert fouten["b_buurten.geojson"].startswith("[json_ongeldig] regel 2")
    assert fouten["c_topo.json"].startswith("[formaat_onbekend]") and "TopoJSON" in fouten["c_topo.json"]
    assert Wijk.objects.count() == 1 and not Buurt.objects.exists()


def test_import_buurten_command(tmp_path):
    path = write(tmp_path / "b.geojson", feature("BU04000102"), feature("BU04010101"))
    out = io.StringIO()
    with override_settings(GEMEENTE_CBS_CODE="GM0401"):
        call_command("import_buurten", str(path), stdout=out, verbosity=0)
    assert list(Buurt.objects.values_list("code", flat=True)) == ["BU04010101"]
    call_command("import_buurten", str(path), "--gemeente", "alle", "--opnieuw", stdout=out, verbosity=0)
    assert Buurt.objects.count() == 2 and "CBS:" in out.getvalue()


def _assert_den_helder(aantal_wijken: int, aantal_buurten: int):
    assert (Wijk.objects.count(), Buurt.objects.count()) == (aantal_wijken, aantal_buurten)
    wijken = set(Wijk.objects.values_list("code", flat=True))
    assert {b.wijk_id for b in Buurt.objects.all()} <= wijken
    minx, miny, maxx, maxy = settings.GEMEENTE_BBOX_RD
    for gebied in [*Wijk.objects.all(), *Buurt.objects.all()]:
        assert gebied.gemeentecode == settings.GEMEENTE_CBS_CODE
        assert gebied.geom.valid and gebied.geom.srid == RD_NEW, gebied.code
        x0, y0, x1, y1 = gebied.geom.extent
        assert minx <= x0 and x1 <= maxx and miny <= y0 and y1 <= maxy, gebied.code


@pytest.mark.conformance
def test_den_helder_2014():
    folder = shared_data("cbs-wijkbuurt-2014-topojson")
    wijken = importeer_buurten(
        folder / "denhelder_wijken_2014_wgs84.geojson", gemeente=settings.GEMEENTE_CBS_CODE
    )
    assert wijken.ok and (wijken.totaal().gelezen, wijken.totaal().overgeslagen) == (8, 0)
    path = folder / "denhelder_buurten_2014_wgs84.geojson"
    buurten = importeer_buurten(path, gemeente=settings.GEMEENTE_CBS_CODE)
    assert buurten.ok and buurten.totaal().gelezen == 65
    # This copy was quantised (TopoJSON q1e3): three buurten collapsed to two distinct points, which
    # enclose no area in any CRS. Those, and only those, are skipped and reported.
    collapsed = {
        f["properties"]["statcode"]
        for f in json.loads(path.read_text())["features"]
        if all(len({tuple(p) for p in ring}) < 3 for ring in f["geometry"]["coordinates"])
    }
    assert len(collapsed) == 3
    skipped = {(m.identificatie, m.code) for m in buurten.bevindingen if m.soort == "overgeslagen"}
    assert skipped == {(code, "geometrie_ongeldig") for code in collapsed}
    _assert_den_helder(8, 65 - len(collapsed))


def test_generated_sample_imports_cleanly(sample_dir):
    for name in ("cbs_wijken_0400.geojson", "cbs_buurten_0400.geojson"):
        resultaat = importeer_buurten(sample_dir / name, gemeente=settings.GEMEENTE_CBS_CODE)
        assert resultaat.ok and resultaat.totaal().overgeslagen == 0, resultaat.bevindingen[:5]
    assert Wijk.objects.exists() and Buurt.objects.exists()
    assert {b.wijk_id for b in Buurt.objects.all()} <= set(Wijk.objects.values_list("code", flat=True))
