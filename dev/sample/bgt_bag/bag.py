"""LV BAG 2.0 extract writer, shaped like a Kadaster gemeente extract (BAGGEM0400L-DDMMYYYY.zip).

The text layout copies the Kadaster files byte for byte in style: each sl:stand on one line, GML
geometry pretty-printed with two-space indentation, coordinates in Java Double.toString form, a new
file every 10 000 stand records even when that splits the voorkomens of one object (as Kadaster does).
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from . import names as N
from .util import TextSink, amsterdam_epoch, ts_ms, zip_add_file, zip_info

RECORDS_PER_FILE = 10_000
CRS = N.CRS_URN


def _c(v: float) -> str:
    # Kadaster prints coordinates like Java's Double.toString: 113250.5, 553000.0
    return repr(round(v, 3) + 0.0)


def _poslist(ring, dim: int) -> str:
    z = " 0.0" if dim == 3 else ""
    return " ".join(f"{_c(x)} {_c(y)}{z}" for x, y in ring)


def _polygon(gid: str, ext, holes, dim: int) -> str:
    out = [f'<gml:Polygon srsName="{CRS}" srsDimension="{dim}" gml:id="{gid}">\n']
    for tag, ring in [("exterior", ext)] + [("interior", h) for h in holes]:
        out.append(
            f'  <gml:{tag}>\n    <gml:LinearRing>\n      <gml:posList count="{len(ring)}">'
            f"{_poslist(ring, dim)}</gml:posList>\n    </gml:LinearRing>\n  </gml:{tag}>\n"
        )
    out.append("</gml:Polygon>")
    return "".join(out)


def _point(gid: str, pt) -> str:
    return (
        f'<gml:Point srsName="{CRS}" srsDimension="3" gml:id="{gid}">\n'
        f"  <gml:pos>{_c(pt[0])} {_c(pt[1])} 0.0</gml:pos>\n</gml:Point>"
    )


def _voorkomen(v) -> str:
    out = [
        "<Objecten:voorkomen><Historie:Voorkomen>",
        f"<Historie:voorkomenidentificatie>{v.nr}</Historie:voorkomenidentificatie>",
        f"<Historie:beginGeldigheid>{v.begin.isoformat()}</Historie:beginGeldigheid>",
    ]
    if v.end:
        out.append(f"<Historie:eindGeldigheid>{v.end.isoformat()}</Historie:eindGeldigheid>")
    out.append(
        f"<Historie:tijdstipRegistratie>{ts_ms(v.reg.replace(microsecond=0))}</Historie:tijdstipRegistratie>"
    )
    if v.endreg:
        out.append(
            f"<Historie:eindRegistratie>{ts_ms(v.endreg.replace(microsecond=0))}</Historie:eindRegistratie>"
        )
    out.append(
        f"<Historie:BeschikbaarLV><Historie:tijdstipRegistratieLV>{ts_ms(v.reg_lv)}"
        "</Historie:tijdstipRegistratieLV>"
    )
    if v.endreg_lv:
        out.append(
            f"<Historie:tijdstipEindRegistratieLV>{ts_ms(v.endreg_lv)}</Historie:tijdstipEindRegistratieLV>"
        )
    out.append("</Historie:BeschikbaarLV></Historie:Voorkomen></Objecten:voorkomen>")
    return "".join(out)


def _doc(v, geconstateerd: str = "N") -> str:
    return (
        f"<Objecten:geconstateerd>{geconstateerd}</Objecten:geconstateerd>"
        f"<Objecten:documentdatum>{v.doc_date.isoformat()}</Objecten:documentdatum>"
        f"<Objecten:documentnummer>{escape(v.doc_nr)}</Objecten:documentnummer>"
    )


def _ref(tag: str, kind: str, domein: str, ids) -> str:
    inner = "".join(
        f'<Objecten-ref:{kind}Ref domein="NL.IMBAG.{domein}">{i}</Objecten-ref:{kind}Ref>' for i in ids
    )
    return f"<Objecten:{tag}>{inner}</Objecten:{tag}>"


def _gid(prefix: str, ident: str, v) -> str:
    return f"{prefix}_{ident}_{v.nr}_{amsterdam_epoch(v.reg_lv.replace(microsecond=0))}"


def render_wpl(wpl, v) -> str:
    geom = _polygon(_gid("WPL", wpl.id, v), wpl.ring, [], 2)
    return (
        f'<Objecten:Woonplaats><Objecten:identificatie domein="NL.IMBAG.Woonplaats">{wpl.id}'
        f"</Objecten:identificatie><Objecten:naam>{escape(wpl.naam)}</Objecten:naam>"
        f"<Objecten:geometrie><Objecten:vlak>{geom}</Objecten:vlak></Objecten:geometrie>"
        f"<Objecten:status>Woonplaats aangewezen</Objecten:status>{_doc(v)}{_voorkomen(v)}"
        "</Objecten:Woonplaats>"
    )


def render_opr(o, v) -> str:
    naam = v.attrs.get("naam", o.naam)
    return (
        f'<Objecten:OpenbareRuimte><Objecten:identificatie domein="NL.IMBAG.Openbareruimte">{o.id}'
        f"</Objecten:identificatie><Objecten:naam>{escape(naam)}</Objecten:naam>"
        f"<Objecten:type>{o.type}</Objecten:type>"
        f"<Objecten:status>{v.attrs.get('status', o.status)}</Objecten:status>{_doc(v)}"
        f"{_ref('ligtIn', 'Woonplaats', 'Woonplaats', [N.WOONPLAATS_CODE])}{_voorkomen(v)}"
        "</Objecten:OpenbareRuimte>"
    )


def render_num(n, v) -> str:
    out = [
        f'<Objecten:Nummeraanduiding><Objecten:identificatie domein="NL.IMBAG.Nummeraanduiding">{n.id}'
        f"</Objecten:identificatie><Objecten:huisnummer>{n.huisnummer}</Objecten:huisnummer>"
    ]
    if n.letter:
        out.append(f"<Objecten:huisletter>{n.letter}</Objecten:huisletter>")
    if n.toev:
        out.append(f"<Objecten:huisnummertoevoeging>{n.toev}</Objecten:huisnummertoevoeging>")
    out.append(
        f"<Objecten:postcode>{v.attrs.get('postcode', n.postcode)}</Objecten:postcode>"
        f"<Objecten:typeAdresseerbaarObject>{n.type}</Objecten:typeAdresseerbaarObject>"
        f"<Objecten:status>{v.attrs.get('status', n.status)}</Objecten:status>{_doc(v)}{_voorkomen(v)}"
        f"{_ref('ligtAan', 'OpenbareRuimte', 'Openbareruimte', [n.opr.id])}</Objecten:Nummeraanduiding>"
    )
    return "".join(out)


def render_pnd(p, v) -> str:
    geom = _polygon(_gid("PND", p.id, v), p.ring, p.holes, 3)
    return (
        f'<Objecten:Pand><Objecten:identificatie domein="NL.IMBAG.Pand">{p.id}</Objecten:identificatie>'
        f"<Objecten:geometrie>{geom}</Objecten:geometrie>"
        f"<Objecten:oorspronkelijkBouwjaar>{v.attrs.get('bouwjaar', p.bouwjaar)}"
        "</Objecten:oorspronkelijkBouwjaar>"
        f"<Objecten:status>{v.attrs.get('status', p.status)}</Objecten:status>"
        f"{_doc(v, 'J' if p.geconstateerd else 'N')}{_voorkomen(v)}</Objecten:Pand>"
    )


def _adressen(obj) -> tuple:
    hoofd = _ref("heeftAlsHoofdadres", "Nummeraanduiding", "Nummeraanduiding", [obj.hoofd.id])
    neven = (
        _ref("heeftAlsNevenadres", "Nummeraanduiding", "Nummeraanduiding", [n.id for n in obj.neven])
        if obj.neven
        else ""
    )
    return hoofd, neven


def render_vbo(o, v) -> str:
    hoofd, neven = _adressen(o)
    doelen = "".join(
        f"<Objecten:gebruiksdoel>{d}</Objecten:gebruiksdoel>" for d in v.attrs.get("doelen", o.doelen)
    )
    return (
        f"<Objecten:Verblijfsobject>{hoofd}{_voorkomen(v)}{neven}"
        f'<Objecten:identificatie domein="NL.IMBAG.Verblijfsobject">{o.id}</Objecten:identificatie>'
        f"<Objecten:geometrie><Objecten:punt>{_point(_gid('VBO', o.id, v), o.point)}</Objecten:punt>"
        f"</Objecten:geometrie>{doelen}"
        f"<Objecten:oppervlakte>{v.attrs.get('opp', o.opp)}</Objecten:oppervlakte>"
        f"<Objecten:status>{v.attrs.get('status', o.status)}</Objecten:status>{_doc(v)}"
        f"{_ref('maaktDeelUitVan', 'Pand', 'Pand', [o.pand.id])}</Objecten:Verblijfsobject>"
    )


def render_plaats(o, v) -> str:
    tag = "Ligplaats" if o.kind == "LIG" else "Standplaats"
    hoofd, neven = _adressen(o)
    return (
        f"<Objecten:{tag}>{hoofd}{_voorkomen(v)}{neven}"
        f'<Objecten:identificatie domein="NL.IMBAG.{tag}">{o.id}</Objecten:identificatie>'
        f"<Objecten:status>{v.attrs.get('status', o.status)}</Objecten:status>"
        f"<Objecten:geometrie>{_polygon(_gid(o.kind, o.id, v), o.ring, [], 2)}</Objecten:geometrie>"
        f"{_doc(v)}</Objecten:{tag}>"
    )


def _header(kind: str, stand: date) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sl-bag-extract:bagStand {N.BAG_ROOT_ATTRS}>\n'
        "  <sl-bag-extract:bagInfo>\n    <selecties-extract:Gebied-Registratief>\n"
        "      <selecties-extract:Gebied-GEM>\n        <selecties-extract:GemeenteCollectie>\n"
        "          <selecties-extract:Gemeente>\n"
        f"            <selecties-extract:GemeenteIdentificatie>{N.GEMEENTE_CODE}"
        "</selecties-extract:GemeenteIdentificatie>\n"
        "          </selecties-extract:Gemeente>\n        </selecties-extract:GemeenteCollectie>\n"
        "      </selecties-extract:Gebied-GEM>\n    </selecties-extract:Gebied-Registratief>\n"
        "    <selecties-extract:LVC-Extract>\n"
        f"      <selecties-extract:StandTechnischeDatum>{stand.isoformat()}"
        "</selecties-extract:StandTechnischeDatum>\n"
        "    </selecties-extract:LVC-Extract>\n  </sl-bag-extract:bagInfo>\n  <sl:standBestand>\n"
        "    <sl:dataset>LVBAG</sl:dataset>\n    <sl:inhoud>\n      <sl:gebied>GEMEENTE</sl:gebied>\n"
        "      <sl:leveringsId>0000000001</sl:leveringsId>\n      <sl:objectTypen>\n"
        f"        <sl:objectType>{kind}</sl:objectType>\n      </sl:objectTypen>\n    </sl:inhoud>"
    )


FOOTER = "\n  </sl:standBestand>\n</sl-bag-extract:bagStand>"


def _write_type(tmp: Path, kind: str, records, stand: date, stamp: datetime) -> Path:
    """Nested zip 0400PNDddmmyyyy.zip with -000001.xml, -000002.xml ... of 10 000 records each."""
    tag = f"{N.GEMEENTE_CODE}{kind}{stand.strftime('%d%m%Y')}"
    path = tmp / f"{tag}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        part, n, stream, sink = 0, 0, None, None
        for text in records:
            if sink is None or n == RECORDS_PER_FILE:
                if sink:
                    sink.write(FOOTER)
                    sink.flush()
                    stream.close()
                part, n = part + 1, 0
                stream = zf.open(zip_info(f"{tag}-{part:06d}.xml", stamp), "w", force_zip64=True)
                sink = TextSink(stream)
                sink.write(_header(kind, stand))
            sink.write(f"<sl:stand><sl-bag-extract:bagObject>{text}</sl-bag-extract:bagObject></sl:stand>")
            n += 1
        if sink is None:  # an empty type still gets one file, as in real extracts
            stream = zf.open(zip_info(f"{tag}-000001.xml", stamp), "w")
            sink = TextSink(stream)
            sink.write(_header(kind, stand))
        sink.write(FOOTER)
        sink.flush()
        stream.close()
    return path


def _records(objs, render):
    for o in sorted(objs, key=lambda t: t.id):
        for v in o.versions:
            yield render(o, v)


def leveringsdocument(stand: date) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xb:BAG-Extract-Levering xsi:schemaLocation="http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-levering/v20200601 http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-levering/v20200601/BagvsExtractLeveringsdocument-2.1.0.xsd" xmlns:xb="http://www.kadaster.nl/schemas/lvbag/extract-levering/v20200601" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601">
    <xb:SelectieGegevens>
        <selecties-extract:LVC-Extract>
            <selecties-extract:StandTechnischeDatum>{stand.isoformat()}</selecties-extract:StandTechnischeDatum>
        </selecties-extract:LVC-Extract>
        <selecties-extract:Gebied-Registratief>
            <selecties-extract:Gebied-GEM>
                <selecties-extract:GemeenteCollectie>
                    <selecties-extract:Gemeente>
                        <selecties-extract:GemeenteIdentificatie>{N.GEMEENTE_CODE}</selecties-extract:GemeenteIdentificatie>
                        <selecties-extract:GemeenteNaam>{N.GEMEENTE_NAAM}</selecties-extract:GemeenteNaam>
                    </selecties-extract:Gemeente>
                </selecties-extract:GemeenteCollectie>
            </selecties-extract:Gebied-GEM>
        </selecties-extract:Gebied-Registratief>
    </xb:SelectieGegevens>
    <xb:SchemaInfo>
        <xb:naam>BagvsExtractDeelbestandExtractLvc-2.1.0.xsd</xb:naam>
        <xb:versie>20200601</xb:versie>
    </xb:SchemaInfo>
</xb:BAG-Extract-Levering>"""  # noqa: E501 - the schemaLocation line is one line in the original


