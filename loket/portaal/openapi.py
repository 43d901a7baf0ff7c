"""Health, readiness and metrics (plain Django views) for docs/openapi.yaml (kern.openapi)."""

from kern.openapi import voeg_paden_toe


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


GEREED = {
    "type": "object",
    "required": ["status", "problemen"],
    "properties": {
        "status": {"type": "string", "enum": ["gereed", "niet_gereed"]},
        "problemen": {"type": "array", "items": {"type": "string"}},
        "waarschuwingen": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Wat aandacht vraagt maar verkeer niet tegenhoudt (een basiskaart die achterloopt)",
        },
        "replica": {
            "type": "object",
            "properties": {
                "bruikbaar": {"type": "boolean"},
                "achterstand_s": {"type": "number", "nullable": True},
            },
        },
        "basiskaart": {
            "type": "object",
            "description": "De uitgave van de basiskaart die deze machine bouwde, de nieuwste, en hoe lang "
            "deze machine er al een mist (0 als ze bij is)",
            "properties": {
                "toegepast": {"type": "integer", "nullable": True},
                "nieuwste": {"type": "integer"},
                "achter_s": {"type": "number"},
            },
        },
    },
}

PADEN = {
    "/gezondheid": {
        "get": {
            "operationId": "gezondheid",
            "summary": "Leeft het portaal? (de database antwoordt)",
            "tags": ["beheer"],
            "security": [{}],
            "responses": {
                "200": {
                    "description": "De database antwoordt",
                    "content": _json(
                        {
                            "type": "object",
                            "required": ["status", "postgis"],
                            "properties": {
                                "status": {"type": "string", "enum": ["ok"]},
                                "postgis": {"type": "string"},
                            },
                        }
                    ),
                }
            },
        }
    },
    "/gereed": {
        "get": {
            "operationId": "gereed",
            "summary": "Klaar voor verkeer? (database bereikbaar, alle migraties gedaan)",
            "tags": ["beheer"],
            "security": [{}],
            "responses": {
                "200": {"description": "Gereed", "content": _json(GEREED)},
                "503": {"description": "Niet gereed; `problemen` zegt waarom", "content": _json(GEREED)},
            },
        }
    },
    "/metrics": {
        "get": {
            "operationId": "metrics",
            "summary": "Prometheus-metrieken (alleen voor de adressen in METRICS_IPS)",
            "tags": ["beheer"],
            "security": [{}],
            "responses": {
                "200": {
                    "description": "Metrieken in het tekstformaat van Prometheus",
                    "content": {"text/plain": {"schema": {"type": "string"}}},
                },
                "404": {"description": "Niet vanaf dit adres"},
            },
        }
    },
}


def paden(result, generator, request, public):
    return voeg_paden_toe(result, PADEN)
