"""Small LV BAG 2.0 extract documents for tests, in the real namespaces and element order."""

NS = (
    'xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" '
    'xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601" '
    'xmlns:Objecten-ref="www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601" '
    'xmlns:sl-bag-extract="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601" '
    'xmlns:sl="http://www.kadaster.nl/schemas/standlevering-generiek/1.0"'
)
RD = "urn:ogc:def:crs:EPSG::28992"


def document(*objects: str) -> str:
    body = "\n".join(
        f"<sl:stand><sl-bag-extract:bagObject>{o}</sl-bag-extract:bagObject></sl:stand>" for o in objects
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sl-bag-extract:bagStand {NS}><sl:standBestand>\n{body}\n</sl:standBestand></sl-bag-extract:bagStand>\n'


def voorkomen(nr=1, begin="2020-01-01", eind_geldigheid=None, eind_registratie=None) -> str:
    eg = f"<Historie:eindGeldigheid>{eind_geldigheid}</Historie:eindGeldigheid>" if eind_geldigheid else ""
    er = (
        f"<Historie:eindRegistratie>{eind_registratie}</Historie:eindRegistratie>" if eind_registratie else ""
    )
    return (
        f"<Objecten:voorkomen><Historie:Voorkomen><Historie:voorkomenidentificatie>{nr}</Historie:voorkomenidentificatie>"
        f"<Historie:beginGeldigheid>{begin}</Historie:beginGeldigheid>{eg}"
        f"<Historie:tijdstipRegistratie>{begin}T10:00:00.000</Historie:tijdstipRegistratie>{er}"
        "</Historie:Voorkomen></Objecten:voorkomen>"
    )


def square(x=113000.0, y=553000.0, size=10.0) -> str:
    pts = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    return " ".join(f"{a} {b} 0.0" for a, b in pts)


def pand(
    identificatie="0400100000000001", bouwjaar=1930, status="Pand in gebruik", pos=None, srs=RD, vk=None, **kw
) -> str:
    srs_attr = f' srsName="{srs}"' if srs else ""
    return (
        f'<Objecten:Pand><Objecten:identificatie domein="NL.IMBAG.Pand">{identificatie}</Objecten:identificatie>'
        f'<Objecten:geometrie><gml:Polygon{srs_attr} srsDimension="3"><gml:exterior><gml:LinearRing>'
        f"<gml:posList>{square() if pos is None else pos}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
        f"</Objecten:geometrie><Objecten:oorspronkelijkBouwjaar>{bouwjaar}</Objecten:oorspronkelijkBouwjaar>"
        f"<Objecten:status>{status}</Objecten:status><Objecten:geconstateerd>N</Objecten:geconstateerd>"
        f"<Objecten:documentdatum>2020-01-01</Objecten:documentdatum>"
        f"<Objecten:documentnummer>T-1</Objecten:documentnummer>{vk or voorkomen(**kw)}</Objecten:Pand>"
    )


def woonplaats(identificatie="3056", naam="Den Helder") -> str:
    return (
        f"<Objecten:Woonplaats><Objecten:identificatie>{identificatie}</Objecten:identificatie>"
        f"<Objecten:naam>{naam}</Objecten:naam>"
        f'<Objecten:geometrie><gml:Polygon srsName="{RD}" srsDimension="2"><gml:exterior><gml:LinearRing>'
        "<gml:posList>110000 546000 118000 546000 118000 556000 110000 556000 110000 546000</gml:posList>"
        "</gml:LinearRing></gml:exterior></gml:Polygon></Objecten:geometrie>"
        f"<Objecten:status>Woonplaats aangewezen</Objecten:status><Objecten:geconstateerd>N</Objecten:geconstateerd>"
        f"<Objecten:documentdatum>2020-01-01</Objecten:documentdatum><Objecten:documentnummer>T</Objecten:documentnummer>"
        f"{voorkomen()}</Objecten:Woonplaats>"
    )


def openbare_ruimte(identificatie="0400300000000001", naam="Keizerstraat", woonplaats_id="3056") -> str:
    return (
        f"<Objecten:OpenbareRuimte><Objecten:identificatie>{identificatie}</Objecten:identificatie>"
        f"<Objecten:naam>{naam}</Objecten:naam><Objecten:type>Weg</Objecten:type>"
        "<Objecten:status>Naamgeving uitgegeven</Objecten:status><Objecten:geconstateerd>N</Objecten:geconstateerd>"
        "<Objecten:documentdatum>2020-01-01</Objecten:documentdatum><Objecten:documentnummer>T</Objecten:documentnummer>"
        f"<Objecten:ligtIn><Objecten-ref:WoonplaatsRef>{woonplaats_id}</Objecten-ref:WoonplaatsRef></Objecten:ligtIn>"
        f"{voorkomen()}</Objecten:OpenbareRuimte>"
    )


def nummeraanduiding(
    identificatie="0400200000000001", huisnummer=12, opr="0400300000000001", letter=""
) -> str:
    hl = f"<Objecten:huisletter>{letter}</Objecten:huisletter>" if letter else ""
    return (
        f"<Objecten:Nummeraanduiding><Objecten:identificatie>{identificatie}</Objecten:identificatie>"
        f"<Objecten:huisnummer>{huisnummer}</Objecten:huisnummer>{hl}<Objecten:postcode>1781AB</Objecten:postcode>"
        "<Objecten:typeAdresseerbaarObject>Verblijfsobject</Objecten:typeAdresseerbaarObject>"
        "<Objecten:status>Naamgeving uitgegeven</Objecten:status><Objecten:geconstateerd>N</Objecten:geconstateerd>"
        "<Objecten:documentdatum>2020-01-01</Objecten:documentdatum><Objecten:documentnummer>T</Objecten:documentnummer>"
        f"{voorkomen()}<Objecten:ligtAan><Objecten-ref:OpenbareRuimteRef>{opr}</Objecten-ref:OpenbareRuimteRef>"
        "</Objecten:ligtAan></Objecten:Nummeraanduiding>"
    )


def verblijfsobject(
    identificatie="0400010000000001",
    hoofdadres="0400200000000001",
    pand="0400100000000001",
    x=113005.0,
    y=553005.0,
) -> str:
    return (
        f"<Objecten:Verblijfsobject><Objecten:heeftAlsHoofdadres><Objecten-ref:NummeraanduidingRef>{hoofdadres}"
        f"</Objecten-ref:NummeraanduidingRef></Objecten:heeftAlsHoofdadres>{voorkomen()}"
        f"<Objecten:identificatie>{identificatie}</Objecten:identificatie>"
        f'<Objecten:geometrie><Objecten:punt><gml:Point srsName="{RD}" srsDimension="3">'
        f"<gml:pos>{x} {y} 0.0</gml:pos></gml:Point></Objecten:punt></Objecten:geometrie>"
        "<Objecten:gebruiksdoel>woonfunctie</Objecten:gebruiksdoel><Objecten:oppervlakte>80</Objecten:oppervlakte>"
        "<Objecten:status>Verblijfsobject in gebruik</Objecten:status><Objecten:geconstateerd>N</Objecten:geconstateerd>"
        "<Objecten:documentdatum>2020-01-01</Objecten:documentdatum><Objecten:documentnummer>T</Objecten:documentnummer>"
        f"<Objecten:maaktDeelUitVan><Objecten-ref:PandRef>{pand}</Objecten-ref:PandRef></Objecten:maaktDeelUitVan>"
        "</Objecten:Verblijfsobject>"
    )
