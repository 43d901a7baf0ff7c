"""BGT (IMGeo 2.1.1 CityGML) writer, shaped like a PDOK download: bgt_0400.zip with one file per type.

Element names, order, namespaces, codeSpaces and the placement of srsName/srsDimension follow the PDOK
files: srsName on a top-level Polygon/LineString/Curve, never on MultiSurface; srsDimension on posList.
History follows the PDOK pattern too: an older version of a living object has eindRegistratie but no
terminationDate, and every record of an ended object has both.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from . import names as N
from .bgt_features import Feature
from .streets import Segs
from .util import TextSink, ts_s, zip_info

DEF = N.IMGEO_DEF
FILES = [
    "pand",
    "wegdeel",
    "ondersteunendwegdeel",
    "waterdeel",
    "begroeidterreindeel",
    "onbegroeidterreindeel",
    "scheiding",
]


# --- writer -------------------------------------------------------------------------------------------


def _pl(pts) -> str:
    return '<gml:posList srsDimension="2">' + " ".join(f"{x:.3f} {y:.3f}" for x, y in pts) + "</gml:posList>"


def _ring(ring) -> str:
    if isinstance(ring, Segs):
        segs = "".join(
            f"<gml:LineStringSegment>{_pl(p)}</gml:LineStringSegment>"
            if k == "L"
            else f"<gml:Arc>{_pl(p)}</gml:Arc>"
            for k, p in ring
        )
        return (
            f"<gml:Ring><gml:curveMember><gml:Curve><gml:segments>{segs}</gml:segments></gml:Curve>"
            "</gml:curveMember></gml:Ring>"
        )
    return f"<gml:LinearRing>{_pl(ring)}</gml:LinearRing>"


def _rings(p) -> str:
    return f"<gml:exterior>{_ring(p['ext'])}</gml:exterior>" + "".join(
        f"<gml:interior>{_ring(h)}</gml:interior>" for h in p["holes"]
    )


GML_NS = 'xmlns:gml="http://www.opengis.net/gml"'
SRS = f'srsName="{N.CRS_URN}"'


def _polygon(p) -> str:
    return f"<gml:Polygon {GML_NS} {SRS}>{_rings(p)}</gml:Polygon>"


def _multisurface(parts) -> str:
    members = "".join(
        f"<gml:surfaceMember><gml:Polygon>{_rings(p)}</gml:Polygon></gml:surfaceMember>" for p in parts
    )
    return f"<gml:MultiSurface {GML_NS}>{members}</gml:MultiSurface>"


def _line(geom) -> str:
    kind, g = geom
    if kind == "line":
        return f"<gml:LineString {GML_NS} {SRS}>{_pl(g)}</gml:LineString>"
    segs = "".join(
        f"<gml:Arc>{_pl(p)}</gml:Arc>"
        if k == "A"
        else f"<gml:LineStringSegment>{_pl(p)}</gml:LineStringSegment>"
        for k, p in g
    )
    return f"<gml:Curve {GML_NS} {SRS}><gml:segments>{segs}</gml:segments></gml:Curve>"


def _cs(tag: str, space: str, value: str | None, extra: str = "") -> str:
    if value is None:
        return (
            f'            <{tag}{extra} codeSpace="{DEF}VoidReasonValue">waardeOnbekend</{tag.split()[0]}>\n'
        )
    return f'            <{tag}{extra} codeSpace="{DEF}{space}">{value}</{tag.split()[0]}>\n'


NIL = ' xsi:nil="true" nilReason="waardeOnbekend" />\n'
OPEN = {
    "pand": ('BuildingPart xmlns="http://www.opengis.net/citygml/building/2.0"', "BuildingPart"),
    "wegdeel": ('TrafficArea xmlns="http://www.opengis.net/citygml/transportation/2.0"', "TrafficArea"),
    "ondersteunendwegdeel": (
        'AuxiliaryTrafficArea xmlns="http://www.opengis.net/citygml/transportation/2.0"',
        "AuxiliaryTrafficArea",
    ),
    "waterdeel": ("imgeo:Waterdeel", "imgeo:Waterdeel"),
    "begroeidterreindeel": ('PlantCover xmlns="http://www.opengis.net/citygml/vegetation/2.0"', "PlantCover"),
    "onbegroeidterreindeel": ("imgeo:OnbegroeidTerreindeel", "imgeo:OnbegroeidTerreindeel"),
    "scheiding": ("imgeo:Scheiding", "imgeo:Scheiding"),
}


def _body(f: Feature) -> str:
    a, ind = f.attrs, "            "
    if f.kind == "pand":
        p = a["pand"]
        return (
            f"{ind}<imgeo:identificatieBAGPND>{p.id}</imgeo:identificatieBAGPND>\n"
            f"{ind}<imgeo:geometrie2dGrondvlak>{_multisurface(f.geom)}</imgeo:geometrie2dGrondvlak>\n"
            + _labels(p)
        )
    if f.kind == "wegdeel":
        drempel = a.get("drempel")
        return (
            _cs("function", "FunctieWeg", a["function"])
            + _cs("surfaceMaterial", "FysiekVoorkomenWeg", a["mat"])
            + f"{ind}<imgeo:kruinlijnWegdeel{NIL}"
            + f"{ind}<imgeo:geometrie2dWegdeel>{_polygon(f.geom)}</imgeo:geometrie2dWegdeel>\n"
            + f"{ind}<imgeo:wegdeelOpTalud>false</imgeo:wegdeelOpTalud>\n"
            + _cs("imgeo:plus-fysiekVoorkomenWegdeel", "FysiekVoorkomenWegPlus", a.get("plus"))
            + _cs("imgeo:plus-functieWegdeel", "FunctieWegPlus", "verkeersdrempel" if drempel else None)
        )
    if f.kind == "ondersteunendwegdeel":
        return (
            _cs("function", "FunctieOndersteunendWegdeel", a["function"])
            + _cs("surfaceMaterial", "FysiekVoorkomenOndersteunendWegdeel", a["mat"])
            + f"{ind}<imgeo:geometrie2dOndersteunendWegdeel>{_polygon(f.geom)}"
            "</imgeo:geometrie2dOndersteunendWegdeel>\n"
            + f"{ind}<imgeo:ondersteunendWegdeelOpTalud>false</imgeo:ondersteunendWegdeelOpTalud>\n"
            + _cs("imgeo:plus-functieOndersteunendWegdeel", "", None)
            + _cs(
                "imgeo:plus-fysiekVoorkomenOndersteunendWegdeel",
                "FysiekVoorkomenOndersteunendWegdeelPlus",
                a.get("plus"),
            )
            + f"{ind}<imgeo:kruinlijnOndersteunendWegdeel{NIL}"
        )
    if f.kind == "waterdeel":
        return (
            _cs("class", "TypeWater", a["class"], ' xmlns="http://www.opengis.net/citygml/waterbody/2.0"')
            + _cs("imgeo:plus-type", "TypeWaterPlus", a.get("plus"))
            + f"{ind}<imgeo:geometrie2dWaterdeel>{_polygon(f.geom)}</imgeo:geometrie2dWaterdeel>\n"
        )
    if f.kind == "begroeidterreindeel":
        return (
            _cs("class", "FysiekVoorkomenBegroeidTerrein", a["class"])
            + f"{ind}<imgeo:geometrie2dBegroeidTerreindeel>{_polygon(f.geom)}"
            "</imgeo:geometrie2dBegroeidTerreindeel>\n"
            + f"{ind}<imgeo:begroeidTerreindeelOpTalud>false</imgeo:begroeidTerreindeelOpTalud>\n"
            + f"{ind}<imgeo:kruinlijnBegroeidTerreindeel{NIL}"
            + _cs("imgeo:plus-fysiekVoorkomen", "FysiekVoorkomenBegroeidTerreinPlus", a.get("plus"))
        )
    if f.kind == "onbegroeidterreindeel":
        return (
            _cs("imgeo:bgt-fysiekVoorkomen", "FysiekVoorkomenOnbegroeidTerrein", a["fysiek"])
            + f"{ind}<imgeo:onbegroeidTerreindeelOpTalud>false</imgeo:onbegroeidTerreindeelOpTalud>\n"
            + _cs("imgeo:plus-fysiekVoorkomen", "FysiekVoorkomenOnbegroeidTerreinPlus", a.get("plus"))
            + f"{ind}<imgeo:kruinlijnOnbegroeidTerreindeel{NIL}"
            + f"{ind}<imgeo:geometrie2dOnbegroeidTerreindeel>{_polygon(f.geom)}"
            "</imgeo:geometrie2dOnbegroeidTerreindeel>\n"
        )
    geom = _polygon(f.geom) if isinstance(f.geom, dict) else _line(f.geom)
    return (
        f"{ind}<imgeo:geometrie2dOverigeConstructie>{geom}</imgeo:geometrie2dOverigeConstructie>\n"
        + _cs("imgeo:bgt-type", "TypeScheiding", a["type"])
        + _cs("imgeo:plus-type", "TypeScheidingPlus", a.get("plus"))
    )


def _labels(p) -> str:
    """nummeraanduidingreeks: the huisnummer label of a pand, linked to its lowest/highest VBO."""
    vbos = [v for v in p.vbos if v.hoofd.opr is p.slots[0].opr] if p.slots else []
    if not vbos:
        return ""
    key = sorted(vbos, key=lambda v: (v.hoofd.huisnummer, v.hoofd.letter, v.hoofd.toev))
    lo, hi = key[0], key[-1]

    def txt(v):
        return f"{v.hoofd.huisnummer}{v.hoofd.letter.upper()}"

    text = txt(lo) if txt(lo) == txt(hi) else f"{txt(lo)}-{txt(hi)}"
    x0, y0, x1, y1, side = p.main_rect
    hoek = "0" if side in "SN" else "90"
    s = "            "
    high = (
        f"{s}        <imgeo:identificatieBAGVBOHoogsteHuisnummer>{hi.id}"
        "</imgeo:identificatieBAGVBOHoogsteHuisnummer>\n"
        if hi is not lo
        else ""
    )
    return (
        f"{s}<imgeo:nummeraanduidingreeks>\n{s}    <imgeo:Nummeraanduidingreeks>\n"
        f"{s}        <imgeo:nummeraanduidingreeks>\n{s}            <imgeo:Label>\n"
        f"{s}                <imgeo:tekst>{text}</imgeo:tekst>\n{s}                <imgeo:positie>\n"
        f"{s}                    <imgeo:Labelpositie>\n"
        f"{s}                        <imgeo:plaatsingspunt><gml:Point {GML_NS}>\n"
        f"              <gml:pos>{(x0 + x1) / 2:.3f} {(y0 + y1) / 2:.3f}</gml:pos>\n"
        f"            </gml:Point></imgeo:plaatsingspunt>\n"
        f"{s}                        <imgeo:hoek>{hoek}</imgeo:hoek>\n"
        f"{s}                    </imgeo:Labelpositie>\n"
        f"{s}                </imgeo:positie>\n{s}            </imgeo:Label>\n"
        f"{s}        </imgeo:nummeraanduidingreeks>\n"
        f"{s}        <imgeo:identificatieBAGVBOLaagsteHuisnummer>{lo.id}"
        "</imgeo:identificatieBAGVBOLaagsteHuisnummer>\n"
        f"{high}{s}    </imgeo:Nummeraanduidingreeks>\n{s}</imgeo:nummeraanduidingreeks>\n"
    )


def render(f: Feature) -> str:
    open_tag, close_tag = OPEN[f.kind]
    s = "            "
    out = [
        f'    <cityObjectMember>\n        <{open_tag} gml:id="{f.gml_id}">\n'
        f'                        <creationDate xmlns="http://www.opengis.net/citygml/2.0">{f.creation.isoformat()}'
        "</creationDate>\n"
    ]
    if f.termination:
        out.append(
            f'{s}<terminationDate xmlns="http://www.opengis.net/citygml/2.0">{f.termination.isoformat()}'
            "</terminationDate>\n"
        )
    out.append(
        f"{s}<imgeo:LV-publicatiedatum>{ts_s(f.lv)}</imgeo:LV-publicatiedatum>\n"
        f"{s}<imgeo:relatieveHoogteligging>0</imgeo:relatieveHoogteligging>\n"
        f"{s}<imgeo:inOnderzoek>{'true' if f.in_onderzoek else 'false'}</imgeo:inOnderzoek>\n"
    )
    if f.endreg:
        out.append(f"{s}<imgeo:eindRegistratie>{ts_s(f.endreg)}</imgeo:eindRegistratie>\n")
    status = (
        (
            f'<imgeo:bgt-status codeSpace="{DEF}VoidReasonValue">geenWaarde</imgeo:bgt-status>\n'
            f'{s}<imgeo:plus-status codeSpace="{DEF}StatusPlus">plan</imgeo:plus-status>\n'
        )
        if f.plan
        else (
            f'<imgeo:bgt-status codeSpace="{DEF}Status">bestaand</imgeo:bgt-status>\n'
            f'{s}<imgeo:plus-status codeSpace="{DEF}VoidReasonValue">geenWaarde</imgeo:plus-status>\n'
        )
    )
    out.append(
        f"{s}<imgeo:tijdstipRegistratie>{ts_s(f.reg)}.000</imgeo:tijdstipRegistratie>\n"
        f"{s}<imgeo:identificatie>\n{s}    <imgeo:NEN3610ID>\n"
        f"{s}        <imgeo:namespace>NL.IMGeo</imgeo:namespace>\n"
        f"{s}        <imgeo:lokaalID>{f.lokaal_id}</imgeo:lokaalID>\n{s}    </imgeo:NEN3610ID>\n"
        f"{s}</imgeo:identificatie>\n{s}<imgeo:bronhouder>{N.BGT_BRONHOUDER}</imgeo:bronhouder>\n"
        f"{s}{status}{_body(f)}        </{close_tag}>\n    </cityObjectMember>\n"
    )
    return "".join(out)


def write(out_dir: Path, records: list, stand: date) -> tuple:
    stamp = datetime(stand.year, stand.month, stand.day, 6, 0, 0)
    path = out_dir / f"bgt_{N.GEMEENTE_CODE}.zip"
    partial = out_dir / (path.name + ".part")
    counts = {}
    with zipfile.ZipFile(partial, "w") as zf:
        for kind in FILES:
            with zf.open(zip_info(f"bgt_{kind}.gml", stamp), "w", force_zip64=True) as stream:
                sink = TextSink(stream)
                sink.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{N.BGT_ROOT}\n')
                n = 0
                for f in records:
                    if f.kind == kind:
                        sink.write(render(f))
                        n += 1
                sink.write("</CityModel>")
                sink.flush()
            counts[f"bgt_{kind}"] = n
    partial.replace(path)
    return path, counts
