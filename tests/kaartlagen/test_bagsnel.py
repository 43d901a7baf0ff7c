"""bagsnel.py reads BAG records without lxml: it must give exactly the rows, counts and reports lxml gives.

Every file is read both ways (BagSoort.rijen, the fast reader with lxml for what it does not know, and
BagSoort.rijen_gewoon, lxml alone) and compared row for row: the real Doesburg extract (every object
type), the generated sample, and crafted records that the fast reader must hand to lxml.
"""

import io
import zipfile
from dataclasses import asdict

import pytest

from kaartlagen.importing import bagsnel
from kaartlagen.importing.bag import SOORTEN, bestand_code, importeer_bag
from kaartlagen.models import Pand
from kern.importing.pipeline import Context, OpnieuwLezen
from kern.importing.sources import Bestand
from kern.importing.voortgang import Voortgang
from tests.support import bagxml
from tests.support.paden import ROOT, shared_data


def _lees(lezer, data: bytes, offset: int = 0):
    ctx = Context(Bestand("t.xml", None), [], Voortgang(None))
    ctx.regelnummer_offset = offset
    rijen = list(lezer(io.BytesIO(data), ctx))
    return rijen, ctx.gelezen, [asdict(b) for b in ctx.bevindingen]


class Teller:
    def __init__(self):
        self.stands: list[bytes] = []  # stands the fast reader handed to lxml
        self.koppen: list[bool] = []  # per file: whether its head let the fast reader read it

    def clear(self):
        self.stands.clear()
        self.koppen.clear()


@pytest.fixture
def met_lxml(monkeypatch):
    """What the fast reader handed to lxml (the reading itself is unchanged)."""
    teller = Teller()
    stand, lees = bagsnel._met_lxml, bagsnel._Opzet.lees

    def tel_stand(*args):
        teller.stands.append(args[2])
        return stand(*args)

    def tel_kop(fh, element):
        opzet, data = lees(fh, element)
        teller.koppen.append(opzet is not None)
        return opzet, data

    monkeypatch.setattr(bagsnel, "_met_lxml", tel_stand)
    monkeypatch.setattr(bagsnel._Opzet, "lees", tel_kop)
    return teller


def _vergelijk(code: str, data: bytes, offset: int = 0):
    soort = SOORTEN[code]()
    snel = _lees(soort.rijen, data, offset)
    gewoon = _lees(soort.rijen_gewoon, data, offset)
    assert snel[1] == gewoon[1], "records gelezen"
    assert snel[2] == gewoon[2], "bevindingen"
    assert len(snel[0]) == len(gewoon[0])
    for a, b in zip(snel[0], gewoon[0], strict=True):
        assert a == b
    return snel


def _xml_bestanden(zip_pad):
    """(name, bytes) of every XML file in a Kadaster zip, nested zips included."""
    with zipfile.ZipFile(zip_pad) as z:
        for naam in sorted(z.namelist()):
            if naam.lower().endswith(".zip"):
                with z.open(naam) as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as binnen:
                    for n in sorted(binnen.namelist()):
                        if n.lower().endswith(".xml"):
                            yield n, binnen.read(n)
            elif naam.lower().endswith(".xml"):
                yield naam, z.read(naam)


