"""The STTR importer: the real Geonovum delivery, our sample, versions by begin date, bad files."""

import re
import zipfile
from datetime import date

import pytest

from dev.sample.toepasbare_regels import BESTANDEN, WERKZAAMHEDEN, bestanden
from tests.support.paden import shared_data
from toepasbare_regels.importing import importeer_pad, importeer_sttr
from toepasbare_regels.models import ToepasbareRegelBestand, Werkzaamheid
from toepasbare_regels.regelset import bestanden_voor
from toepasbare_regels.sttr.parser import SttrFout

pytestmark = pytest.mark.django_db


def test_geonovum_delivery_imports_completely_and_idempotently():
    pad = shared_data("geonovum-omgevingsplan-gemeentestad/toepasbareRegels")
    dmn_in_zips, begindata = 0, set()
    for z in pad.glob("*.zip"):
        with zipfile.ZipFile(z) as zf:
            dmn_in_zips += sum(n.endswith(".dmn") for n in zf.namelist())
            for naam in zf.namelist():
                if naam.startswith("opdrachtAanleveren"):
                    dag = re.search(rb"<geldigBegindatum>(\d\d)-(\d\d)-(\d{4})<", zf.read(naam)).groups()
                    begindata.add(date(int(dag[2]), int(dag[1]), int(dag[0])))
    eerste = importeer_pad(pad)
    assert eerste.ok, eerste.samenvatting()
    assert eerste.nieuw == dmn_in_zips == ToepasbareRegelBestand.objects.count()
    # The opdracht's geldigBegindatum is the version's begin.
    assert set(ToepasbareRegelBestand.objects.values_list("begin_geldigheid", flat=True)) == begindata
    assert Werkzaamheid.objects.filter(
        activiteiten__contains=["nl.imow-gm0297.activiteit.2019000810"]
    ).exists()
    tweede = importeer_pad(pad)
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (0, 0, dmn_in_zips)


def test_sample_rules_cover_eight_werkzaamheden_with_indieningsvereisten(regels):
    assert regels.nieuw == len(BESTANDEN)
    assert Werkzaamheid.objects.count() == len(WERKZAAMHEDEN) >= 8
    typeringen = list(ToepasbareRegelBestand.objects.values_list("typering", flat=True))
    assert typeringen.count("Conclusie") >= 8 and typeringen.count("Indieningsvereisten") >= 2
    for w in Werkzaamheid.objects.all():
        for activiteit in w.activiteiten:
            assert bestanden_voor(activiteit, "Conclusie", date.today()), (
                f"{w.urn} heeft geen conclusieregels"
            )


def test_a_changed_file_is_a_new_version_from_its_begin_date(db):
    oud = bestanden()["Conclusie Inrit of uitweg aanleggen.dmn"]
    nieuw = oud.replace(b"Vervangt u alleen", b"Vervangt u enkel")
    assert importeer_sttr(oud, "uitweg.dmn", date(2024, 1, 1)) == "nieuw"
    assert importeer_sttr(oud, "uitweg.dmn", date(2024, 1, 1)) == "ongewijzigd"
    assert importeer_sttr(nieuw, "uitweg.dmn", date(2026, 6, 1)) == "gewijzigd"
    activiteit = "nl.imow-gm0400.activiteit.AanleggenUitweg"
    [v2025] = bestanden_voor(activiteit, "Conclusie", date(2025, 1, 1))
    [v2026] = bestanden_voor(activiteit, "Conclusie", date(2026, 7, 1))
    assert b"Vervangt u alleen" in v2025.dmn.encode() and b"enkel" in v2026.dmn.encode()
    assert v2025.eind_geldigheid == date(2026, 6, 1)
    assert bestanden_voor(activiteit, "Conclusie", date(2023, 1, 1)) == []


@pytest.mark.parametrize(
    "inhoud, code",
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
            "sttr.dtd_geweigerd",
        ),
        (
            b"<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]><l>&b;</l>",
            "sttr.dtd_geweigerd",
        ),
        (b"<definitions xmlns='http://www.omg.org/spec/DMN/20180521/MODEL/'><decision", "sttr.xml_ongeldig"),
        (b"<html/>", "sttr.geen_dmn"),
        (
            b"<definitions xmlns='http://www.omg.org/spec/DMN/20180521/MODEL/'/>" + b" " * (51 * 1024 * 1024),
            "sttr.te_groot",
        ),
    ],
)
def test_hostile_or_broken_files_are_refused_and_nothing_is_stored(inhoud, code, tmp_path):
    with pytest.raises(SttrFout) as fout:
        importeer_sttr(inhoud, "slecht.dmn")
    assert fout.value.code == code
    (tmp_path / "slecht.dmn").write_bytes(inhoud)
    resultaat = importeer_pad(tmp_path)
    assert [c for _, c, _ in resultaat.fouten] == [code]
    assert ToepasbareRegelBestand.objects.count() == 0


def test_unsupported_feel_names_file_decision_rule_and_cell(db):
    goed = bestanden()["Conclusie Inrit of uitweg aanleggen.dmn"]
    slecht = goed.replace(b"<dmn:text>true</dmn:text>", b"<dmn:text>date and time(x) + 1</dmn:text>", 1)
    with pytest.raises(SttrFout) as fout:
        importeer_sttr(slecht, "kapot.dmn")
    bericht = str(fout.value)
    assert fout.value.code == "sttr.feel_niet_ondersteund"
    assert "kapot.dmn" in bericht and "Conclusie Inrit of uitweg aanleggen" in bericht
    assert "regel 1" in bericht and "invoercel 1" in bericht
    assert ToepasbareRegelBestand.objects.count() == 0
