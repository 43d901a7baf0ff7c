"""Writing the sample as a STOP/TPOD delivery, in the shape of Geonovum's 'Gemeentestad' delivery:
manifest-ow.xml, OW files (IMOW objects), GIO GML (geo:GeoInformatieObjectVaststelling) and the
regeling text as an AKN besluit. Element order is fixed, so the output
is byte for byte the same for the same input (built in memory: the sample is a few MB)."""

import uuid
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from kern.crs import RD_NEW_URN

NS = {
    "ow-dc": "http://www.geostandaarden.nl/imow/bestanden/deelbestand",
    "sl": "http://www.geostandaarden.nl/bestanden-ow/standlevering-generiek",
    "l": "http://www.geostandaarden.nl/imow/locatie",
    "rol": "http://www.geostandaarden.nl/imow/regelsoplocatie",
    "r": "http://www.geostandaarden.nl/imow/regels",
    "ga": "http://www.geostandaarden.nl/imow/gebiedsaanwijzing",
    "xlink": "http://www.w3.org/1999/xlink",
    "geo": "https://standaarden.overheid.nl/stop/imop/geo/",
    "basisgeo": "http://www.geostandaarden.nl/basisgeometrie/1.0",
    "gml": "http://www.opengis.net/gml/3.2",
}
MANIFEST_NS = "http://www.geostandaarden.nl/bestanden-ow/manifest-ow"
AANLEVERING_NS = "https://standaarden.overheid.nl/lvbb/stop/aanlevering/"
DATA_NS = "https://standaarden.overheid.nl/stop/imop/data/"
TEKST_NS = "https://standaarden.overheid.nl/stop/imop/tekst/"
# Deterministic GIO geometry ids: uuid5 of the locatie's identificatie in this namespace.
GEOMETRIE_UUID_NS = uuid.UUID("6f1c7f3e-2f0a-4c55-9d7e-0400a0e0f001")


def q(tag: str) -> str:
    prefix, naam = tag.split(":")
    return f"{{{NS[prefix]}}}{naam}"


