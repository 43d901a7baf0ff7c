"""OGC API – Features over the public layers of the registry: the documents, built once for both forms.

The JSON views (`ogcapi.py`) and the HTML pages (`views.py`) call these functions, so a page shows
exactly what the JSON says, links included (Part 1, requirement class HTML). Which form a client gets
is chosen here too: `?f=json|html` first, then the Accept header; JSON when nothing asks for HTML.
"""

import json

from django.urls import reverse
from django.utils import timezone

from kaartlagen import features
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kern import gemeente
from kern.crs import CRS84_URI, CRS_URIS, RD_NEW_URI
from kern.fouten import CodeFout

GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
FORMATEN = {"json": JSON, "html": HTML}


class OgcFout(CodeFout):
    """A refused OGC request: a 400 by default, 404 for an unknown collection or object."""


def wil_html(request) -> bool:
    """HTML for `?f=html` and for a client that prefers text/html over JSON (a browser); else JSON."""
    f = request.GET.get("f")
    if f is not None:
        if f not in FORMATEN:
            raise OgcFout("formaat_onbekend", f"f moet een van deze zijn: {', '.join(FORMATEN)}")
        return f == "html"
    return request.get_preferred_type([JSON, GEOJSON, HTML]) == HTML


def _url(request, naam: str, *args) -> str:
    return request.build_absolute_uri(reverse(f"kaartlagen:{naam}", args=args))


def met_f(url: str, f: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}f={f}"


def _vormen(url: str, soort: str = JSON) -> list[dict]:
    """`self` in this form and `alternate` in the other, as Part 1 asks of every response."""
    return [
        {"rel": "self", "type": soort, "title": "Dit document als JSON", "href": met_f(url, "json")},
        {"rel": "alternate", "type": HTML, "title": "Dit document als webpagina", "href": met_f(url, "html")},
    ]


def laag(naam: str) -> Kaartlaag:
    gevonden = Kaartlaag.objects.open_data().filter(naam=naam).first()
    if gevonden is None:
        raise OgcFout(
            "collectie_onbekend",
            f"Er is geen collectie '{naam[:60]}'.",
            http_status=404,
            titel="Niet gevonden",
        )
    return gevonden


def landing(request) -> dict:
    return {
        "title": f"Open kaartgegevens gemeente {gemeente.huidige().naam}",
        "description": "De openbare kaartlagen van het omgevingsloket als OGC API – Features.",
        "links": [
            *_vormen(_url(request, "ogc-landing")),
            {
                "rel": "service-desc",
                "type": "application/vnd.oai.openapi+json;version=3.0",
                "title": "De beschrijving van de API (OpenAPI)",
                "href": request.build_absolute_uri(reverse("openapi")) + "?format=json",
            },
            {
                "rel": "conformance",
                "type": JSON,
                "title": "Aan welke standaarden deze API voldoet",
                "href": _url(request, "ogc-conformance"),
            },
            {"rel": "data", "type": JSON, "title": "De collecties", "href": _url(request, "ogc-collecties")},
        ],
    }


def conformance(request) -> dict:
    return {"conformsTo": CONFORMANCE, "links": _vormen(_url(request, "ogc-conformance"))}


def collectie(request, gevonden: Kaartlaag) -> dict:
    return {
        "id": gevonden.naam,
        "title": gevonden.titel,
        "description": f"{gevonden.titel} ({gevonden.attributie})" if gevonden.attributie else gevonden.titel,
        "itemType": "feature",
        "extent": {"spatial": {"bbox": [features.gemeente_extent_crs84()], "crs": CRS84_URI}},
        "crs": [CRS84_URI, RD_NEW_URI],
        "storageCrs": RD_NEW_URI,
        "links": [
            *_vormen(_url(request, "ogc-collectie", gevonden.naam)),
            {
                "rel": "items",
                "type": GEOJSON,
                "title": "De objecten (GeoJSON)",
                "href": _url(request, "ogc-items", gevonden.naam),
            },
            {
                "rel": "items",
                "type": HTML,
                "title": "De objecten als webpagina",
                "href": met_f(_url(request, "ogc-items", gevonden.naam), "html"),
            },
        ],
    }


