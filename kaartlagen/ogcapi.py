"""OGC API – Features (Part 1 core + GeoJSON, Part 2 CRS) over the public layers of the registry."""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from kaartlagen import features
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kern import gemeente
from kern.api import ApiFout, ProbleemSerializer
from kern.crs import CRS84_URI, CRS_URIS, RD_NEW_URI

GEOJSON = "application/geo+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]


def _url(request, naam: str, *args) -> str:
    return request.build_absolute_uri(reverse(f"kaartlagen:{naam}", args=args))


def _collectie(request, laag: Kaartlaag) -> dict:
    return {
        "id": laag.naam,
        "title": laag.titel,
        "description": f"{laag.titel} ({laag.attributie})" if laag.attributie else laag.titel,
        "itemType": "feature",
        "extent": {"spatial": {"bbox": [features.gemeente_extent_crs84()], "crs": CRS84_URI}},
        "crs": [CRS84_URI, RD_NEW_URI],
        "storageCrs": RD_NEW_URI,
        "links": [
            {"rel": "self", "type": "application/json", "href": _url(request, "ogc-collectie", laag.naam)},
            {"rel": "items", "type": GEOJSON, "href": _url(request, "ogc-items", laag.naam)},
        ],
    }


def _laag(naam: str) -> Kaartlaag:
    laag = Kaartlaag.objects.open_data().filter(naam=naam).first()
    if laag is None:
        raise ApiFout("collectie_onbekend", f"Er is geen collectie '{naam[:60]}'.", "Niet gevonden", 404)
    return laag


def _crs(request, parameter: str) -> tuple[str, int]:
    uri = request.query_params.get(parameter, CRS84_URI)
    if uri not in CRS_URIS:
        raise ApiFout("crs_onbekend", f"{parameter} moet een van deze zijn: {', '.join(CRS_URIS)}")
    return uri, CRS_URIS[uri]


def _geheel(request, naam: str, standaard: int, minimum: int = 0, maximum: int | None = None) -> int:
    try:
        waarde = int(request.query_params.get(naam, standaard))
    except ValueError:
        raise ApiFout("invoer_ongeldig", f"{naam} moet een geheel getal zijn") from None
    if waarde < minimum:
        raise ApiFout("invoer_ongeldig", f"{naam} moet {minimum} of meer zijn")
    if maximum is not None and waarde > maximum:
        raise ApiFout("invoer_ongeldig", f"{naam} mag hoogstens {maximum} zijn")
    return waarde


# GeoJSON as PostGIS writes it, with the CRS of its coordinates in the Content-Crs header.
GEOJSON_ANTWOORD = OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON")
CONTENT_CRS = OpenApiParameter("Content-Crs", str, OpenApiParameter.HEADER, response=[200], required=True)


def _problemen(*codes):
    return {code: ProbleemSerializer for code in codes}


class LandingView(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: startpagina",
        operation_id="ogc_landing",
    )
    def get(self, request):
        return Response(
            {
                "title": f"Open kaartgegevens gemeente {gemeente.huidige().naam}",
                "description": "De openbare kaartlagen van het omgevingsloket als OGC API – Features.",
                "links": [
                    {"rel": "self", "type": "application/json", "href": _url(request, "ogc-landing")},
                    {
                        "rel": "service-desc",
                        "type": "application/vnd.oai.openapi+json;version=3.0",
                        "href": request.build_absolute_uri(reverse("openapi")) + "?format=json",
                    },
                    {
                        "rel": "conformance",
                        "type": "application/json",
                        "href": _url(request, "ogc-conformance"),
                    },
                    {"rel": "data", "type": "application/json", "href": _url(request, "ogc-collecties")},
                ],
            }
        )


class ConformanceView(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: conformance",
        operation_id="ogc_conformance",
    )
    def get(self, request):
        return Response({"conformsTo": CONFORMANCE})


