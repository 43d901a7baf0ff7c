"""Bad deliveries: a clear error naming the problem, and nothing stored."""

import shutil
import zipfile

import pytest

from kern.crs import RD_NEW_URN, WGS84
from kern.models import ImportRun
from tests.support.paden import shared_data
from tests.toepasbare_regels.omgevingsplan.helpers import IMRO
from toepasbare_regels.omgevingsplan import models as m
from toepasbare_regels.omgevingsplan.importing import importeer

pytestmark = pytest.mark.django_db

XXE = """<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1"><imro:featureMember>&xxe;</imro:featureMember></imro:FeatureCollectionIMRO>
"""
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1">&lol9;</imro:FeatureCollectionIMRO>\n'
)


def _mislukt(pad, code: str):
    voor = (m.Regeling.objects.count(), m.Locatie.objects.count(), m.LocatieVlak.objects.count())
    [resultaat] = importeer(pad)
    assert resultaat.status == "mislukt"
    assert f"[{code}]" in resultaat.fout, resultaat.fout
    assert (m.Regeling.objects.count(), m.Locatie.objects.count(), m.LocatieVlak.objects.count()) == voor
    assert ImportRun.objects.filter(status="mislukt", fout=resultaat.fout).exists()
    return resultaat


def test_xxe_is_refused(tmp_path):
    pad = tmp_path / "xxe.gml"
    pad.write_text(XXE)
    resultaat = _mislukt(pad, "xml_doctype")
    assert "root:" not in resultaat.fout


def test_billion_laughs_is_refused(tmp_path):
    pad = tmp_path / "lol.gml"
    pad.write_text(LAUGHS)
    _mislukt(pad, "xml_doctype")


def test_malformed_xml_names_the_line(tmp_path):
    plan = (shared_data(IMRO) / "enkelbestemming.gml").read_text(encoding="utf-8")
    pad = tmp_path / "kapot.gml"
    pad.write_text(plan[: len(plan) // 2], encoding="utf-8")
    resultaat = _mislukt(pad, "xml_ongeldig")
    assert "regel" in resultaat.fout


def test_wrong_srs_is_refused(tmp_path):
    plan = (shared_data(IMRO) / "NL.IMRO.0664.BPBS03-ON99.gml").read_text(encoding="utf-8")
    pad = tmp_path / "wgs84.gml"
    pad.write_text(plan.replace(RD_NEW_URN, f"urn:ogc:def:crs:EPSG::{WGS84}"), encoding="utf-8")
    resultaat = _mislukt(pad, "srs_onjuist")
    assert "NL.IMRO" in resultaat.fout


def test_invalid_geometry_is_refused_and_named(gemeentestad, tmp_path):
    levering = tmp_path / "levering"
    shutil.copytree(gemeentestad, levering)
    gml = levering / "Speelhal.gml"
    tekst = gml.read_text(encoding="utf-8")
    begin = tekst.index("<gml:posList>") + len("<gml:posList>")
    eind = tekst.index("</gml:posList>")
    # A bow tie: the ring crosses itself.
    strik = "138000 424000 138100 424100 138100 424000 138000 424100 138000 424000"
    gml.write_text(tekst[:begin] + strik + tekst[eind:], encoding="utf-8")
    resultaat = _mislukt(levering, "geometrie_ongeldig")
    assert "nl.imow-gm0297.gebied" in resultaat.fout


def test_missing_gio_geometry_is_refused(gemeentestad, tmp_path):
    levering = tmp_path / "levering"
    shutil.copytree(gemeentestad, levering)
    (levering / "Speelhal.gml").unlink()
    (levering / "GIO005-Speelhal.xml").unlink()
    _mislukt(levering, "verwijzing_ontbreekt")


def test_unknown_kwalificatie_is_refused(gemeentestad, tmp_path):
    levering = tmp_path / "levering"
    shutil.copytree(gemeentestad, levering)
    ow = levering / "owRegeltekst-Gemeentestad.xml"
    ow.write_text(
        ow.read_text(encoding="utf-8").replace("concept/Toegestaan", "concept/MagWel", 1), encoding="utf-8"
    )
    _mislukt(levering, "waarde_onbekend")


def test_the_command_fails_loudly(tmp_path):
    from django.core.management import CommandError, call_command

    pad = tmp_path / "xxe.gml"
    pad.write_text(XXE)
    with pytest.raises(CommandError, match="xml_doctype"):
        call_command("import_omgevingsplan", str(pad), verbosity=0)


def test_a_zip_with_clashing_paths_and_a_bomb_refuses_those_and_imports_the_plan(
    gemeentestad, tmp_path, settings
):
    """`a/b` beside `a/b/c.xml` crashed the import with FileExistsError; a member that unpacks 1000 times
    its size was unpacked whatever its size. Both are refused on their own now, and the plan imports."""
    settings.UITPAKKEN_DREMPEL = 1 << 16
    pad = tmp_path / "levering.zip"
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zf:
        for bestand in sorted(gemeentestad.rglob("*")):
            if bestand.is_file():
                zf.write(bestand, f"plan/{bestand.relative_to(gemeentestad)}")
        zf.writestr("extra/a/b", b"een bestand")
        zf.writestr("extra/a/b/c.xml", b"<c/>")
        zf.writestr("extra/bom.xml", bytes(1 << 20))
    resultaten = importeer(pad)
    assert {r.bron: r.fout.split("]")[0] + "]" for r in resultaten if not r.ok} == {
        "levering.zip!extra/a/b/c.xml": "[uitpakken.pad_botsing]",
        "levering.zip!extra/bom.xml": "[uitpakken.verhouding]",
    }
    [plan] = [r for r in resultaten if r.ok]
    assert plan.status == "klaar" and plan.telling["juridische_regel"] > 0
    assert ImportRun.objects.filter(status="mislukt", bestand="levering.zip!extra/bom.xml").exists()
