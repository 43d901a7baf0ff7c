"""The CBS Kerncijfers wijken en buurten importer on small files in CBS's own CSV format."""

import json

import pytest
from django.core.management import call_command

from dev.sample.kwb import maak
from loket.buurtdashboard import kerncijfers
from loket.buurtdashboard.importing.kwb import importeer_kerncijfers
from loket.buurtdashboard.models import Kerncijfer

pytestmark = pytest.mark.django_db

KOP = (
    '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5";'
    '"k_65JaarOfOuder_12";"HuishoudensTotaal_28";"GemiddeldeHuishoudensgrootte_32";"Bevolkingsdichtheid_33"'
)
RIJEN = [
    '0;"GM0400    ";"Den Helder   ";"Gemeente  ";"GM0400    ";56539;13570;27391;2.0;1254',
    '1;"WK040001  ";"Den Helder   ";"Wijk      ";"WK040001  ";4210;1100;2000;2,1;5120',
    '2;"BU04000101";"Den Helder   ";"Buurt     ";"BU04000101";35;".       ";"x       ";.;-',
    '3;"BU04010101";"Texel        ";"Buurt     ";"BU04010101";900;200;400;2.2;80',
    '4;"BU04000102";"Den Helder   ";"Buurt     ";"BU04000102";veel;100;400;2.2;80',
]


def schrijf(tmp_path, naam="kwb-2023.csv", rijen=RIJEN, kop=KOP):
    pad = tmp_path / naam
    pad.write_text("\r\n".join([kop, *rijen]) + "\r\n", encoding="utf-8-sig")
    return pad


def cijfer(code, kenmerk):
    return Kerncijfer.objects.get(gebiedscode=code, kenmerk=kenmerk)


def test_cbs_kolomcodes_jaar_en_geheime_cellen(tmp_path):
    resultaat = importeer_kerncijfers(schrijf(tmp_path), gemeente="GM0400")
    assert resultaat.ok
    inw = cijfer("GM0400", "AantalInwoners")
    assert (inw.jaar, inw.kolom, inw.waarde, inw.teken) == (2023, "AantalInwoners_5", 56539, "")
    assert cijfer("WK040001", "GemiddeldeHuishoudensgrootte").waarde == 2.1  # decimal comma
    # CBS marks: "." unknown/secret, "x" secret, "-" nihil
    assert (
        cijfer("BU04000101", "k_65JaarOfOuder").waarde,
        cijfer("BU04000101", "k_65JaarOfOuder").teken,
    ) == (None, ".")
    assert (
        cijfer("BU04000101", "HuishoudensTotaal").waarde,
        cijfer("BU04000101", "HuishoudensTotaal").teken,
    ) == (None, "x")
    assert cijfer("BU04000101", "Bevolkingsdichtheid").waarde == 0
    assert not Kerncijfer.objects.filter(gebiedscode="BU04010101").exists()
    codes = {(b.soort, b.code) for b in resultaat.bevindingen}
    assert codes == {("waarschuwing", "andere_gemeente"), ("overgeslagen", "waarde_ongeldig")}
    # the bad cell is skipped, the rest of its row is kept
    assert cijfer("BU04000102", "k_65JaarOfOuder").waarde == 100
    assert not Kerncijfer.objects.filter(gebiedscode="BU04000102", kenmerk="AantalInwoners").exists()


def test_tweede_keer_niets_nieuws_en_nieuw_jaar_ernaast(tmp_path):
    pad = schrijf(tmp_path)
    importeer_kerncijfers(pad, gemeente="GM0400")
    aantal = Kerncijfer.objects.count()
    opnieuw = importeer_kerncijfers(pad, gemeente="GM0400", opnieuw=True)
    assert opnieuw.totaal().nieuw == 0 and opnieuw.totaal().gewijzigd == 0
    importeer_kerncijfers(schrijf(tmp_path, "kwb-2024.csv"), gemeente="GM0400")
    assert Kerncijfer.objects.count() == 2 * aantal
    # the dashboard shows the latest year, with the year on the figure
    cel = kerncijfers.toon(kerncijfers.laatste(["GM0400"])["GM0400"]["AantalInwoners"], True)
    assert cel == {"waarde": 56539, "jaar": 2024, "tekst": "56539 (2024)"}


