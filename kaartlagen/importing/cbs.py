"""CBS wijken en buurten (GeoJSON as CBS and PDOK publish them) into Wijk and Buurt.

The code says what a feature is: WK + gemeente (4) + wijk (2) is a wijk, BU + gemeente + wijk +
buurt (2) a buurt; gemeentecode and a buurt's wijk follow from it. Files are small (a few MB for
the whole country), so json.load is fine; the rows still take the pipeline's way (staging COPY,
set-based merge, one transaction per file), so counts, bevindingen and idempotence work as for BAG
and BGT. Coordinates are WGS84 unless the file names another CRS in a (pre-RFC 7946) crs member;
PostGIS transforms them to RD New, after which the shared geometry checks apply.
"""

import hashlib
import json
import math
import re

from kern.crs import RD_NEW, WGS84, srid_from_geojson_crs
from kern.importing import verbinding
from kern.importing.levering import importeer
from kern.importing.merge import prepare_geometry, upsert
from kern.importing.pipeline import Context, ImportFout, Objectsoort, RecordFout, Telling

_CODE = re.compile(r"^(WK\d{6}|BU\d{8})$")
_GEMEENTE = re.compile(r"^(?:GM)?(\d{4})$", re.IGNORECASE)
# Property names: statcode/statnaam in the CBS gebiedsindelingen, the others in the wijk- en buurtkaart.
_CODE_PROPS = ("statcode", "buurtcode", "wijkcode")
_NAAM_PROPS = {"BU": ("statnaam", "buurtnaam"), "WK": ("statnaam", "wijknaam")}
# The tables of kaartlagen.models.Wijk and Buurt, named rather than read from the models: the lean
# start of import_buurten loads no models (config/importeren.py); a name's length comes from the database.
WIJK, BUURT = "kaartlagen_wijk", "kaartlagen_buurt"

_STAGING = [
    ("identificatie", "text"),  # the CBS code
    ("regelnummer", "integer"),  # GeoJSON has no useful line numbers: always empty, the code identifies
    ("volgnummer", "integer"),  # position of the feature in the file
    ("soort", "text"),
    ("naam", "text"),
    ("gemeentecode", "text"),
    ("wijk_id", "text"),
    ("srid", "integer"),
    ("bron_wkt", "text"),
    ("bron_hash", "text"),
]
_DOELEN = (
    ("WK", WIJK, ["code", "naam", "gemeentecode", "geom", "bron_hash"]),
    ("BU", BUURT, ["code", "naam", "gemeentecode", "wijk_id", "geom", "bron_hash"]),
)


def gemeentecode(waarde: str) -> str:
    """'GM0400', 'gm0400' or '0400' as CBS writes it: GM0400."""
    match = _GEMEENTE.match(waarde.strip())
    if not match:
        raise ValueError(f"'{waarde}' is geen CBS-gemeentecode (GM gevolgd door vier cijfers)")
    return "GM" + match.group(1)


def _lees(fh) -> dict:
    try:
        data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise ImportFout("json_ongeldig", f"geen geldige JSON: {exc.msg}", regelnummer=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise ImportFout("json_ongeldig", f"geen UTF-8: {exc.reason}") from None
    soort = data.get("type") if isinstance(data, dict) else None
    if soort == "Topology":
        raise ImportFout("formaat_onbekend", "TopoJSON wordt niet gelezen; zet het eerst om naar GeoJSON")
    if soort != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ImportFout("formaat_onbekend", f"geen GeoJSON FeatureCollection (type is {soort!r})")
    return data


def _ring(ring, srid: int) -> str:
    if not isinstance(ring, list) or len(ring) < 4:
        raise RecordFout("geometrie_ongeldig", "ring heeft minder dan 4 punten")
    points = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in position
            )
        ):
            raise RecordFout("geometrie_ongeldig", f"positie {str(position)[:40]} is geen paar getallen")
        x, y = float(position[0]), float(position[1])
        if srid == WGS84 and not (-180 <= x <= 180 and -90 <= y <= 90):
            # Would make ST_Transform fail the whole file; usually RD coordinates without a crs member.
            raise RecordFout(
                "srs_onjuist",
                f"coördinaat ({x:g}, {y:g}) is geen WGS84 (RFC 7946); ontbreekt het crs-lid voor RD New?",
            )
        points.append(f"{x!r} {y!r}")
    if points[0] != points[-1]:
        raise RecordFout("geometrie_ongeldig", "ring is niet gesloten (eerste en laatste punt verschillen)")
    return "(" + ", ".join(points) + ")"


def _wkt(geometry, srid: int) -> str:
    """WKT of a GeoJSON (Multi)Polygon, checked here: a bad one must not fail the file in PostGIS."""
    soort = geometry.get("type") if isinstance(geometry, dict) else None
    if soort not in ("Polygon", "MultiPolygon") or not isinstance(geometry.get("coordinates"), list):
        raise RecordFout(
            "geometrie_ongeldig", f"geometrie is {soort or 'leeg'}; verwacht Polygon of MultiPolygon"
        )
    polygons = [geometry["coordinates"]] if soort == "Polygon" else geometry["coordinates"]
    if not polygons or not all(isinstance(p, list) and p for p in polygons):
        raise RecordFout("geometrie_ongeldig", "vlak zonder ringen")
    return (
        "MULTIPOLYGON(" + ", ".join("(" + ", ".join(_ring(r, srid) for r in p) + ")" for p in polygons) + ")"
    )


def _eerste(props: dict, names) -> str:
    for name in names:
        value = props.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


