"""GML to WKT: the short way for plain points and polygons reads exactly what the general reader reads."""

import pytest
from lxml import etree

from kern.importing.gml import GeometryError, _Reader, geometry_wkt

GML = 'xmlns:gml="http://www.opengis.net/gml/3.2"'
RD = 'srsName="urn:ogc:def:crs:EPSG::28992"'
SQUARE = "113000 553000 0 113010 553000 0 113010 553010 0 113000 553010 0 113000 553000 0"
HOLE = "113002 553002 113004 553002 113004 553004 113002 553002"


def ring(tag: str, pos: str, dim: str = "") -> str:
    attr = f' srsDimension="{dim}"' if dim else ""
    return f"<gml:{tag}><gml:LinearRing><gml:posList{attr}>{pos}</gml:posList></gml:LinearRing></gml:{tag}>"


def polygon(rings: str, dim: str = "") -> str:
    attr = f' srsDimension="{dim}"' if dim else ""
    return f"<gml:Polygon {GML} {RD}{attr}>{rings}</gml:Polygon>"


def point(pos: str, dim: str = "") -> str:
    attr = f' srsDimension="{dim}"' if dim else ""
    return f"<gml:Point {GML} {RD}{attr}><gml:pos>{pos}</gml:pos></gml:Point>"


CASES = [
    point("113000.5 553000.25 0.0", "3"),
    point("113000 553000"),
    point("113000 553000 0 1"),
    point("113000 553000 0 113001 553001 0", "3"),
    point("113000 553000", "x"),
    point("113000 nan"),
    polygon(ring("exterior", SQUARE), "3"),
    polygon(ring("exterior", SQUARE) + ring("interior", HOLE, "2"), "3"),
    polygon(ring("exterior", SQUARE, "3")),
    polygon(ring("exterior", "113000 553000 113010 553000 113010 553010 113000 553000.000")),
    polygon(ring("exterior", "113000 553000 0 113010 553000 0 113000 553000 0"), "3"),
    polygon(ring("exterior", SQUARE.replace("553010 0 113000", "553010 0 1e500")), "3"),
    polygon(ring("interior", HOLE) + ring("exterior", SQUARE, "3")),
    polygon("<!-- note -->" + ring("exterior", SQUARE), "3"),
    f"<gml:Polygon {GML} {RD}/>",
]


def _read(reader) -> str:
    try:
        return reader()
    except GeometryError as exc:
        return f"{exc.code}: {exc}"


@pytest.mark.parametrize("xml", CASES)
def test_the_short_way_reads_what_the_general_reader_reads(xml):
    el = etree.fromstring(xml)
    assert _read(lambda: geometry_wkt(el)) == _read(lambda: _Reader(el, None).wkt(el))