def test_jaar_uit_perioden_of_argument_anders_geweigerd(tmp_path):
    kop = KOP.replace('"Codering_3";', '"Codering_3";"Perioden";')
    rijen = [r.replace('"GM0400    ";56539', '"GM0400    ";"2019JJ00";56539') for r in RIJEN[:1]]
    importeer_kerncijfers(schrijf(tmp_path, "kwb.csv", rijen, kop), gemeente="GM0400")
    assert cijfer("GM0400", "AantalInwoners").jaar == 2019
    zonder = importeer_kerncijfers(schrijf(tmp_path, "kerncijfers.csv"), gemeente="GM0400")
    assert not zonder.ok and "jaar_onbekend" in zonder.bestanden[0].fout
    met = importeer_kerncijfers(tmp_path / "kerncijfers.csv", gemeente="GM0400", jaar=2021)
    assert met.ok and Kerncijfer.objects.filter(jaar=2021).exists()


def test_geen_kwb_tabel_wordt_geweigerd(tmp_path):
    resultaat = importeer_kerncijfers(schrijf(tmp_path, "kwb-2023.csv", RIJEN, '"a";"b"'), gemeente="GM0400")
    assert not resultaat.ok and "formaat_onbekend" in resultaat.bestanden[0].fout


def test_geheime_cellen_op_het_dashboard_met_jaar_en_kleine_aantallen_onderdrukt(tmp_path):
    importeer_kerncijfers(schrijf(tmp_path), gemeente="GM0400")
    data = kerncijfers.laatste(["BU04000101"])["BU04000101"]
    assert kerncijfers.toon(data["k_65JaarOfOuder"], True)["tekst"] == "onbekend of geheim (CBS) (2023)"
    assert kerncijfers.toon(data["HuishoudensTotaal"], True)["tekst"] == "geheim (CBS) (2023)"
    Kerncijfer.objects.filter(gebiedscode="BU04000101", kenmerk="AantalInwoners").update(waarde=3)
    data = kerncijfers.laatste(["BU04000101"])["BU04000101"]
    assert kerncijfers.toon(data["AantalInwoners"], True)["tekst"] == "<5 (2023)"


def test_voorbeeldbestand_van_de_generator_en_het_command(tmp_path):
    buurten = tmp_path / "cbs_buurten_0400.geojson"
    vierkant = [[4.75, 52.95], [4.76, 52.95], [4.76, 52.96], [4.75, 52.96], [4.75, 52.95]]
    buurten.write_text(
        '{"type":"FeatureCollection","features":['
        + ",".join(
            json.dumps(
                {
                    "type": "Feature",
                    "properties": {"statcode": code, "statnaam": "B"},
                    "geometry": {"type": "Polygon", "coordinates": [vierkant]},
                }
            )
            for code in ("BU04000101", "BU04000102", "BU04000201")
        )
        + "]}"
    )
    kwb = tmp_path / "kwb" / "kwb-2020-84799NED-gm0400.csv"
    kwb.parent.mkdir()
    kwb.write_text(maak(buurten), encoding="utf-8")
    call_command("import_kerncijfers", str(kwb.parent), verbosity=0)
    wijk = cijfer("WK040001", "AantalInwoners").waarde
    assert (
        wijk == cijfer("BU04000101", "AantalInwoners").waarde + cijfer("BU04000102", "AantalInwoners").waarde
    )
    assert cijfer("GM0400", "AantalInwoners").jaar == 2020
    assert cijfer("BU04000201", "k_65JaarOfOuder").teken == "."  # the small buurt, as CBS marks it