def collecties(request) -> dict:
    return {
        "links": _vormen(_url(request, "ogc-collecties")),
        "collections": [collectie(request, gevonden) for gevonden in Kaartlaag.objects.open_data()],
    }


def _crs(request, parameter: str) -> tuple[str, int]:
    uri = request.GET.get(parameter, CRS84_URI)
    if uri not in CRS_URIS:
        raise OgcFout("crs_onbekend", f"{parameter} moet een van deze zijn: {', '.join(CRS_URIS)}")
    return uri, CRS_URIS[uri]


def _geheel(request, naam: str, standaard: int, minimum: int = 0, maximum: int | None = None) -> int:
    try:
        waarde = int(request.GET.get(naam, standaard))
    except ValueError:
        raise OgcFout("invoer_ongeldig", f"{naam} moet een geheel getal zijn") from None
    if waarde < minimum:
        raise OgcFout("invoer_ongeldig", f"{naam} moet {minimum} of meer zijn")
    if maximum is not None and waarde > maximum:
        raise OgcFout("invoer_ongeldig", f"{naam} mag hoogstens {maximum} zijn")
    return waarde


def items(request, gevonden: Kaartlaag) -> tuple[dict, list[str], str]:
    """One page of a collection: the FeatureCollection without its features, the features as GeoJSON
    text straight from PostGIS (the JSON view does not parse them again) and the CRS URI."""
    crs_uri, srid = _crs(request, "crs")
    limit = min(_geheel(request, "limit", features.STANDAARD_LIMIT, 1), features.MAX_LIMIT)
    offset = _geheel(request, "offset", 0, maximum=features.MAX_OFFSET)
    bbox = None
    if "bbox" in request.GET:
        bbox = features.bbox_rd(request.GET["bbox"], _crs(request, "bbox-crs")[1])
    gevonden_items, aantal = features.items(VECTOR_BRONNEN[gevonden.bron], srid, bbox, limit, offset)
    basis = _url(request, "ogc-items", gevonden.naam)
    params = request.GET.copy()
    params.pop("f", None)
    hier = f"{basis}?{params.urlencode()}" if params else basis
    links = [
        *_vormen(hier, GEOJSON),
        {
            "rel": "collection",
            "type": JSON,
            "title": "De collectie",
            "href": _url(request, "ogc-collectie", gevonden.naam),
        },
    ]
    for rel, nieuw, titel in (
        ("next", offset + limit, "Volgende pagina"),
        ("prev", offset - limit, "Vorige pagina"),
    ):
        if (rel == "next" and nieuw < aantal) or (rel == "prev" and offset > 0):
            params["offset"], params["limit"] = max(nieuw, 0), limit
            links.append(
                {"rel": rel, "type": GEOJSON, "title": titel, "href": f"{basis}?{params.urlencode()}"}
            )
    kop = {
        "type": "FeatureCollection",
        "numberMatched": aantal,
        "numberReturned": len(gevonden_items),
        "timeStamp": timezone.now().isoformat(timespec="seconds"),
        "links": links,
    }
    return kop, gevonden_items, crs_uri


def item(request, gevonden: Kaartlaag, sleutel: str) -> tuple[str, str, list[dict]]:
    """One object as GeoJSON text, its CRS URI and its links (GeoJSON lets a Feature carry links)."""
    crs_uri, srid = _crs(request, "crs")
    feature = features.item(VECTOR_BRONNEN[gevonden.bron], sleutel[:60], srid)
    if feature is None:
        raise OgcFout(
            "object_onbekend",
            f"Er is geen object '{sleutel[:60]}' in '{gevonden.naam}'.",
            http_status=404,
            titel="Niet gevonden",
        )
    links = [
        *_vormen(_url(request, "ogc-item", gevonden.naam, sleutel), GEOJSON),
        {
            "rel": "collection",
            "type": JSON,
            "title": "De collectie",
            "href": _url(request, "ogc-collectie", gevonden.naam),
        },
    ]
    return feature, crs_uri, links


def feature_met_links(feature: str, links: list[dict]) -> str:
    """The Feature text from PostGIS with its links added, without parsing the geometry again."""
    return feature[:-1] + ', "links": ' + json.dumps(links) + "}"
