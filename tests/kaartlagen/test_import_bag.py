"""The BAG importer on small hand-made extracts (every rule of the import contract) and on real data."""

import resource
import zipfile

import pytest
from django.db import connection
from lxml import etree

from kaartlagen.importing.bag import importeer_bag
from kaartlagen.models import Nummeraanduiding, OpenbareRuimte, Pand, Verblijfsobject
from kern.models import ImportRun
from tests.support import bagxml
from tests.support.paden import shared_data

pytestmark = pytest.mark.django_db


def write(tmp_path, name, *objects):
    path = tmp_path / name
    path.write_text(bagxml.document(*objects), encoding="utf-8")
    return path


def test_pand_is_imported_with_its_geometry_in_rd(tmp_path):
    resultaat = importeer_bag(write(tmp_path, "0400PND01112026-000001.xml", bagxml.pand()))
    assert resultaat.ok
    assert resultaat.totaal().nieuw == 1
    pand = Pand.objects.get()
    assert pand.identificatie == "0400100000000001"
    assert pand.oorspronkelijk_bouwjaar == 1930
    assert pand.geom.srid == 28992
    assert pand.geom.area == pytest.approx(100.0)
    assert pand.actief


def test_same_delivery_twice_changes_nothing(tmp_path):
    path = write(tmp_path, "0400PND01112026-000001.xml", bagxml.pand(), bagxml.pand("0400100000000002"))
    importeer_bag(path)
    before = list(Pand.objects.values_list("identificatie", "bijgewerkt"))

    again = importeer_bag(path)
    assert [b.status for b in again.bestanden] == ["al_geimporteerd"]

    forced = importeer_bag(path, opnieuw=True)
    t = forced.totaal()
    assert (t.nieuw, t.gewijzigd, t.ongewijzigd) == (0, 0, 2)
    assert list(Pand.objects.values_list("identificatie", "bijgewerkt")) == before


def test_newer_voorkomen_replaces_older_and_old_delivery_does_not_regress(tmp_path):
    old = write(tmp_path, "0400PND01012026-000001.xml", bagxml.pand(bouwjaar=1930, nr=1))
    new = write(
        tmp_path,
        "0400PND01112026-000001.xml",
        # The extract holds history: the superseded voorkomen and the one in force.
        bagxml.pand(
            bouwjaar=1930, nr=1, eind_geldigheid="2026-05-01", eind_registratie="2026-05-01T10:00:00"
        ),
        bagxml.pand(bouwjaar=1931, nr=2, begin="2026-05-01"),
    )
    importeer_bag(old)
    resultaat = importeer_bag(new)
    assert (resultaat.totaal().gewijzigd, resultaat.totaal().historisch) == (1, 1)
    assert Pand.objects.get().oorspronkelijk_bouwjaar == 1931

    importeer_bag(old, opnieuw=True)
    assert Pand.objects.get().voorkomenidentificatie == 2


@pytest.mark.parametrize(
    "kwargs",
    [{"status": "Pand gesloopt"}, {"status": "Niet gerealiseerd pand"}, {"eind_geldigheid": "2025-01-01"}],
)
def test_ended_objects_are_kept_but_not_active(tmp_path, kwargs):
    importeer_bag(write(tmp_path, "0400PND01112026-000001.xml", bagxml.pand(**kwargs)))
    assert Pand.objects.get().actief is False


def test_verblijfsobject_delivered_as_an_area_is_stored_as_a_point_inside_it(tmp_path):
    vlak = (
        f'<Objecten:vlak><gml:Polygon srsName="{bagxml.RD}" srsDimension="3"><gml:exterior><gml:LinearRing>'
        f"<gml:posList>{bagxml.square()}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></Objecten:vlak>"
    )
    punt = bagxml.verblijfsobject("0400010000000001")
    area = bagxml.verblijfsobject("0400010000000002")
    area = area[: area.index("<Objecten:punt>")] + vlak + area[area.index("</Objecten:geometrie>") :]
    resultaat = importeer_bag(write(tmp_path, "0400VBO01112026-000001.xml", punt, area))
    assert resultaat.ok and resultaat.totaal().nieuw == 2
    geoms = dict(Verblijfsobject.objects.values_list("identificatie", "geom"))
    assert (geoms["0400010000000001"].x, geoms["0400010000000001"].y) == (113005.0, 553005.0)
    inside = geoms["0400010000000002"]
    assert inside.geom_type == "Point" and 113000 < inside.x < 113010 and 553000 < inside.y < 553010