def sub(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(
        parent,
        q(tag) if ":" in tag else tag,
        {(q(k.replace("_", ":", 1)) if "_" in k else k): v for k, v in attrs.items()},
    )
    if text is not None:
        el.text = text
    return el


def element(tag: str, **attrs):
    return etree.Element(q(tag), attrs)


def href(parent, tag: str, ref: str):
    return sub(parent, tag, xlink_href=ref)


def geometrie_id(identificatie: str) -> str:
    return str(uuid.uuid5(GEOMETRIE_UUID_NS, identificatie)).upper()


@contextmanager
def ow_bestand(pad: Path, objecttypen: list[str]):
    """An OW file; yields a function that adds one owObject (an element built by the caller)."""
    root = etree.Element(q("ow-dc:owBestand"), nsmap=NS)
    stand_bestand = sub(root, "sl:standBestand")
    sub(stand_bestand, "sl:dataset", "Omgevingsplan Den Helder (voorbeeld)")
    inhoud = sub(stand_bestand, "sl:inhoud")
    sub(inhoud, "sl:gebied", "Den Helder")
    sub(inhoud, "sl:leveringsId", "gm0400-omgevingsplan-voorbeeld")
    typen = sub(inhoud, "sl:objectTypen")
    for t in objecttypen:
        sub(typen, "sl:objectType", t)

    def schrijf(obj):
        sub(sub(stand_bestand, "sl:stand"), "ow-dc:owObject").append(obj)

    yield schrijf
    _bewaar(root, pad)


def _bewaar(root, pad: Path):
    etree.ElementTree(root).write(str(pad), encoding="utf-8", xml_declaration=True, pretty_print=True)


def gio(pad: Path, work: str, locaties: list[tuple[str, str, list[list[str]], float | None]], norm=None):
    """A GIO: each locatie is (geometry id, naam, polygons as lists of posList rings, normwaarde)."""
    root = etree.Element(q("geo:GeoInformatieObjectVaststelling"), nsmap=NS, schemaversie="1.3.0")
    versie = sub(sub(root, "geo:vastgesteldeVersie"), "geo:GeoInformatieObjectVersie")
    sub(versie, "geo:FRBRWork", work)
    sub(versie, "geo:FRBRExpression", f"{work}/nld@2024-01-01;1")
    if norm:
        for tag, waarde in zip(
            ("geo:eenheidlabel", "geo:eenheidID", "geo:normlabel", "geo:normID"), norm, strict=True
        ):
            sub(versie, tag, waarde)
    houder = sub(versie, "geo:locaties")
    for gid, naam, polygonen, waarde in locaties:
        loc = sub(houder, "geo:Locatie")
        sub(loc, "geo:naam", naam)
        geom = sub(sub(loc, "geo:geometrie"), "basisgeo:Geometrie", gml_id=f"id-{gid}-g")
        sub(geom, "basisgeo:id", gid)
        ms = sub(sub(geom, "basisgeo:geometrie"), "gml:MultiSurface", gml_id=f"id-{gid}", srsName=RD_NEW_URN)
        for ringen in polygonen:
            poly = sub(sub(ms, "gml:surfaceMember"), "gml:Polygon")
            for n, ring in enumerate(ringen):
                grens = sub(poly, "gml:exterior" if n == 0 else "gml:interior")
                sub(sub(grens, "gml:LinearRing"), "gml:posList", ring)
        if waarde is not None:
            sub(loc, "geo:kwantitatieveNormwaarde", f"{waarde:g}")
    _bewaar(root, pad)


def manifest(pad: Path, regeling: str, bestanden: list[tuple[str, list[str]]]):
    root = etree.Element(f"{{{MANIFEST_NS}}}Aanleveringen", nsmap={None: MANIFEST_NS})
    etree.SubElement(root, f"{{{MANIFEST_NS}}}domein").text = "omgevingswet"
    aanlevering = etree.SubElement(root, f"{{{MANIFEST_NS}}}Aanlevering")
    etree.SubElement(aanlevering, f"{{{MANIFEST_NS}}}WorkIDRegeling").text = regeling
    etree.SubElement(aanlevering, f"{{{MANIFEST_NS}}}DoelID").text = "/join/id/proces/gm0400/2024/Instelling"
    for naam, typen in bestanden:
        b = etree.SubElement(aanlevering, f"{{{MANIFEST_NS}}}Bestand")
        etree.SubElement(b, f"{{{MANIFEST_NS}}}naam").text = naam
        for t in typen:
            etree.SubElement(b, f"{{{MANIFEST_NS}}}objecttype").text = t
    _bewaar(root, pad)


def akn(pad: Path, regeling: str, expressie: str, titel: str, geldig_vanaf: str, artikelen: dict):
    """The besluit with the regeling text: one Artikel per wId (Kop + Inhoud/Al)."""
    a, d, t = AANLEVERING_NS, DATA_NS, TEKST_NS
    root = etree.Element(f"{{{a}}}AanleveringBesluit", nsmap={None: a}, schemaversie="1.2.0")
    besluit = etree.SubElement(root, f"{{{a}}}BesluitVersie")
    ci = etree.SubElement(besluit, f"{{{d}}}ConsolidatieInformatie", nsmap={None: d})
    ts = etree.SubElement(etree.SubElement(ci, f"{{{d}}}Tijdstempels"), f"{{{d}}}Tijdstempel")
    etree.SubElement(ts, f"{{{d}}}doel").text = "/join/id/proces/gm0400/2024/Instelling"
    etree.SubElement(ts, f"{{{d}}}soortTijdstempel").text = "juridischWerkendVanaf"
    etree.SubElement(ts, f"{{{d}}}datum").text = geldig_vanaf
    lichaam = etree.SubElement(
        etree.SubElement(
            etree.SubElement(besluit, f"{{{t}}}BesluitCompact", nsmap={None: t}), f"{{{t}}}RegelingCompact"
        ),
        f"{{{t}}}Lichaam",
    )
    for wid, (nummer, opschrift, alineas) in artikelen.items():
        art = etree.SubElement(lichaam, f"{{{t}}}Artikel", eId=wid.split("__", 1)[1], wId=wid)
        kop = etree.SubElement(art, f"{{{t}}}Kop")
        etree.SubElement(kop, f"{{{t}}}Label").text = "Artikel"
        etree.SubElement(kop, f"{{{t}}}Nummer").text = nummer
        etree.SubElement(kop, f"{{{t}}}Opschrift").text = opschrift
        inhoud = etree.SubElement(art, f"{{{t}}}Inhoud")
        for al in alineas:
            etree.SubElement(inhoud, f"{{{t}}}Al").text = al
    info = etree.SubElement(root, f"{{{a}}}RegelingVersieInformatie")
    ei = etree.SubElement(info, f"{{{d}}}ExpressionIdentificatie", nsmap={None: d})
    etree.SubElement(ei, f"{{{d}}}FRBRWork").text = regeling
    etree.SubElement(ei, f"{{{d}}}FRBRExpression").text = expressie
    meta = etree.SubElement(info, f"{{{d}}}RegelingMetadata", nsmap={None: d})
    etree.SubElement(meta, f"{{{d}}}eindverantwoordelijke").text = "/tooi/id/gemeente/gm0400"
    etree.SubElement(meta, f"{{{d}}}officieleTitel").text = titel
    _bewaar(root, pad)