@pytest.mark.conformance
def test_every_record_of_the_real_doesburg_files_reads_as_lxml_reads_it(met_lxml):
    klein = shared_data("nlextract-bag2-doesburg/small")
    soorten = set()
    for pad in sorted(klein.glob("0221*.xml")):
        soorten.add(bestand_code(pad.name))
        _vergelijk(bestand_code(pad.name), pad.read_bytes())
    assert soorten == set(SOORTEN)
    met_lxml.clear()
    gelezen = 0
    for naam, data in _xml_bestanden(shared_data("nlextract-bag2-doesburg/full-pand/0221PND15092020.zip")):
        rijen, gelezen_hier, _ = _vergelijk(bestand_code(naam), data)
        gelezen += gelezen_hier
        # Half way through a file, as a range read by a worker (delen.py) starts.
        helft = data.index(b"<sl:stand>", len(data) // 2)
        kop = data[: data.index(b"<sl:stand>")].rstrip()
        _vergelijk(bestand_code(naam), kop + data[helft:], offset=1000)
    assert gelezen == 13_098
    # The Kadaster's own records are all read without lxml: the fast reader is what was compared.
    assert met_lxml.stands == []
    assert met_lxml.koppen == [True] * 4


def test_every_record_of_the_generated_sample_reads_as_lxml_reads_it(met_lxml):
    zip_pad = ROOT / "data" / "bgt_bag_samples" / "BAGGEM0400L-01112026.zip"
    if not zip_pad.exists():
        pytest.skip(f"{zip_pad} ontbreekt: maak het voorbeeld met `make sample`")
    gelezen = 0
    for naam, data in _xml_bestanden(zip_pad):
        if bestand_code(naam):
            gelezen += _vergelijk(bestand_code(naam), data)[1]
    assert gelezen > 1000
    assert all(met_lxml.koppen)
    assert len(met_lxml.stands) < gelezen / 100


def _pand_met(*vervang, **kw) -> str:
    tekst = bagxml.pand(**kw)
    for oud, nieuw in vervang:
        assert oud in tekst
        tekst = tekst.replace(oud, nieuw, 1)
    return tekst


RING = "113002 553002 0.0 113004 553002 0.0 113004 553004 0.0 113002 553004 0.0 113002 553002 0.0"
# Each one written in a way the Kadaster does not write it; lxml must read it (and report it) as before.
ONGEWOON = {
    "entity": [("<Objecten:documentnummer>T-1", "<Objecten:documentnummer>T&amp;1")],
    "cdata": [("<Objecten:status>Pand in gebruik", "<Objecten:status><![CDATA[Pand in gebruik]]>")],
    "comment": [("<Objecten:status>", "<!-- opmerking --><Objecten:status>")],
    "zelfsluitend": [
        ("<Objecten:documentnummer>T-1</Objecten:documentnummer>", "<Objecten:documentnummer/>")
    ],
    "geen_status": [("<Objecten:status>Pand in gebruik</Objecten:status>", "")],
    "geen_identificatie": [
        ('<Objecten:identificatie domein="NL.IMBAG.Pand">0400100000000009</Objecten:identificatie>', "")
    ],
    "lege_identificatie": [(">0400100000000009<", "><")],
    "geen_voorkomen_velden": [("<Historie:voorkomenidentificatie>1</Historie:voorkomenidentificatie>", "")],
    "datum_fout": [("<Historie:beginGeldigheid>2020-01-01", "<Historie:beginGeldigheid>2020-13-01")],
    "getal_fout": [("113000.0 553000.0 0.0", "113000,0 553000.0 0.0")],
    "ring_open": [("113000.0 553000.0 0.0</gml:posList>", "113000.0 553001.0 0.0</gml:posList>")],
    "ring_numeriek_dicht": [("113000.0 553000.0 0.0</gml:posList>", "113000 553000 0.0</gml:posList>")],
    "srs_anders": [("urn:ogc:def:crs:EPSG::28992", "urn:ogc:def:crs:EPSG::4326")],
    "srs_kort": [("urn:ogc:def:crs:EPSG::28992", "EPSG:28992")],
    "srs_op_geometrie": [
        (
            "<Objecten:geometrie><gml:Polygon srsName",
            '<Objecten:geometrie srsName="EPSG:28992"><gml:Polygon x',
        )
    ],
    "dim_2": [(' srsDimension="3"', ' srsDimension="2"')],
    "dim_poslist": [("<gml:posList>", '<gml:posList srsDimension="3" count="5">')],
    "binnenring": [
        (
            "</gml:exterior>",
            f"</gml:exterior><gml:interior><gml:LinearRing><gml:posList>{RING}</gml:posList></gml:LinearRing></gml:interior>",
        )
    ],
    "boog": [
        (
            "<gml:exterior><gml:LinearRing>",
            "<gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments><gml:LineStringSegment>",
        ),
        (
            "</gml:LinearRing></gml:exterior>",
            "</gml:LineStringSegment></gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior>",
        ),
    ],
    "multivlak": [
        ("<gml:Polygon", "<gml:MultiSurface"),
        ("</gml:Polygon>", "</gml:MultiSurface>"),
    ],
    "attribuut_record": [("<Objecten:Pand>", '<Objecten:Pand xmlns:Objecten="www.kadaster.nl/x">')],
    "ander_prefix": [
        ("<Objecten:Pand>", '<O:Pand xmlns:O="www.kadaster.nl/x">'),
        ("</Objecten:Pand>", "</O:Pand>"),
    ],
    "pand_in_pand": [("<Objecten:status>", "<Objecten:Pand>binnen</Objecten:Pand><Objecten:status>")],
    "andere_volgorde": [
        ("<Objecten:geconstateerd>N</Objecten:geconstateerd>", ""),
        (
            "<Objecten:documentnummer>",
            "<Objecten:geconstateerd>N</Objecten:geconstateerd><Objecten:documentnummer>",
        ),
    ],
    "tab_in_tekst": [("Pand in gebruik", "Pand\tin gebruik")],
    "niet_ascii": [("Pand in gebruik", "Pand in gebruik – één")],
    "lege_tekst": [("T-1<", "<")],
    "tweede_record_in_stand": [
        (
            "</Objecten:Pand>",
            "</Objecten:Pand><Objecten:Pand><Objecten:identificatie>0400100000000077</Objecten:identificatie></Objecten:Pand>",
        )
    ],
    "historie": [],
}


def _document(records: list[str]) -> bytes:
    # Records on lines of their own and one spread over lines, so that line numbers are tested.
    return bagxml.document(*records).replace("<Objecten:geometrie>", "\n  <Objecten:geometrie>\n").encode()


@pytest.mark.parametrize("geval", sorted(ONGEWOON))
def test_records_not_written_the_usual_way_read_as_lxml_reads_them(geval, met_lxml):
    kw = {"eind_registratie": "2021-01-01T10:00:00"} if geval == "historie" else {}
    odd = _pand_met(*ONGEWOON[geval], identificatie="0400100000000009", **kw)
    data = _document([bagxml.pand(), odd, bagxml.pand("0400100000000002", vk=bagxml.voorkomen(nr=2))])
    _vergelijk("PND", data, offset=7)
    # Only the odd one (if any) went to lxml: the records around it were read by the fast reader.
    assert met_lxml.koppen == [True]
    assert len(met_lxml.stands) <= 1


def test_the_other_object_types_from_the_test_documents_read_as_lxml_reads_them(met_lxml):
    for code, records in {
        "WPL": [bagxml.woonplaats()],
        "OPR": [
            bagxml.openbare_ruimte(),
            bagxml.openbare_ruimte("0400300000000002", naam="A & B".replace("&", "&amp;")),
        ],
        "NUM": [bagxml.nummeraanduiding(), bagxml.nummeraanduiding("0400200000000002", letter="A")],
        "VBO": [bagxml.verblijfsobject(), bagxml.verblijfsobject("0400010000000002", x="bad")],
    }.items():
        _vergelijk(code, _document(records))


@pytest.mark.parametrize(
    "geval",
    [
        "crlf",
        "stand_sluit_bestand",
        "ongeldige_utf8",
        "afgebroken",
        "commentaar_na_einde",
        "stand_in_commentaar",
    ],
)
def test_what_only_the_whole_file_can_say_is_handed_back_to_lxml(geval):
    data = _document([bagxml.pand(), bagxml.pand("0400100000000002"), bagxml.pand("0400100000000003")])
    tweede = data.index(b"<sl:stand>", data.index(b"<sl:stand>") + 1)
    data = {
        "crlf": data[:tweede] + data[tweede:].replace(b"\n", b"\r\n"),
        "stand_sluit_bestand": data[:tweede]
        + b'</sl:standBestand><sl:standBestand xmlns:Objecten="www.kadaster.nl/x">'
        + data[tweede:],
        "ongeldige_utf8": data.replace(b"Pand in gebruik", b"Pand \xff gebruik"),
        "afgebroken": data[: len(data) - 30],
        "commentaar_na_einde": data + b"<!-- einde -->\n",
        "stand_in_commentaar": data[:tweede] + b"<!-- <sl:stand> -->" + data[tweede:],
    }[geval]
    soort = SOORTEN["PND"]()
    try:
        snel = _lees(soort.rijen, data)
    except OpnieuwLezen:
        return
    # Read without handing back: then it must be what lxml reads.
    assert snel == _lees(soort.rijen_gewoon, data)


@pytest.mark.parametrize(
    "kop",
    [
        b'<?xml version="1.0" encoding="ISO-8859-1"?>',
        b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY e "x">]>',
        b"",
    ],
)
def test_a_head_that_is_not_the_kadasters_goes_to_lxml_whole(kop, met_lxml):
    data = _document([bagxml.pand(), bagxml.pand("0400100000000002")])
    data = kop + data[data.index(b"\n") :]
    soort = SOORTEN["PND"]()
    try:
        gewoon = _lees(soort.rijen_gewoon, data)
    except Exception as exc:  # noqa: BLE001 (then the fast reader must fail the same way)
        with pytest.raises(type(exc)):
            _lees(soort.rijen, data)
        return
    assert _lees(soort.rijen, data) == gewoon
    assert met_lxml.koppen == [False]


@pytest.mark.django_db
def test_an_import_handed_back_half_way_keeps_nothing_twice(tmp_path):
    """The savepoint: rows the fast reader gave before a carriage return are undone, lxml reads all."""
    data = _document([bagxml.pand(), bagxml.pand("0400100000000002"), bagxml.pand("0400100000000003")])
    derde = data.rindex(b"<sl:stand>")
    pad = tmp_path / "0400PND01112026-000001.xml"
    pad.write_bytes(data[:derde] + data[derde:].replace(b"\n", b"\r\n"))
    resultaat = importeer_bag(pad)
    assert resultaat.ok, resultaat.bestanden
    assert resultaat.totaal().gelezen == 3
    assert resultaat.totaal().nieuw == 3
    assert Pand.objects.count() == 3
