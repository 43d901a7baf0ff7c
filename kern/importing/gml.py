"""GML geometry (3.1.1 and 3.2) to WKT, for BAG, BGT and IMOW deliveries.

We parse GML ourselves instead of handing it to GDAL: GDAL 3.6 cannot be stopped from following
references in untrusted documents (Django's gis.W001), and we need exact control over what counts
as an error. Curves (gml:Arc, gml:ArcString) are written as WKT circular strings; PostGIS turns them
into line segments with ST_CurveToLine, so arcs keep their true shape until that single step.
"""

import re

from kern.crs import RD_NEW, is_rd_new

GML_NAMESPACES = ("{http://www.opengis.net/gml}", "{http://www.opengis.net/gml/3.2}")


class GeometryError(ValueError):
    """A geometry that cannot be read: the message is meant for the person who made the delivery."""

    def __init__(self, bericht: str, code: str = "geometrie_ongeldig"):
        super().__init__(bericht)
        self.code = code


# Plain ASCII decimals: Python's float() also takes '1_000', 'nan' and 'inf', which PostGIS rejects or
# which are no coordinates at all; a two-digit exponent keeps every value finite.
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,2})?")
# A whole posList at once, the same language as _NUMBER between whitespace: one regex call instead of
# one per value; possessive, since giving back characters can never make a list of numbers match.
_POSSESSIVE_NUMBER = r"[-+]?+(?>\d++(?:\.\d*+)?+|\.\d++)(?:[eE][-+]?+\d{1,2}+)?+"
_NUMBERS = re.compile(rf"\s*+{_POSSESSIVE_NUMBER}(?:\s++{_POSSESSIVE_NUMBER})*+\s*+")


