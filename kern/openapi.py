"""What drf-spectacular cannot see by itself, added after it generated the document (its
POSTPROCESSING_HOOKS), so docs/openapi.yaml stays generated and says what the portal really answers:

- every error is `application/problem+json` (kern.problem), never plain `application/json`;
- what any POST may answer besides its own statuses: 403 when a browser session is sent without its CSRF
  token, 415 for a body in a media type the operation does not read;
- the endpoints that are no DRF views (vector tiles, downloads, health, the DSO webhook, the backoffice
  exports): each app describes its own in its `openapi.py` and adds them with `voeg_paden_toe`.
"""

PROBLEEM_JSON = "application/problem+json"
PROBLEEM_REF = {"$ref": "#/components/schemas/Probleem"}
# A GeoJSON answer as the hand-written paths describe it (downloads, backoffice exports).
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
}


def probleem(beschrijving: str) -> dict:
    """An error response as the paths of the apps' openapi.py write it."""
    return {"description": beschrijving, "content": {PROBLEEM_JSON: {"schema": PROBLEEM_REF}}}


# What every POST may answer besides its own statuses.
ALGEMEEN_POST = {
    "403": "Met een sessie van een medewerker maar zonder geldig CSRF-token (X-CSRFToken).",
    "415": "De body heeft een mediatype dat deze bewerking niet leest.",
}


def _is_probleem(inhoud: dict) -> bool:
    schema = inhoud.get("schema", {})
    return schema == PROBLEEM_REF or schema.get("items") == PROBLEEM_REF


def problemen_als_problem_json(result, generator, request, public):
    """Hook: error responses in problem+json, and the statuses every POST shares."""
    for operaties in result.get("paths", {}).values():
        for methode, operatie in operaties.items():
            antwoorden = operatie.get("responses", {})
            for status, antwoord in antwoorden.items():
                inhoud = antwoord.get("content", {})
                if int(status) >= 400 and _is_probleem(inhoud.get("application/json", {})):
                    inhoud[PROBLEEM_JSON] = inhoud.pop("application/json")
                    if not antwoord.get("description"):
                        antwoord["description"] = "Fout (RFC 9457) met een vaste code"
            if methode == "post":
                for status, beschrijving in ALGEMEEN_POST.items():
                    if status == "415" and "requestBody" not in operatie:
                        continue
                    antwoorden.setdefault(status, probleem(beschrijving))
            operatie["responses"] = dict(sorted(antwoorden.items()))
    return result


def voeg_paden_toe(result: dict, paden: dict) -> dict:
    """For an app's hook: add its non-DRF paths (sorted in with the rest)."""
    result["paths"] = dict(sorted({**result.get("paths", {}), **paden}.items()))
    return result