def test_malformed_file_rolls_back_alone_and_names_file_and_line(tmp_path):
    good = bagxml.document(bagxml.pand("0400100000000001"))
    broken = bagxml.document(bagxml.pand("0400100000000002"), bagxml.pand("0400100000000003"))
    broken = broken.replace("</Objecten:Pand></sl-bag-extract:bagObject></sl:stand>\n", "</Objecten:Pnd>", 1)
    (tmp_path / "0400PND01112026-000001.xml").write_text(good)
    (tmp_path / "0400PND01112026-000002.xml").write_text(broken)

    resultaat = importeer_bag(tmp_path)

    assert not resultaat.ok
    failed = [b for b in resultaat.bestanden if b.status == "mislukt"]
    assert [b.naam.rsplit("/", 1)[-1] for b in failed] == ["0400PND01112026-000002.xml"]
    assert "[xml_ongeldig] regel 3" in failed[0].fout
    assert list(Pand.objects.values_list("identificatie", flat=True)) == ["0400100000000001"]
    assert ImportRun.objects.filter(status="mislukt").count() == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"srs": "urn:ogc:def:crs:EPSG::4326"}, "srs_onjuist"),
        ({"srs": None}, "srs_onjuist"),
        # RD srsName on WGS84 numbers: caught by the RD validity area.
        ({"pos": "4.76 52.95 0 4.77 52.95 0 4.77 52.96 0 4.76 52.95 0"}, "srs_onjuist"),
        ({"pos": ""}, "geometrie_ongeldig"),
        ({"pos": "113000 553000 0 113010 553000 0 113010 553010 0"}, "geometrie_ongeldig"),
    ],
)
def test_bad_geometry_skips_that_object_only(tmp_path, kwargs, code):
    path = write(
        tmp_path,
        "0400PND01112026-000001.xml",
        bagxml.pand("0400100000000001"),
        bagxml.pand("0400100000000009", **kwargs),
    )
    resultaat = importeer_bag(path)
    assert resultaat.ok
    assert list(Pand.objects.values_list("identificatie", flat=True)) == ["0400100000000001"]
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie) == (
        "overgeslagen",
        code,
        "0400100000000009",
    )
    assert bevinding.regelnummer == 4 and bevinding.bestand.endswith("0400PND01112026-000001.xml")
    assert resultaat.totaal().overgeslagen == 1


def test_skipped_current_voorkomen_is_not_replaced_by_an_older_one(tmp_path):
    path = write(
        tmp_path,
        "0400PND01112026-000001.xml",
        bagxml.pand(nr=1, eind_registratie="2026-05-01T10:00:00"),
        bagxml.pand(nr=2, srs="EPSG:4326"),
    )
    importeer_bag(path)
    assert not Pand.objects.exists()


def test_self_intersecting_pand_is_repaired_and_reported(tmp_path):
    bowtie = "113000 553000 0 113010 553010 0 113010 553000 0 113000 553010 0 113000 553000 0"
    resultaat = importeer_bag(write(tmp_path, "0400PND01112026-000001.xml", bagxml.pand(pos=bowtie)))
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie, bevinding.regelnummer) == (
        "hersteld",
        "geometrie_hersteld",
        "0400100000000001",
        3,
    )
    assert "Self-intersection" in bevinding.reden
    pand = Pand.objects.get()
    assert pand.geom.valid and pand.geom.area == pytest.approx(50.0)


def test_nummeraanduiding_to_missing_openbare_ruimte_is_skipped_and_listed(tmp_path):
    write(tmp_path, "0400WPL01112026-000001.xml", bagxml.woonplaats())
    write(tmp_path, "0400OPR01112026-000001.xml", bagxml.openbare_ruimte())
    write(
        tmp_path,
        "0400NUM01112026-000001.xml",
        bagxml.nummeraanduiding(letter="a"),
        bagxml.nummeraanduiding("0400200000000002", opr="0400300000009999"),
    )
    resultaat = importeer_bag(tmp_path)
    # The folder lists NUM before OPR and WPL by name; the importer orders them by reference.
    assert [b.naam.rsplit("/", 1)[-1][4:7] for b in resultaat.bestanden] == ["WPL", "OPR", "NUM"]
    assert Nummeraanduiding.objects.get().huisletter == "a"
    [bevinding] = resultaat.bevindingen
    assert bevinding.code == "verwijzing_ontbreekt" and bevinding.identificatie == "0400200000000002"
    assert "0400300000009999" in bevinding.reden and bevinding.regelnummer == 4


def test_kadaster_zip_with_nested_zips(tmp_path):
    inner = tmp_path / "0400PND01112026.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("0400PND01112026-000001.xml", bagxml.document(bagxml.pand()))
    outer = tmp_path / "BAGGEM0400L-01112026.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, inner.name)
        zf.writestr("Leveringsdocument-BAG-Extract.xml", "<x/>")
    resultaat = importeer_bag(outer)
    assert resultaat.ok and Pand.objects.count() == 1
    assert (
        resultaat.bestanden[0].naam
        == "BAGGEM0400L-01112026.zip!0400PND01112026.zip!0400PND01112026-000001.xml"
    )