def _dimension(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise GeometryError(f"srsDimension '{value}' is geen geheel getal") from None


# Tag names repeat endlessly in a delivery: a dict lookup beats splitting each one again (and
# etree.QName costs more than the rest of a small geometry together). Comments and processing
# instructions (whose tag is not a string) get the name "", which no element has. Shared by the BAG
# and BGT readers; hot loops read LOCAL_NAMES directly and fall back to local_name.
LOCAL_NAMES: dict = {}


def local_name(tag) -> str:
    name = LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(LOCAL_NAMES) < 10_000:  # bounded: a hostile file could invent endless names
            LOCAL_NAMES[tag] = name
    return name


def _children(el, name: str):
    return [c for c in el if local_name(c.tag) == name]


def _child(el, name: str):
    for c in el:
        if local_name(c.tag) == name:
            return c
    return None


def _inherited(el, attr: str, stop) -> str | None:
    """Attributes like srsName and srsDimension may sit on any ancestor up to the feature."""
    while el is not None:
        value = el.get(attr)
        if value:
            return value
        if el is stop:
            return None
        el = el.getparent()
    return None


def plain_points(text: str, values: list[str], dim) -> list[str] | None:
    """The 'x y' points of a posList or pos whose text is `text` (split into `values`) and whose
    srsDimension is `dim`, when all is plain; None for anything else or anything wrong."""
    if dim not in (2, 3, "2", "3") or not values or len(values) % int(dim) or not _NUMBERS.fullmatch(text):
        return None
    dim = int(dim)
    # Equal lengths: len(values) is a multiple of dim (strict=True costs a fifth of this line).
    return list(map(" ".join, zip(values[0::dim], values[1::dim], strict=False)))


def plain_ring(pts: list[str] | None) -> str | None:
    """A LinearRing's points as WKT '(…)', when they close and are enough; None otherwise."""
    if pts is None or len(pts) < 4 or pts[0] != pts[-1]:
        return None
    return "(" + ", ".join(pts) + ")"


def _plain_coords(el, feature) -> list[str] | None:
    """The points of an element whose one child is a gml:posList or gml:pos, as _Reader.coords gives
    them, with fewer steps (nearly every BAG and BGT geometry); None for anything else or anything
    wrong, which coords then reads (and reports)."""
    if len(el) != 1:
        return None
    child = el[0]
    name = local_name(child.tag)
    if name != "posList" and name != "pos":
        return None
    text = child.text or ""
    values = text.split()
    dim = child.get("srsDimension") or _inherited(el, "srsDimension", feature)
    return plain_points(text, values, dim or (2 if name == "posList" else len(values)))


def _plain_wkt(el, feature) -> str | None:
    """The WKT of a gml:Point, or of a gml:Polygon whose rings are gml:LinearRings, with plain
    coordinates: what _Reader.wkt writes for them, with fewer steps; None for anything else or
    anything wrong, which _Reader then reads (and reports)."""
    name = local_name(el.tag)
    if name == "Point":
        pts = _plain_coords(el, feature)
        return f"POINT({pts[0]})" if pts is not None and len(pts) == 1 else None
    if name != "Polygon":
        return None
    rings = []
    for i, boundary in enumerate(el):
        if local_name(boundary.tag) != ("exterior" if i == 0 else "interior") or len(boundary) != 1:
            return None
        ring = boundary[0]
        ring = plain_ring(_plain_coords(ring, feature)) if local_name(ring.tag) == "LinearRing" else None
        if ring is None:
            return None
        rings.append(ring)
    return "POLYGON(" + ", ".join(rings) + ")" if rings else None


class _Reader:
    def __init__(self, root, feature):
        self.root = root
        self.feature = feature

    def coords(self, el) -> list[str]:
        """Coordinates as 'x y' strings, dropping any z (the portal is 2D; BAG delivers z = 0.0)."""
        plain = _plain_coords(el, self.feature)
        if plain is not None:
            return plain
        pos_list, positions = None, []
        for child in el:
            name = local_name(child.tag)
            if name == "posList":
                pos_list = child if pos_list is None else pos_list
            elif name == "pos":
                positions.append(child)
        if pos_list is not None:
            text = pos_list.text or ""
            values = text.split()
            dim = _dimension(
                pos_list.get("srsDimension") or _inherited(el, "srsDimension", self.feature) or 2
            )
        else:
            if not positions:
                raise GeometryError(f"{local_name(el.tag)} zonder coördinaten (posList of pos)")
            text = " ".join(p.text or "" for p in positions)
            values = text.split()
            dim = _dimension(
                positions[0].get("srsDimension")
                or _inherited(el, "srsDimension", self.feature)
                or len((positions[0].text or "").split())
            )
        if dim not in (2, 3) or not values or len(values) % dim:
            raise GeometryError(f"{len(values)} coördinaatwaarden passen niet bij srsDimension {dim}")
        if not _NUMBERS.fullmatch(text):
            bad = next((v for v in values if not _NUMBER.fullmatch(v)), None)
            if bad is not None:
                raise GeometryError(f"coördinaat '{bad[:30]}' is geen getal")
        # The delivered digits go into the WKT unchanged: checked above, never reformatted.
        return list(map(" ".join, zip(values[0::dim], values[1::dim], strict=False)))

    # Curves -------------------------------------------------------------------------------------
    def curve_parts(self, el) -> tuple[list[tuple[str, list[str]]], bool]:
        """A curve as (kind, points) parts, kind 'line' or 'arc'; and whether any part is an arc."""
        name = local_name(el.tag)
        if name in ("LineString", "LinearRing", "LineStringSegment"):
            return [("line", self.coords(el))], False
        if name in ("Arc", "ArcString", "Circle"):
            pts = self.coords(el)
            if len(pts) < 3 or len(pts) % 2 == 0:
                raise GeometryError(f"gml:{name} heeft {len(pts)} punten; een boog heeft er 3, 5, 7, …")
            if name == "Circle":
                raise GeometryError("gml:Circle wordt niet ondersteund")
            return [("arc", pts)], True
        if name == "Curve":
            segments = _child(el, "segments")
            if segments is None or len(segments) == 0:
                raise GeometryError("gml:Curve zonder segments")
            parts, curved = [], False
            for seg in segments:
                p, c = self.curve_parts(seg)
                parts.extend(p)
                curved |= c
            return parts, curved
        if name == "Ring":
            parts, curved = [], False
            for member in _children(el, "curveMember"):
                if len(member) != 1:
                    raise GeometryError("gml:curveMember zonder curve")
                p, c = self.curve_parts(member[0])
                parts.extend(p)
                curved |= c
            if not parts:
                raise GeometryError("gml:Ring zonder curveMember")
            return parts, curved
        if name == "OrientableCurve":
            base = _child(el, "baseCurve")
            if base is None or len(base) != 1:
                raise GeometryError("gml:OrientableCurve zonder baseCurve")
            parts, curved = self.curve_parts(base[0])
            if el.get("orientation") == "-":
                parts = [(kind, list(reversed(pts))) for kind, pts in reversed(parts)]
            return parts, curved
        raise GeometryError(f"onbekend lijnelement gml:{name}")

    @staticmethod
    def curve_wkt(parts, curved: bool) -> str:
        if not curved:
            points = []
            for _, pts in parts:
                points.extend(pts if not points else pts[1:] if points[-1] == pts[0] else pts)
            return "(" + ", ".join(points) + ")"
        pieces = []
        for kind, pts in parts:
            body = "(" + ", ".join(pts) + ")"
            pieces.append(("CIRCULARSTRING" + body) if kind == "arc" else body)
        return "COMPOUNDCURVE(" + ", ".join(pieces) + ")"

    def ring(self, boundary) -> tuple[str, bool]:
        if boundary is None or len(boundary) != 1:
            raise GeometryError("vlak zonder geldige buitengrens of binnengrens")
        parts, curved = self.curve_parts(boundary[0])
        first, last = parts[0][1][0], parts[-1][1][-1]
        # Compared as numbers: '113000 553000' and '113000.000 553000.000' are the same point.
        if first != last and [float(v) for v in first.split()] != [float(v) for v in last.split()]:
            raise GeometryError("ring is niet gesloten (eerste en laatste punt verschillen)")
        n = sum(len(pts) for _, pts in parts) - (len(parts) - 1)
        if n < 4:
            raise GeometryError(f"ring heeft {n} punten; minimaal 4 nodig")
        return self.curve_wkt(parts, curved), curved

    # Surfaces -----------------------------------------------------------------------------------
    def polygon(self, el) -> tuple[str, bool]:
        """A Polygon or PolygonPatch: '(ring, ring…)' text and whether it has arcs."""
        # One pass over the children: a gml:exterior before any outerBoundaryIs (GML 2), then the
        # gml:interior and after them any innerBoundaryIs.
        boundaries: dict[str, list] = {
            "exterior": [],
            "outerBoundaryIs": [],
            "interior": [],
            "innerBoundaryIs": [],
        }
        for child in el:
            found = boundaries.get(local_name(child.tag))
            if found is not None:
                found.append(child)
        exterior = (boundaries["exterior"] or boundaries["outerBoundaryIs"] or [None])[0]
        rings, curved = [], False
        r, c = self.ring(exterior)
        rings.append(r)
        curved |= c
        for interior in boundaries["interior"] + boundaries["innerBoundaryIs"]:
            r, c = self.ring(interior)
            rings.append(r)
            curved |= c
        return "(" + ", ".join(rings) + ")", curved

    def surfaces(self, el) -> list[tuple[str, bool]]:
        name = local_name(el.tag)
        if name in ("Polygon", "PolygonPatch"):
            return [self.polygon(el)]
        if name == "Surface":
            patches = _child(el, "patches")
            if patches is None or len(patches) == 0:
                raise GeometryError("gml:Surface zonder patches")
            return [s for patch in patches for s in self.surfaces(patch)]
        if name in ("MultiSurface", "MultiPolygon", "CompositeSurface", "Shell"):
            result = []
            for member in el:
                member_name = local_name(member.tag)
                if member_name in ("surfaceMember", "polygonMember"):
                    if len(member) != 1:
                        raise GeometryError(f"gml:{member_name} zonder vlak")
                    result.extend(self.surfaces(member[0]))
                elif member_name in ("surfaceMembers", "polygonMembers"):
                    for s in member:
                        result.extend(self.surfaces(s))
            if not result:
                raise GeometryError(f"gml:{name} zonder vlakken")
            return result
        raise GeometryError(f"onbekend vlakelement gml:{name}")

    def wkt(self, el) -> str:
        name = local_name(el.tag)
        if name == "Point":
            pts = self.coords(el)
            if len(pts) != 1:
                raise GeometryError("gml:Point moet precies één punt hebben")
            return f"POINT({pts[0]})"
        if name == "MultiPoint":
            pts = [self.coords(p[0])[0] for p in el if local_name(p.tag) == "pointMember" and len(p) == 1]
            if not pts:
                raise GeometryError("gml:MultiPoint zonder punten")
            return "MULTIPOINT(" + ", ".join(f"({p})" for p in pts) + ")"
        if name in ("LineString", "Curve", "OrientableCurve"):
            parts, curved = self.curve_parts(el)
            text = self.curve_wkt(parts, curved)
            return text if curved else "LINESTRING" + text
        if name in ("MultiCurve", "MultiLineString", "CompositeCurve"):
            lines = []
            for member in el:
                if local_name(member.tag) in ("curveMember", "lineStringMember") and len(member) == 1:
                    parts, curved = self.curve_parts(member[0])
                    lines.append((self.curve_wkt(parts, curved), curved))
            if not lines:
                raise GeometryError(f"gml:{name} zonder lijnen")
            if any(c for _, c in lines):
                return "MULTICURVE(" + ", ".join(t if c else t for t, c in lines) + ")"
            return "MULTILINESTRING(" + ", ".join(t for t, _ in lines) + ")"
        surfaces = self.surfaces(el)
        if len(surfaces) == 1 and name in ("Polygon", "PolygonPatch", "Surface"):
            text, curved = surfaces[0]
            return ("CURVEPOLYGON" if curved else "POLYGON") + text
        if any(c for _, c in surfaces):
            return "MULTISURFACE(" + ", ".join(("CURVEPOLYGON" + t) if c else t for t, c in surfaces) + ")"
        return "MULTIPOLYGON(" + ", ".join(t for t, _ in surfaces) + ")"


def geometry_wkt(el, feature=None, default_srs: str | None = None) -> str:
    """WKT (possibly with curves) of one GML geometry element, which must be in RD New.

    `feature` bounds the search for an inherited srsName/srsDimension. `default_srs` is only for
    formats whose specification fixes the CRS and whose real deliveries omit srsName somewhere.
    """
    srs = _inherited(el, "srsName", feature) or default_srs
    if not srs:
        raise GeometryError(f"geometrie zonder srsName; verwacht RD New (EPSG:{RD_NEW})", "srs_onjuist")
    if not is_rd_new(srs):
        raise GeometryError(f"geometrie in {srs}; verwacht RD New (EPSG:{RD_NEW})", "srs_onjuist")
    return _plain_wkt(el, feature) or _Reader(el, feature).wkt(el)


def first_geometry(container):
    """The GML geometry element inside a property element such as Objecten:geometrie."""
    for el in container.iter():
        if el is container or not isinstance(el.tag, str):
            continue
        if el.tag.startswith(GML_NAMESPACES):
            return el
    return None
