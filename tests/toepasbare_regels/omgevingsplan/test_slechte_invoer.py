"""Bad deliveries: a clear error naming the problem, and nothing stored."""

import shutil

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


@pytest.mark.parametrize(
    ("naam", "pad"),
    [
        ("levering.zip!a/plan.gml", "a/plan.gml"),
        ("levering.zip!b/plan.gml", "b/plan.gml"),  # same name, other folder: kept apart
        ("levering.zip!binnen.zip!ow/regeling.xml", "binnen.zip/ow/regeling.xml"),
        ("levering.zip!../../etc/passwd", "etc/passwd"),  # never outside the folder (zip slip)
        ("levering.zip!/abs/pad.xml", "abs/pad.xml"),
    ],
)
def test_zip_members_keep_their_folder_and_stay_inside(tmp_path, naam, pad):
    from toepasbare_regels.omgevingsplan.importing import uitpakpad

    doel = uitpakpad(tmp_path, naam)
    assert doel == tmp_path / pad and doel.parent.is_dir()
