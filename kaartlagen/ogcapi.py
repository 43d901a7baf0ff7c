"""OGC API – Features (Part 1 core + GeoJSON + HTML, Part 2 CRS) over the public layers of the registry.

The documents come from `kaartlagen/ogc.py`. These are the JSON views; a browser (or `?f=html`) is
handed to the HTML page that config's URLs give each view as `html_pagina`, so the API schema lists
only the JSON form.
"""

import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from kaartlagen import features, ogc
from kern.api import ProbleemSerializer
from kern.crs import CRS_URIS
from kern.fouten import CodeFout
from kern.problem import probleem_voor


class AltijdJson(BaseContentNegotiation):
    """HTML is chosen before DRF is reached (`OgcView.dispatch`); what is left is JSON, whatever the
    Accept header says, as OGC API asks of a server that cannot give the requested type."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OgcView(APIView):
    content_negotiation_class = AltijdJson
    html_pagina = None  # set in urls.py: the page for the same URL

    def dispatch(self, request, *args, **kwargs):
        try:
            html = self.html_pagina is not None and ogc.wil_html(request)
        except CodeFout as exc:
            return probleem_voor(exc)
        if html:
            return self.html_pagina(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


# GeoJSON as PostGIS writes it, with the CRS of its coordinates in the Content-Crs header.
GEOJSON_ANTWOORD = OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON")
CONTENT_CRS = OpenApiParameter("Content-Crs", str, OpenApiParameter.HEADER, response=[200], required=True)


def _problemen(*codes):
    return {code: ProbleemSerializer for code in codes}


class LandingView(OgcView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: startpagina",
        operation_id="ogc_landing",
    )
    def get(self, request):
        return Response(ogc.landing(request))


class ConformanceView(OgcView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: conformance",
        operation_id="ogc_conformance",
    )
    def get(self, request):
        return Response(ogc.conformance(request))


class CollectiesView(OgcView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="OGC API – Features: collecties",
        operation_id="ogc_collecties",
    )
    def get(self, request):
        return Response(ogc.collecties(request))


class CollectieView(OgcView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **_problemen(404)},
        summary="OGC API – Features: collectie",
        operation_id="ogc_collectie",
    )
    def get(self, request, collectie):
        return Response(ogc.collectie(request, ogc.laag(collectie)))


class ItemsView(OgcView):
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
        responses={(200, ogc.GEOJSON): GEOJSON_ANTWOORD, **_problemen(400, 404)},
        summary="OGC API – Features: objecten (GeoJSON)",
        operation_id="ogc_items",
    )
    def get(self, request, collectie):
        kop, gevonden, crs_uri = ogc.items(request, ogc.laag(collectie))
        # The features arrive as GeoJSON text from PostGIS and are not parsed again.
        body = json.dumps(kop)[:-1] + ', "features": [' + ",".join(gevonden) + "]}"
        response = HttpResponse(body, content_type=ogc.GEOJSON)
        response["Content-Crs"] = f"<{crs_uri}>"
        return response


class ItemView(OgcView):
    @extend_schema(
        parameters=[OpenApiParameter("crs", str, enum=list(CRS_URIS)), CONTENT_CRS],
        responses={(200, ogc.GEOJSON): GEOJSON_ANTWOORD, **_problemen(400, 404)},
        summary="OGC API – Features: één object",
        operation_id="ogc_item",
    )
    def get(self, request, collectie, item):
        feature, crs_uri, links = ogc.item(request, ogc.laag(collectie), item)
        response = HttpResponse(ogc.feature_met_links(feature, links), content_type=ogc.GEOJSON)
        response["Content-Crs"] = f"<{crs_uri}>"
        return response