class WijkBuurtSoort(Objectsoort):
    """A GeoJSON file of wijken, buurten or both; features of other gemeenten are left out when
    a gemeente is given (counted in one waarschuwing per file, not one bevinding each)."""

    code = "CBS"
    staging = _STAGING

    def __init__(self, gemeente: str | None):
        self.gemeente = gemeente

    def records(self, fh, ctx: Context):
        data = _lees(fh)
        try:
            srid = srid_from_geojson_crs(data.get("crs"))
        except ValueError as exc:
            raise ImportFout("srs_onjuist", str(exc)) from None
        anders = 0
        for nr, feature in enumerate(data["features"], 1):
            ctx.gelezen += 1
            code = None
            try:
                if not isinstance(feature, dict) or not isinstance(feature.get("properties") or {}, dict):
                    raise RecordFout("veld_ongeldig", "geen GeoJSON Feature met properties")
                props = feature.get("properties") or {}
                code = _eerste(props, _CODE_PROPS).upper() or None
                if not code:
                    raise RecordFout(
                        "veld_ontbreekt", "geen wijk- of buurtcode (statcode, wijkcode of buurtcode)"
                    )
                if not _CODE.match(code):
                    raise RecordFout(
                        "code_ongeldig", f"{code} is geen wijkcode (WK + 6 cijfers) of buurtcode (BU + 8)"
                    )
                gemeente = "GM" + code[2:6]
                if self.gemeente and gemeente != self.gemeente:
                    anders += 1
                    continue
                naam = _eerste(props, _NAAM_PROPS[code[:2]])
                lengte = verbinding.kolomlengtes(WIJK)["naam"]
                if not naam or len(naam) > lengte:
                    raise RecordFout("veld_ongeldig", f"naam ontbreekt of is langer dan {lengte} tekens")
                wijk = "WK" + code[2:8] if code.startswith("BU") else None
                wkt = _wkt(feature.get("geometry"), srid)
                digest = hashlib.md5(
                    repr((code, naam, gemeente, wijk, srid, wkt)).encode(), usedforsecurity=False
                )
                yield [code, None, nr, code[:2], naam, gemeente, wijk, srid, wkt, digest.hexdigest()]
            except RecordFout as exc:
                ctx.noteer("overgeslagen", exc.code, None, code, f"feature {nr}: {exc}")
        if anders:
            ctx.noteer(
                "waarschuwing",
                "andere_gemeente",
                None,
                None,
                f"{anders} wijken en buurten van andere gemeenten niet geïmporteerd (alleen {self.gemeente})",
            )

    def merge(self, cursor, ctx: Context) -> Telling:
        telling = Telling()
        cursor.execute(
            "create temporary table cur on commit drop as select distinct on (identificatie) * from staging "
            "order by identificatie, volgnummer desc"
        )
        cursor.execute(
            "select identificatie, volgnummer from staging s where not exists "
            "(select 1 from cur where cur.identificatie = s.identificatie and cur.volgnummer = s.volgnummer)"
        )
        for code, nr in cursor.fetchall():
            ctx.noteer(
                "overgeslagen",
                "code_dubbel",
                None,
                code,
                f"feature {nr}: de code komt later in het bestand nog eens voor",
            )
        # Into RD New here, so the shared checks (RD area, repair, multipolygon) apply unchanged.
        cursor.execute("alter table cur add column wkt text")
        cursor.execute(
            "update cur set wkt = ST_AsText(ST_Transform(ST_GeomFromText(bron_wkt, srid), %s))", [RD_NEW]
        )
        prepare_geometry(cursor, ctx, "multipolygon")
        # upsert() reads from "cur": give it the wijken, then the buurten.
        cursor.execute("alter table cur rename to cbs_alles")
        current = 0
        for prefix, table, columns in _DOELEN:
            cursor.execute(
                "create temporary table cur on commit drop as select identificatie as code, naam, "
                "gemeentecode, wijk_id, geom, bron_hash from cbs_alles where soort = %s",
                [prefix],
            )
            current += cursor.rowcount
            nieuw, gewijzigd = upsert(cursor, table, columns, "code")
            telling.nieuw += nieuw
            telling.gewijzigd += gewijzigd
            cursor.execute("drop table cur")
        # Dropped now: inside an outer transaction "on commit drop" would keep it for the next file.
        cursor.execute("drop table cbs_alles")
        telling.ongewijzigd = current - telling.nieuw - telling.gewijzigd
        return telling


def _soort_voor(gemeente: str | None):
    def soort_voor(basename: str) -> Objectsoort | None:
        return WijkBuurtSoort(gemeente) if basename.lower().endswith((".geojson", ".json")) else None

    return soort_voor


def _volgorde(name: str):
    # Wijken first: nothing requires it (no FK constraint), but a half-done import then makes sense.
    return (0 if "wijk" in name.lower() else 1, name)


def importeer_buurten(
    bron, *, gemeente: str | None = None, opnieuw: bool = False, werkers: int = 1, stream=None
):
    """Import CBS wijken and buurten from GeoJSON (a file, folder or zip). With `gemeente` (e.g.
    settings.GEMEENTE_CBS_CODE) only that gemeente's; the others are counted in one waarschuwing."""
    gemeente = gemeentecode(gemeente) if gemeente else None
    # The gemeente is part of the key: the same file imported for another gemeente is another import.
    soort = f"cbs:{gemeente}" if gemeente else "cbs"
    verbinding.kolomlengtes(WIJK)  # before the workers fork and any COPY starts
    return importeer(
        soort, bron, _soort_voor(gemeente), _volgorde, opnieuw=opnieuw, werkers=werkers, stream=stream
    )
