"""The municipality's boundary from the CBS gemeentegrenzen (GeoJSON as CBS and PDOK publish it).

One feature per municipality; we keep the one whose code is asked (`gemeentecode` in the wijk- en
buurtkaart, `statcode` in the gebiedsindelingen). Coordinates are WGS84 unless the file names another
CRS; PostGIS transforms them to RD New and repairs what is not valid (simplified boundaries touch
themselves now and then). Importing again replaces the boundary: idempotent.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction

from kern import gemeente
from kern.crs import RD_NEW, srid_from_geojson_crs
from kern.fouten import CodeFout
from kern.models import Gemeentegrens

_CODE_PROPS = ("gemeentecode", "statcode", "GM_CODE")
_NAAM_PROPS = ("gemeentenaam", "statnaam", "GM_NAAM")


@dataclass(frozen=True)
class Uitkomst:
    cbs_code: str
    naam: str
    bbox_rd: tuple[float, float, float, float]
    oppervlakte_ha: float
    nieuw: bool


def importeer_gemeentegrens(pad: Path, cbs_code: str) -> Uitkomst:
    try:
        data = json.loads(Path(pad).read_bytes())
    except (OSError, ValueError) as exc:
        raise CodeFout("bestand_onleesbaar", f"{pad}: geen leesbare GeoJSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise CodeFout("formaat_onbekend", f"{pad}: geen GeoJSON FeatureCollection")
    try:
        srid = srid_from_geojson_crs(data.get("crs"))
    except ValueError as exc:
        raise CodeFout("crs_onbekend", f"{pad}: {exc}") from None
    gevonden = [
        f
        for f in data["features"]
        if isinstance(f, dict)
        and any(str((f.get("properties") or {}).get(p, "")).upper() == cbs_code for p in _CODE_PROPS)
    ]
    if len(gevonden) != 1:
        raise CodeFout(
            "gemeente_niet_gevonden",
            f"{pad}: {len(gevonden)} features met gemeentecode {cbs_code}, verwacht 1",
        )
    feature = gevonden[0]
    naam = next((feature["properties"][p] for p in _NAAM_PROPS if feature["properties"].get(p)), cbs_code)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid("
            "  ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(%s), %s), %s)), 3)))",
            [json.dumps(feature.get("geometry")), srid, RD_NEW],
        )
        geom = GEOSGeometry(memoryview(bytes(cursor.fetchone()[0])))
        grens, nieuw = Gemeentegrens.objects.update_or_create(
            cbs_code=cbs_code, defaults={"naam": naam, "geom": geom, "bron": str(pad)[:500]}
        )
    gemeente.vergeet_grens()
    grens.refresh_from_db()
    if grens.geom.empty:
        raise CodeFout("geometrie_ongeldig", f"{pad}: de grens van {cbs_code} heeft geen vlak")
    return Uitkomst(
        cbs_code,
        naam,
        tuple(round(v, 2) for v in grens.geom.extent),
        round(grens.geom.area / 10_000, 1),
        nieuw,
    )
