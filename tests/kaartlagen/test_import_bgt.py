"""The BGT importer on small hand-made IMGeo CityGML files (every rule of the contract) and real downloads."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from lxml import etree

from kaartlagen.importing.bgt import importeer_bgt
from kaartlagen.models import BgtObject
from kern.crs import RD_NEW, WGS84
from kern.models import ImportRun
from tests.support.paden import shared_data

pytestmark = pytest.mark.django_db

RD = f"urn:ogc:def:crs:EPSG::{RD_NEW}"
NS = (
    'xmlns="http://www.opengis.net/citygml/2.0" xmlns:gml="http://www.opengis.net/gml" '
    'xmlns:imgeo="http://www.geostandaarden.nl/imgeo/2.1" '
    'xmlns:tran="http://www.opengis.net/citygml/transportation/2.0" '
    'xmlns:bldg="http://www.opengis.net/citygml/building/2.0"'
)
MEMBER = "{http://www.opengis.net/citygml/2.0}cityObjectMember"
FIRST_LINE = 3  # the first object's line in document(): after the XML declaration and <CityModel>


def document(*objects: str) -> str:
    body = "\n".join(f"<cityObjectMember>{o}</cityObjectMember>" for o in objects)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<CityModel {NS}>\n{body}\n</CityModel>\n'


def write(tmp_path, name, *objects):
    path = tmp_path / name
    path.write_text(document(*objects), encoding="utf-8")
    return path


def square(x=113000.0, y=553000.0, size=10.0):
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def ring(points) -> str:
    return (
        "<gml:LinearRing><gml:posList>"
        + " ".join(f"{x} {y}" for x, y in points)
        + "</gml:posList></gml:LinearRing>"
    )


def polygon(outer=None, holes=(), srs=RD) -> str:
    srs_attr = f' srsName="{srs}"' if srs else ""
    inner = "".join(f"<gml:interior>{ring(h)}</gml:interior>" for h in holes)
    return (
        f"<gml:Polygon{srs_attr}><gml:exterior>{ring(outer or square())}</gml:exterior>{inner}</gml:Polygon>"
    )


def wegdeel(
    lokaal_id="G0400.0001",
    geometrie=None,
    tijdstip="2020-01-01T10:00:00.000",
    eind=None,
    functie="rijbaan lokale weg",
    extra="",
) -> str:
    er = f"<imgeo:eindRegistratie>{eind}</imgeo:eindRegistratie>" if eind else ""
    ident = (
        f"<imgeo:identificatie><imgeo:NEN3610ID><imgeo:namespace>NL.IMGeo</imgeo:namespace>"
        f"<imgeo:lokaalID>{lokaal_id}</imgeo:lokaalID></imgeo:NEN3610ID></imgeo:identificatie>"
        if lokaal_id
        else ""
    )
    return (
        f'<tran:TrafficArea gml:id="b{lokaal_id}"><creationDate>2019-12-31</creationDate>'
        f"<imgeo:relatieveHoogteligging>0</imgeo:relatieveHoogteligging>{er}"
        f"<imgeo:tijdstipRegistratie>{tijdstip}</imgeo:tijdstipRegistratie>{ident}"
        "<imgeo:bronhouder>G0400</imgeo:bronhouder><imgeo:bgt-status>bestaand</imgeo:bgt-status>"
        "<imgeo:plus-status>geenWaarde</imgeo:plus-status>"
        f"<tran:function>{functie}</tran:function>"
        "<tran:surfaceMaterial>gesloten verharding</tran:surfaceMaterial>"
        '<imgeo:kruinlijnWegdeel xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
        f"<imgeo:geometrie2dWegdeel>{geometrie or polygon()}</imgeo:geometrie2dWegdeel>"
        "<imgeo:plus-fysiekVoorkomenWegdeel>asfalt</imgeo:plus-fysiekVoorkomenWegdeel>"
        f"<imgeo:plus-functieWegdeel>ventweg</imgeo:plus-functieWegdeel>{extra}</tran:TrafficArea>"
    )


def pand(lokaal_id="G0400.0101") -> str:
    # As in PDOK's bgt_pand.gml: no srsName anywhere on the geometry, and a house-number label
    # whose point must not be mistaken for the pand's geometry.
    surfaces = "".join(
        f"<gml:surfaceMember>{polygon(square(113000 + dx), srs=None)}</gml:surfaceMember>" for dx in (0, 20)
    )
    return (
        f'<bldg:BuildingPart gml:id="b{lokaal_id}"><creationDate>2013-07-11</creationDate>'
        "<imgeo:relatieveHoogteligging>0</imgeo:relatieveHoogteligging>"
        "<imgeo:tijdstipRegistratie>2020-07-01T12:00:00.000</imgeo:tijdstipRegistratie>"
        f"<imgeo:identificatie><imgeo:NEN3610ID><imgeo:namespace>NL.IMGeo</imgeo:namespace>"
        f"<imgeo:lokaalID>{lokaal_id}</imgeo:lokaalID></imgeo:NEN3610ID></imgeo:identificatie>"
        "<imgeo:bronhouder>G0400</imgeo:bronhouder><imgeo:bgt-status>bestaand</imgeo:bgt-status>"
        "<imgeo:plus-status>geenWaarde</imgeo:plus-status>"
        "<imgeo:identificatieBAGPND>0400100000000001</imgeo:identificatieBAGPND>"
        f"<imgeo:geometrie2dGrondvlak><gml:MultiSurface>{surfaces}</gml:MultiSurface></imgeo:geometrie2dGrondvlak>"
        "<imgeo:nummeraanduidingreeks><imgeo:Nummeraanduidingreeks><imgeo:nummeraanduidingreeks><imgeo:Label>"
        "<imgeo:tekst>12</imgeo:tekst><imgeo:positie><imgeo:Labelpositie><imgeo:plaatsingspunt>"
        "<gml:Point><gml:pos>113005 553005</gml:pos></gml:Point></imgeo:plaatsingspunt>"
        "<imgeo:hoek>0</imgeo:hoek>"
        "</imgeo:Labelpositie></imgeo:positie></imgeo:Label></imgeo:nummeraanduidingreeks>"
        "</imgeo:Nummeraanduidingreeks></imgeo:nummeraanduidingreeks></bldg:BuildingPart>"
    )


def label(lokaal_id="G0400.0201", points=((113000, 553000), (113100, 553050))) -> str:
    positions = "".join(
        "<imgeo:positie><imgeo:Labelpositie><imgeo:plaatsingspunt>"
        f'<gml:Point srsName="{RD}"><gml:pos>{x} {y}</gml:pos></gml:Point></imgeo:plaatsingspunt>'
        "<imgeo:hoek>0</imgeo:hoek></imgeo:Labelpositie></imgeo:positie>"
        for x, y in points
    )
    return (
        f'<imgeo:OpenbareRuimteLabel gml:id="b{lokaal_id}"><creationDate>2015-10-27</creationDate>'
        "<imgeo:relatieveHoogteligging>0</imgeo:relatieveHoogteligging>"
        "<imgeo:tijdstipRegistratie>2016-12-10T13:29:46.000</imgeo:tijdstipRegistratie>"
        f"<imgeo:identificatie><imgeo:NEN3610ID><imgeo:namespace>NL.IMGeo</imgeo:namespace>"
        f"<imgeo:lokaalID>{lokaal_id}</imgeo:lokaalID></imgeo:NEN3610ID></imgeo:identificatie>"
        "<imgeo:bronhouder>G0400</imgeo:bronhouder><imgeo:bgt-status>bestaand</imgeo:bgt-status>"
        "<imgeo:plus-status>geenWaarde</imgeo:plus-status>"
        "<imgeo:identificatieBAGOPR>0400300000000001</imgeo:identificatieBAGOPR>"
        f"<imgeo:openbareRuimteNaam><imgeo:Label><imgeo:tekst>Keizerstraat</imgeo:tekst>{positions}"
        "</imgeo:Label></imgeo:openbareRuimteNaam><imgeo:openbareRuimteType>Weg</imgeo:openbareRuimteType>"
        "</imgeo:OpenbareRuimteLabel>"
    )


def test_wegdeel_is_imported_with_all_its_attributes(tmp_path):
    resultaat = importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel()))
    assert resultaat.ok and resultaat.totaal().nieuw == 1
    obj = BgtObject.objects.get()
    assert (
        obj.objecttype,
        obj.lokaal_id,
        obj.namespace,
        obj.bronhouder,
        obj.bgt_status,
        obj.plus_status,
    ) == ("wegdeel", "G0400.0001", "NL.IMGeo", "G0400", "bestaand", "geenWaarde")
    assert (obj.functie, obj.fysiek_voorkomen, obj.plus_functie, obj.plus_fysiek_voorkomen) == (
        "rijbaan lokale weg",
        "gesloten verharding",
        "ventweg",
        "asfalt",
    )
    assert obj.creation_date.isoformat() == "2019-12-31" and obj.relatieve_hoogteligging == 0
    assert obj.geom.srid == RD_NEW and obj.geom.area == pytest.approx(100.0)


def test_arc_is_linearised_into_a_valid_polygon(tmp_path):
    # A half disc: a straight edge east, then an arc through the top back to the start.
    arc = (
        f'<gml:Polygon srsName="{RD}"><gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments>'
        "<gml:LineStringSegment><gml:posList>113000 553000 113020 553000</gml:posList>"
        "</gml:LineStringSegment>"
        "<gml:Arc><gml:posList>113020 553000 113010 553010 113000 553000</gml:posList></gml:Arc>"
        "</gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior></gml:Polygon>"
    )
    importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel(geometrie=arc)))
    geom = BgtObject.objects.get().geom
    assert geom.geom_type == "Polygon" and geom.valid
    assert geom.num_points > 20
    assert geom.area == pytest.approx(3.14159 * 100 / 2, rel=0.01)


def test_polygon_with_hole(tmp_path):
    geometrie = polygon(square(size=10), holes=[square(113002, 553002, 4)[::-1]])
    importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel(geometrie=geometrie)))
    geom = BgtObject.objects.get().geom
    assert len(geom) == 2 and geom.area == pytest.approx(100 - 16)


def test_pand_multisurface_without_srsname_is_rd_by_specification(tmp_path):
    resultaat = importeer_bgt(write(tmp_path, "bgt_pand.gml", pand()))
    assert resultaat.ok and not resultaat.bevindingen
    obj = BgtObject.objects.get()
    assert obj.objecttype == "pand" and obj.bag_pand_identificatie == "0400100000000001"
    assert obj.geom.geom_type == "MultiPolygon" and obj.geom.area == pytest.approx(200.0)
    # tijdstipRegistratie carries no zone: it is Dutch time (CEST in July).
    assert obj.tijdstip_registratie == datetime(2020, 7, 1, 10, 0, tzinfo=UTC)


def test_label_stands_at_each_plaatsingspunt(tmp_path):
    importeer_bgt(
        write(tmp_path, "bgt_openbareruimtelabel.gml", label(), label("G0400.0202", ((113000, 553000),)))
    )
    geoms = dict(BgtObject.objects.values_list("lokaal_id", "geom"))
    assert geoms["G0400.0201"].geom_type == "MultiPoint" and len(geoms["G0400.0201"]) == 2
    assert geoms["G0400.0202"].geom_type == "Point"
    assert BgtObject.objects.get(lokaal_id="G0400.0201").functie == "Weg"


def test_history_keeps_the_voorkomen_in_force(tmp_path):
    path = write(
        tmp_path,
        "bgt_wegdeel.gml",
        # The one in force first: the order in the file does not matter.
        wegdeel(tijdstip="2021-03-01T10:00:00", functie="fietspad"),
        wegdeel(tijdstip="2018-01-01T10:00:00", eind="2021-03-01T10:00:00", functie="rijbaan lokale weg"),
        wegdeel(tijdstip="2015-01-01T10:00:00", eind="2018-01-01T10:00:00", functie="voetpad"),
    )
    t = importeer_bgt(path).totaal()
    assert (t.gelezen, t.nieuw, t.historisch) == (3, 1, 2)
    assert BgtObject.objects.get().functie == "fietspad"


def test_delivery_that_ends_an_object_deletes_it(tmp_path):
    importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel("G0400.0001"), wegdeel("G0400.0002")))
    later = tmp_path / "later"
    later.mkdir()
    path = write(
        later,
        "bgt_wegdeel.gml",
        wegdeel("G0400.0001", tijdstip="2020-01-01T10:00:00", eind="2022-01-01T10:00:00"),
        wegdeel("G0400.0001", tijdstip="2019-01-01T10:00:00", eind="2020-01-01T10:00:00"),
        wegdeel("G0400.0002"),
        # Ended before we ever saw it: only history.
        wegdeel("G0400.0003", eind="2021-01-01T10:00:00"),
    )
    t = importeer_bgt(path).totaal()
    assert (t.beeindigd, t.historisch, t.ongewijzigd) == (1, 2, 1)
    assert t.gelezen == t.historisch + t.beeindigd + t.nieuw + t.gewijzigd + t.ongewijzigd + t.overgeslagen
    assert list(BgtObject.objects.values_list("lokaal_id", flat=True)) == ["G0400.0002"]


def test_old_delivery_neither_regresses_nor_ends_a_newer_object(tmp_path):
    new = write(tmp_path, "bgt_wegdeel.gml", wegdeel(tijdstip="2022-01-01T10:00:00", functie="fietspad"))
    importeer_bgt(new)
    old = tmp_path / "old"
    old.mkdir()
    importeer_bgt(write(old, "bgt_wegdeel.gml", wegdeel(tijdstip="2020-01-01T10:00:00", functie="voetpad")))
    assert BgtObject.objects.get().functie == "fietspad"
    ended_before = tmp_path / "ended"
    ended_before.mkdir()
    importeer_bgt(
        write(ended_before, "bgt_wegdeel.gml", wegdeel(tijdstip="2019-01-01", eind="2020-01-01T10:00:00"))
    )
    assert BgtObject.objects.get().functie == "fietspad"


def test_self_intersecting_polygon_is_repaired_and_reported(tmp_path):
    bowtie = [(113000, 553000), (113010, 553010), (113010, 553000), (113000, 553010), (113000, 553000)]
    path = write(
        tmp_path, "bgt_wegdeel.gml", wegdeel("G0400.0001"), wegdeel("G0400.0009", geometrie=polygon(bowtie))
    )
    resultaat = importeer_bgt(path)
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie, bevinding.regelnummer) == (
        "hersteld",
        "geometrie_hersteld",
        "G0400.0009",
        FIRST_LINE + 1,
    )
    assert "Self-intersection" in bevinding.reden and bevinding.bestand.endswith("bgt_wegdeel.gml")
    geom = BgtObject.objects.get(lokaal_id="G0400.0009").geom
    assert geom.valid and geom.area == pytest.approx(50.0)
    assert resultaat.totaal().hersteld == 1


@pytest.mark.parametrize(
    ("geometrie", "code"),
    [
        (polygon(srs=f"urn:ogc:def:crs:EPSG::{WGS84}"), "srs_onjuist"),
        # RD srsName on WGS84 numbers: caught by the RD validity area.
        (polygon([(4.76, 52.95), (4.77, 52.95), (4.77, 52.96), (4.76, 52.95)]), "srs_onjuist"),
        (polygon([(113000, 553000), (113010, 553000), (113010, 553010)]), "geometrie_ongeldig"),
        ("<gml:Polygon/>", "geometrie_ongeldig"),
        ("", "geometrie_ontbreekt"),
    ],
)
def test_bad_geometry_skips_that_object_only(tmp_path, geometrie, code):
    bad = wegdeel("G0400.0009", geometrie=geometrie or "<x/>").replace("<x/>", "")
    resultaat = importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel("G0400.0001"), bad))
    assert resultaat.ok
    assert list(BgtObject.objects.values_list("lokaal_id", flat=True)) == ["G0400.0001"]
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie, bevinding.regelnummer) == (
        "overgeslagen",
        code,
        "G0400.0009",
        FIRST_LINE + 1,
    )
    assert resultaat.totaal().overgeslagen == 1


def test_object_without_lokaal_id_is_skipped_and_named_by_line(tmp_path):
    resultaat = importeer_bgt(write(tmp_path, "bgt_wegdeel.gml", wegdeel(lokaal_id=None), wegdeel()))
    [bevinding] = resultaat.bevindingen
    assert (bevinding.soort, bevinding.code, bevinding.identificatie, bevinding.regelnummer) == (
        "overgeslagen",
        "veld_ontbreekt",
        None,
        FIRST_LINE,
    )
    assert BgtObject.objects.count() == 1


def test_skipped_current_voorkomen_is_not_replaced_by_an_older_one(tmp_path):
    path = write(
        tmp_path,
        "bgt_wegdeel.gml",
        wegdeel(tijdstip="2019-01-01T10:00:00"),
        wegdeel(tijdstip="2021-01-01T10:00:00", geometrie=polygon(srs=f"EPSG:{WGS84}")),
    )
    importeer_bgt(path)
    assert not BgtObject.objects.exists()


def test_malformed_file_rolls_back_alone(tmp_path):
    write(tmp_path, "bgt_pand.gml", pand())
    broken = document(wegdeel("G0400.0001"), wegdeel("G0400.0002")).replace(
        "</tran:TrafficArea>", "</tran:Traffic>", 2
    )
    (tmp_path / "bgt_wegdeel.gml").write_text(broken)
    resultaat = importeer_bgt(tmp_path)
    assert not resultaat.ok
    [failed] = [b for b in resultaat.bestanden if b.status == "mislukt"]
    assert failed.naam.endswith("bgt_wegdeel.gml") and f"[xml_ongeldig] regel {FIRST_LINE}" in failed.fout
    assert list(BgtObject.objects.values_list("objecttype", flat=True)) == ["pand"]
    assert ImportRun.objects.filter(soort="bgt", status="mislukt").count() == 1


def test_file_that_is_not_imgeo_citygml_fails_with_a_clear_reason(tmp_path):
    (tmp_path / "bgt_wegdeel.gml").write_text(
        '<?xml version="1.0"?>\n<FeatureCollection xmlns="http://www.opengis.net/gml"/>'
    )
    resultaat = importeer_bgt(tmp_path / "bgt_wegdeel.gml")
    [bestand] = resultaat.bestanden
    assert bestand.status == "mislukt" and bestand.fout.startswith("[formaat_onbekend] regel 2:")
    assert "FeatureCollection" in bestand.fout


def test_same_download_twice_changes_nothing(tmp_path):
    write(tmp_path, "bgt_wegdeel.gml", wegdeel("G0400.0001"), wegdeel("G0400.0002"))
    write(tmp_path, "bgt_pand.gml", pand())
    importeer_bgt(tmp_path)
    before = list(BgtObject.objects.order_by("lokaal_id").values_list("lokaal_id", "bijgewerkt"))

    again = importeer_bgt(tmp_path)
    assert [b.status for b in again.bestanden] == ["al_geimporteerd", "al_geimporteerd"]

    t = importeer_bgt(tmp_path, opnieuw=True).totaal()
    assert (t.nieuw, t.gewijzigd, t.ongewijzigd) == (0, 0, 3)
    assert list(BgtObject.objects.order_by("lokaal_id").values_list("lokaal_id", "bijgewerkt")) == before


def test_pdok_zip_with_every_type_in_one_table(tmp_path):
    path = tmp_path / "extract.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bgt_wegdeel.gml", document(wegdeel()))
        zf.writestr("bgt_pand.gml", document(pand()))
        zf.writestr("bgt_openbareruimtelabel.gml", document(label()))
        zf.writestr("bgt_buurt.gml", document())
        zf.writestr("leesmij.txt", "geen gml")
    resultaat = importeer_bgt(path)
    assert resultaat.ok
    assert sorted(BgtObject.objects.values_list("objecttype", flat=True)) == [
        "openbareruimtelabel",
        "pand",
        "wegdeel",
    ]
    assert {b.naam: b.status for b in resultaat.bestanden}["extract.zip!leesmij.txt"] == "niet_gelezen"


def test_import_bgt_command(tmp_path):
    out = io.StringIO()
    call_command("import_bgt", str(write(tmp_path, "bgt_wegdeel.gml", wegdeel())), stdout=out, verbosity=0)
    assert "BGT: 1 bestand(en)" in out.getvalue() and BgtObject.objects.count() == 1


# Real downloads -----------------------------------------------------------------------------------


def _expected(fh) -> tuple[int, set[str]]:
    """cityObjectMembers, and the lokaalIDs with a voorkomen without eindRegistratie, read independently."""
    members, current = 0, set()
    for _, el in etree.iterparse(fh, tag=MEMBER):
        members += 1
        feature = el[0]
        if feature.find("{*}eindRegistratie") is None:
            current.add(feature.find("{*}identificatie/{*}NEN3610ID/{*}lokaalID").text)
        el.clear()
    return members, current


def _assert_table_matches(resultaat, expected: dict[str, tuple[int, set[str]]]):
    assert resultaat.ok
    t = resultaat.totaal()
    assert t.overgeslagen == 0 and t.beeindigd == 0
    assert t.gelezen == sum(n for n, _ in expected.values())
    assert t.gelezen == t.historisch + t.beeindigd + t.nieuw + t.gewijzigd + t.ongewijzigd + t.overgeslagen
    for objecttype, (_, current) in expected.items():
        stored = set(BgtObject.objects.filter(objecttype=objecttype).values_list("lokaal_id", flat=True))
        assert stored == current, objecttype
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from kaartlagen_bgtobject "
            f"where not ST_IsValid(geom) or ST_SRID(geom) <> {RD_NEW}"
        )
        assert cursor.fetchone()[0] == 0


@pytest.mark.conformance
def test_otterlo_pdok_download_imports_every_type():
    path = shared_data("nlextract-bgt/otterlo.zip")
    resultaat = importeer_bgt(path)
    expected = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            with zf.open(name) as fh:
                expected[name.removeprefix("bgt_").removesuffix(".gml")] = _expected(fh)
    assert len(expected) == 35 and sum(n for n, _ in expected.values()) == 14_184
    _assert_table_matches(resultaat, expected)
    assert BgtObject.objects.filter(objecttype="pand").exclude(bag_pand_identificatie="").count() == len(
        expected["pand"][1]
    )


@pytest.mark.conformance
def test_den_haag_files_with_history():
    folder = shared_data("geonovum-jsonfg-testdata/bgt-citygml")
    resultaat = importeer_bgt(folder)
    expected = {}
    for path in folder.glob("bgt_*.gml"):
        with open(path, "rb") as fh:
            expected[path.stem.removeprefix("bgt_")] = _expected(fh)
    _assert_table_matches(resultaat, expected)
    assert resultaat.totaal().historisch > 100


@pytest.mark.conformance
def test_amsterdam_pretty_printed_pand_file_is_imgeo_citygml_too():
    path = shared_data("nlextract-bgt/bgt_pand-s.gml")
    resultaat = importeer_bgt(path)
    with open(path, "rb") as fh:
        expected = {"pand": _expected(fh)}
    _assert_table_matches(resultaat, expected)


def test_generated_sample_imports_cleanly(sample_dir):
    [path] = sample_dir.glob("bgt_*.zip")
    resultaat = importeer_bgt(path)
    assert resultaat.ok, [b.fout for b in resultaat.bestanden if b.fout]
    assert resultaat.totaal().overgeslagen == 0, resultaat.bevindingen[:5]
    assert BgtObject.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_files_side_by_side_into_an_empty_table_all_import(tmp_path):
    """Every BGT file goes into the one table, files side by side in workers. Each merge first deletes
    what its delivery ends, so it holds a lock on the table before its upsert; such a merge must not
    then wait for the lock of a first load into the empty table (merge.upsert) while another merge
    holds the same: each would wait for the other. A trigger keeps every merge 0.3 s after its delete,
    so that the first two files' merges hold their locks at the same time."""
    soorten = ["wegdeel", "ondersteunendwegdeel", "pand", "waterdeel"]
    for k, soort in enumerate(soorten):
        write(tmp_path, f"bgt_{soort}.gml", *(wegdeel(f"G0400.{k}{i:03d}") for i in range(20)))
    tabel = BgtObject._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"truncate {tabel}; create function bgt_traag() returns trigger language plpgsql as "
            "$$ begin perform pg_sleep(0.3); return null; end $$; "
            f"create trigger bgt_traag after delete on {tabel} for each statement execute function bgt_traag()"
        )
    try:
        resultaat = importeer_bgt(tmp_path, werkers=2)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"drop trigger bgt_traag on {tabel}; drop function bgt_traag()")
    assert [b.fout for b in resultaat.bestanden] == [""] * len(soorten)
    assert BgtObject.objects.count() == 20 * len(soorten)
