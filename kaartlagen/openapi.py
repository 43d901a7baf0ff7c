"""The map's endpoints that are no DRF views, for docs/openapi.yaml (kern.openapi): vector tiles (the fast
path in front of Django answers the same) and the open-data downloads."""

from kaartlagen.tegels import MAX_ZOOM, MVT
from kern.openapi import FEATURE_COLLECTION, probleem, voeg_paden_toe


def _pad_param(naam: str, schema: dict, beschrijving: str = "") -> dict:
    return {"in": "path", "name": naam, "required": True, "schema": schema, "description": beschrijving}


LAAG = _pad_param(
    "laag", {"type": "string", "pattern": "^[-A-Za-z0-9_]+$"}, "naam van een kaartlaag (Kaartlaag.naam)"
)
CACHE = {"Cache-Control": {"schema": {"type": "string"}}}
ONBEKEND = probleem("Deze kaartlaag bestaat niet (of is niet openbaar)")

TEGEL = {
    "get": {
        "operationId": "tegel",
        "summary": "Vectortegel (Mapbox Vector Tile, Web Mercator, XYZ-schema)",
        "tags": ["tiles"],
        "parameters": [
            LAAG,
            _pad_param("z", {"type": "integer", "minimum": 0, "maximum": MAX_ZOOM}, "zoomniveau"),
            # The grid of level z has 2^z columns and rows; a number outside it is a 400.
            _pad_param("x", {"type": "integer", "minimum": 0, "maximum": 99999999}, "kolom"),
            _pad_param("y", {"type": "integer", "minimum": 0, "maximum": 99999999}, "rij"),
            {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"}},
        ],
        "responses": {
            "200": {
                "description": "De tegel",
                "headers": {**CACHE, "ETag": {"schema": {"type": "string"}}},
                "content": {MVT: {"schema": {"type": "string", "format": "binary"}}},
            },
            "204": {"description": "Leeg: de laag toont hier (of op dit zoomniveau) niets", "headers": CACHE},
            "304": {"description": "Ongewijzigd (If-None-Match)", "headers": CACHE},
            "400": probleem("Deze tegel bestaat niet in het raster (tegel_buiten_bereik)"),
            "404": ONBEKEND,
        },
    }
}


def _download(formaat: str, mediatype: str, schema: dict, samenvatting: str) -> dict:
    return {
        "get": {
            "operationId": f"download_{formaat}",
            "summary": samenvatting,
            "tags": ["downloads"],
            "parameters": [LAAG],
            "responses": {
                "200": {
                    "description": "De hele laag als bestand (Content-Disposition: attachment)",
                    "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
                    "content": {mediatype: {"schema": schema}},
                },
                "404": ONBEKEND,
            },
        }
    }


PADEN = {
    "/tiles/{laag}/{z}/{x}/{y}.mvt": TEGEL,
    "/download/{laag}.geojson": _download(
        "geojson",
        "application/geo+json",
        FEATURE_COLLECTION,
        "Open data: een hele kaartlaag als GeoJSON (CRS84)",
    ),
    "/download/{laag}.csv": _download(
        "csv",
        "text/csv",
        {"type": "string"},
        "Open data: een hele kaartlaag als CSV (kenmerken + WKT in CRS84)",
    ),
}


def paden(result, generator, request, public):
    return voeg_paden_toe(result, PADEN)