class CollectiesView(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: collecties",
        operation_id="ogc_collecties",
    )
    def get(self, request):
        lagen = Kaartlaag.objects.open_data()
        return Response(
            {
                "links": [
                    {"rel": "self", "type": "application/json", "href": _url(request, "ogc-collecties")}
                ],
                "collections": [_collectie(request, laag) for laag in lagen],
            }
        )


class CollectieView(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **_problemen(404)},
        summary="OGC API – Features: collectie",
        operation_id="ogc_collectie",
    )
    def get(self, request, collectie):
        return Response(_collectie(request, _laag(collectie)))


class ItemsView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "bbox", features.BBOX_SCHEMA, description="minx,miny,maxx,maxy (in bbox-crs; standaard CRS84)"
            ),
            OpenApiParameter("bbox-crs", str, enum=list(CRS_URIS)),
            OpenApiParameter(
                "crs", str, enum=list(CRS_URIS), description="CRS van de geometrie in het antwoord"
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": features.MAX_LIMIT},
                default=features.STANDAARD_LIMIT,
            ),
            OpenApiParameter(
                "offset", {"type": "integer", "minimum": 0, "maximum": features.MAX_OFFSET}, default=0
            ),
            CONTENT_CRS,
        ],
        responses={(200, GEOJSON): GEOJSON_ANTWOORD, **_problemen(400, 404)},
        summary="OGC API – Features: objecten (GeoJSON)",
        operation_id="ogc_items",
    )
    def get(self, request, collectie):
        laag = _laag(collectie)
        crs_uri, srid = _crs(request, "crs")
        limit = min(_geheel(request, "limit", features.STANDAARD_LIMIT, 1), features.MAX_LIMIT)
        offset = _geheel(request, "offset", 0, maximum=features.MAX_OFFSET)
        bbox = None
        if "bbox" in request.query_params:
            bbox = features.bbox_rd(request.query_params["bbox"], _crs(request, "bbox-crs")[1])
        gevonden, aantal = features.items(VECTOR_BRONNEN[laag.bron], srid, bbox, limit, offset)
        links = [
            {"rel": "self", "type": GEOJSON, "href": request.build_absolute_uri()},
            {
                "rel": "collection",
                "type": "application/json",
                "href": _url(request, "ogc-collectie", laag.naam),
            },
        ]
        for rel, nieuw in (("next", offset + limit), ("prev", offset - limit)):
            if (rel == "next" and nieuw < aantal) or (rel == "prev" and offset > 0):
                params = request.query_params.copy()
                params["offset"], params["limit"] = max(nieuw, 0), limit
                links.append(
                    {
                        "rel": rel,
                        "type": GEOJSON,
                        "href": f"{_url(request, 'ogc-items', laag.naam)}?{params.urlencode()}",
                    }
                )
        kop = json.dumps(
            {
                "type": "FeatureCollection",
                "numberMatched": aantal,
                "numberReturned": len(gevonden),
                "timeStamp": timezone.now().isoformat(timespec="seconds"),
                "links": links,
            }
        )
        # The features arrive as GeoJSON text from PostGIS and are not parsed again.
        body = kop[:-1] + ', "features": [' + ",".join(gevonden) + "]}"
        response = HttpResponse(body, content_type=GEOJSON)
        response["Content-Crs"] = f"<{crs_uri}>"
        return response


class ItemView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("crs", str, enum=list(CRS_URIS)), CONTENT_CRS],
        responses={(200, GEOJSON): GEOJSON_ANTWOORD, **_problemen(400, 404)},
        summary="OGC API – Features: één object",
        operation_id="ogc_item",
    )
    def get(self, request, collectie, item):
        laag = _laag(collectie)
        crs_uri, srid = _crs(request, "crs")
        feature = features.item(VECTOR_BRONNEN[laag.bron], item[:60], srid)
        if feature is None:
            raise ApiFout(
                "object_onbekend", f"Er is geen object '{item[:60]}' in '{laag.naam}'.", "Niet gevonden", 404
            )
        response = HttpResponse(feature, content_type=GEOJSON)
        response["Content-Crs"] = f"<{crs_uri}>"
        return response