def gem_wpl_relatie(stand: date, since: date) -> str:
    ns = (
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:gwr-bestand="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601" '
        'xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601" '
        'xmlns:bagtypes="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/bag-types/v20200601" '
        'xmlns:gwr-product="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-producten-lvc/v20200601" '
        'xmlns:DatatypenNEN3610="www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601" '
        'xsi:schemaLocation="http://www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601 '
        "http://www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601/"
        'BagvsGwrDeelbestandLvc-2.1.0.xsd"'
    )
    rel = (
        "<gwr-product:GemeenteWoonplaatsRelatie><gwr-product:tijdvakgeldigheid>"
        f"<bagtypes:begindatumTijdvakGeldigheid>{since.isoformat()}</bagtypes:begindatumTijdvakGeldigheid>"
        "</gwr-product:tijdvakgeldigheid><gwr-product:gerelateerdeWoonplaats><gwr-product:identificatie>"
        f"{N.WOONPLAATS_CODE}</gwr-product:identificatie></gwr-product:gerelateerdeWoonplaats>"
        f"<gwr-product:gerelateerdeGemeente><gwr-product:identificatie>{N.GEMEENTE_CODE}"
        "</gwr-product:identificatie></gwr-product:gerelateerdeGemeente>"
        "<gwr-product:status>definitief</gwr-product:status></gwr-product:GemeenteWoonplaatsRelatie>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<gwr-bestand:BAG-GWR-Deelbestand-LVC {ns}>\n'
        "  <gwr-bestand:SelectieGegevens>\n"
        f"    <selecties-extract:StandTechnischeDatum>{stand.isoformat()}"
        "</selecties-extract:StandTechnischeDatum>\n"
        "  </gwr-bestand:SelectieGegevens>\n  <gwr-bestand:Product>\n"
        f"    <gwr-product:GemeenteWoonplaatsRelatieProduct>{rel}"
        "</gwr-product:GemeenteWoonplaatsRelatieProduct>\n"
        "  </gwr-bestand:Product>\n</gwr-bestand:BAG-GWR-Deelbestand-LVC>"
    )


