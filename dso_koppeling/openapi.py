"""The Verzoeknotificatie webhook (a plain Django view, signed instead of logged in) for
docs/openapi.yaml (kern.openapi)."""

from dso_koppeling.handtekening import HEADER, MAX_LEEFTIJD
from kern.openapi import probleem, voeg_paden_toe

ONTVANGEN = {
    "type": "object",
    "required": ["ontvangen"],
    "properties": {
        "ontvangen": {"type": "boolean"},
        "herhaald": {"type": "boolean", "description": "dezelfde ondertekende notificatie nog eens"},
    },
}

PADEN = {
    "/dso/verzoeknotificatie": {
        "post": {
            "operationId": "dso_verzoeknotificatie",
            "summary": "Webhook: het DSO meldt dat er een nieuw verzoek is",
            "description": (
                "Ondertekend met HMAC-SHA256 over `<tijdstip>.<body>` in de header "
                f"`{HEADER}: t=<unix-tijd>,v1=<hex>`; ouder dan {MAX_LEEFTIJD} s telt niet. Dezelfde "
                "ondertekende notificatie opnieuw wordt beantwoord maar niet nog eens verwerkt."
            ),
            "tags": ["dso"],
            "security": [{}],
            "parameters": [{"in": "header", "name": HEADER, "required": True, "schema": {"type": "string"}}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "verzoeknummer": {"type": "string"},
                                "volgnummer": {"type": "integer"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "202": {
                    "description": "Ontvangen; een synchronisatie staat klaar",
                    "content": {"application/json": {"schema": ONTVANGEN}},
                },
                "400": probleem("De body is geen geldige JSON"),
                "401": probleem("Handtekening ontbreekt, is te oud of klopt niet"),
            },
        }
    }
}


def paden(result, generator, request, public):
    return voeg_paden_toe(result, PADEN)