def test_memory_stays_flat_on_a_file_ten_times_larger(tmp_path):
    def delivery(name, first, n):
        objs = [
            bagxml.pand(
                f"04001{i:011d}", pos=bagxml.square(110000 + (i % 700) * 11, 546000 + (i // 700) * 11)
            )
            for i in range(first, first + n)
        ]
        return write(tmp_path, name, *objs)

    small = delivery("0400PND01112026-000001.xml", 0, 2_000)
    large = delivery("0400PND01112026-000002.xml", 2_000, 20_000)
    assert large.stat().st_size > 9 * small.stat().st_size
    importeer_bag(small)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    importeer_bag(large)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    # Holding the parsed tree of the large file would cost well over 100 MB.
    assert growth_mb < 40, (
        f"peak memory grew {growth_mb:.0f} MB on a {large.stat().st_size / 1e6:.0f} MB file"
    )
    assert Pand.objects.count() == 22_000


def _expected_current(paths_and_openers):
    """Distinct identificaties that have a voorkomen without eindRegistratie, read independently."""
    current = set()
    for opener in paths_and_openers:
        with opener() as fh:
            for _, el in etree.iterparse(fh, tag="{*}bagObject"):
                obj = el[0]
                ident = obj.find("{*}identificatie").text
                if obj.find(".//{*}eindRegistratie") is None:
                    current.add(ident)
                el.clear()
    return current


@pytest.mark.conformance
def test_doesburg_small_set_imports_completely():
    folder = shared_data("nlextract-bag2-doesburg/small")
    resultaat = importeer_bag(folder)
    assert resultaat.ok
    for code, model in (("PND", Pand), ("OPR", OpenbareRuimte), ("NUM", Nummeraanduiding)):
        [path] = folder.glob(f"0221{code}*.xml")
        expected = _expected_current([lambda p=path: open(p, "rb")])
        skipped = {
            m.identificatie for m in resultaat.bevindingen if m.soort == "overgeslagen" and code in m.bestand
        }
        assert set(model.objects.values_list("identificatie", flat=True)) == expected - skipped
    # The one skipped object in this set points at an openbare ruimte in Amsterdam (not delivered).
    assert [(m.code, m.identificatie) for m in resultaat.bevindingen if m.soort == "overgeslagen"] == [
        ("verwijzing_ontbreekt", "0362200001221879")
    ]
    t = resultaat.totaal()
    assert t.gelezen == t.historisch + t.nieuw + t.gewijzigd + t.ongewijzigd + t.overgeslagen


@pytest.mark.conformance
def test_doesburg_full_pand_file_counts_equal_the_file():
    path = shared_data("nlextract-bag2-doesburg/full-pand/0221PND15092020.zip")
    resultaat = importeer_bag(path)
    assert resultaat.ok and resultaat.totaal().gelezen == 13_098
    with zipfile.ZipFile(path) as zf:
        expected = _expected_current([lambda n=n: zf.open(n) for n in zf.namelist()])
    assert set(Pand.objects.values_list("identificatie", flat=True)) == expected
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from kaartlagen_pand where not ST_IsValid(geom) or ST_SRID(geom) <> 28992"
        )
        assert cursor.fetchone()[0] == 0


def test_zip_bombs_in_a_delivery_are_refused_alone_and_the_rest_imports(tmp_path, settings):
    """A member that unpacks 1000 times its size, flat or in a nested zip, and a nesting too deep: each
    refused with its code and name, before anything of it is unpacked; the pand beside them imports."""
    from tests.support.bommen import zip_met

    settings.UITPAKKEN_DREMPEL = 1 << 16
    settings.UITPAKKEN_MAX_DIEPTE = 2
    bom = zip_met(tmp_path / "bom.zip", {"0400VBO01112026-000001.xml": bytes(1 << 20)}).read_bytes()
    diep = zip_met(tmp_path / "d.zip", {"d2.zip": zip_met(tmp_path / "d2.zip", {"x.xml": b"x"}).read_bytes()})
    pad = zip_met(
        tmp_path / "BAGGEM0400L-01112026.zip",
        {
            "0400PND01112026.zip": zip_met(
                tmp_path / "p.zip", {"0400PND01112026-000001.xml": bagxml.document(bagxml.pand()).encode()}
            ).read_bytes(),
            "0400VBO01112026.zip": bom,
            "0400LIG01112026-000001.xml": bytes(1 << 20),
            "diep.zip": diep.read_bytes(),
        },
    )
    resultaat = importeer_bag(pad)
    mislukt = {b.naam: b.fout.split("]")[0] + "]" for b in resultaat.bestanden if b.status == "mislukt"}
    assert mislukt == {
        "BAGGEM0400L-01112026.zip!0400LIG01112026-000001.xml": "[uitpakken.verhouding]",
        "BAGGEM0400L-01112026.zip!0400VBO01112026.zip!0400VBO01112026-000001.xml": "[uitpakken.verhouding]",
        "BAGGEM0400L-01112026.zip!diep.zip!d2.zip": "[uitpakken.te_diep]",
    }
    assert not resultaat.ok
    assert list(Pand.objects.values_list("identificatie", flat=True)) == ["0400100000000001"]
    assert ImportRun.objects.filter(status="mislukt", fout__startswith="[uitpakken.").count() == 3