def write(out_dir: Path, stand: date, wpl, oprs, nums, panden, vbos, plaatsen) -> Path:
    ddmmyyyy = stand.strftime("%d%m%Y")
    stamp = datetime(stand.year, stand.month, stand.day, 6, 0, 0)
    final = out_dir / f"BAGGEM{N.GEMEENTE_CODE}L-{ddmmyyyy}.zip"
    with tempfile.TemporaryDirectory(dir=out_dir) as tmpdir:
        tmp = Path(tmpdir)
        parts = [
            ("WPL", [wpl], render_wpl),
            ("OPR", oprs, render_opr),
            ("NUM", nums, render_num),
            ("PND", panden, render_pnd),
            ("VBO", vbos, render_vbo),
            ("LIG", [p for p in plaatsen if p.kind == "LIG"], render_plaats),
            ("STA", [p for p in plaatsen if p.kind == "STA"], render_plaats),
        ]
        nested = [
            (kind, _write_type(tmp, kind, _records(objs, fn), stand, stamp)) for kind, objs, fn in parts
        ]
        gwr = tmp / f"GEM-WPL-RELATIE-{ddmmyyyy}.zip"
        with zipfile.ZipFile(gwr, "w") as zf:
            zf.writestr(
                zip_info(f"GEM-WPL-RELATIE-{ddmmyyyy}-000001.xml", stamp),
                gem_wpl_relatie(stand, date(2010, 12, 21)).encode("utf-8"),
            )
        partial = out_dir / (final.name + ".part")
        with zipfile.ZipFile(partial, "w") as zf:
            zf.writestr(
                zip_info("Leveringsdocument-BAG-Extract.xml", stamp), leveringsdocument(stand).encode()
            )
            zip_add_file(zf, gwr, gwr.name, stamp, zipfile.ZIP_STORED)
            for _, path in nested:
                zip_add_file(zf, path, path.name, stamp, zipfile.ZIP_STORED)
        partial.replace(final)
    return final
