"""The backoffice's exports (plain Django views behind the staff login) for docs/openapi.yaml
(kern.openapi). They take the same filters as the staff API's list, so their parameters are read from
that operation once drf-spectacular has described it."""

from kern.openapi import FEATURE_COLLECTION, voeg_paden_toe

LIJST = "/api/backoffice/meldingen"
MEDEWERKER = [{"cookieAuth": []}]
NIET_INGELOGD = {"description": "Niet ingelogd als medewerker: naar het inlogscherm"}


def _export(operatie: str, samenvatting: str, mediatype: str, schema: dict, filters: list) -> dict:
    return {
        "get": {
            "operationId": operatie,
            "summary": samenvatting,
            "tags": ["backoffice"],
            "security": MEDEWERKER,
            "parameters": filters,
            "responses": {
                "200": {"description": samenvatting, "content": {mediatype: {"schema": schema}}},
                "302": NIET_INGELOGD,
            },
        }
    }


def paden(result, generator, request, public):
    filters = [
        p
        for p in result["paths"][LIJST]["get"].get("parameters", [])
        if p.get("in") == "query" and p["name"] not in ("page", "page_size")
    ]
    return voeg_paden_toe(
        result,
        {
            "/backoffice/export.csv": _export(
                "backoffice_export_csv",
                "De gefilterde meldingen als CSV",
                "text/csv",
                {"type": "string"},
                filters,
            ),
            "/backoffice/kaart.geojson": _export(
                "backoffice_kaart_geojson",
                "De gefilterde meldingen als GeoJSON (WGS84, hoogstens 5000)",
                "application/geo+json",
                FEATURE_COLLECTION,
                filters,
            ),
        },
    )
