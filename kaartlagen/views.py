import csv
import functools
import io
import itertools
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kaartlagen import features, ogc, opendata
from kaartlagen.basiskaart import diensten as basiskaart
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.kaart import kleine_kaart
from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import TegelFout, antwoord, tegel
from kern.crs import CRS84_URI
from kern.fouten import CodeFout
from kern.problem import probleem, probleem_voor


@require_GET
def tegel_view(request, laag: str, z: str, x: str, y: str):
    gevonden = (
        Kaartlaag.objects.zichtbaar_voor(request.user).filter(naam=laag, soort=Kaartlaag.Soort.VECTOR).first()
    )
    if gevonden is None:
        return probleem(
            404, "laag_onbekend", "Deze kaartlaag bestaat niet", f"Er is geen kaartlaag '{laag[:60]}'."
        )
    try:
        inhoud = tegel(gevonden, int(z), int(x), int(y))
    except TegelFout as exc:
        return probleem_voor(exc)
    status, koppen, inhoud = antwoord(inhoud, gevonden.publiek, request.headers.get("If-None-Match"))
    response = HttpResponse(inhoud, status=int(status[:3]))
    if not inhoud:
        del response["Content-Type"]  # a 204 or 304 has no body, so no type either
    for kop, waarde in koppen:
        response[kop] = waarde
    return response


@require_GET
def download_view(request, laag: str, formaat: str):
    """A whole public layer as open data: GeoJSON (CRS84) or CSV (attributes + WKT in CRS84), streamed."""
    gevonden = Kaartlaag.objects.open_data().filter(naam=laag).first()
    if gevonden is None:
        return probleem(
            404, "laag_onbekend", "Deze kaartlaag bestaat niet", f"Er is geen kaartlaag '{laag[:60]}'."
        )
    bron = VECTOR_BRONNEN[gevonden.bron]
    rijen = features.alles(bron, formaat)
    if formaat == "geojson":
        inhoud = _geojson(row[0] for row in rijen)
        response = StreamingHttpResponse(inhoud, content_type="application/geo+json")
    else:
        kop = ["id", *bron.attributen, "geometrie_wkt_crs84"]
        inhoud = (_csv_regel(row) for row in itertools.chain([kop], rijen))
        response = StreamingHttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{gevonden.naam}.{formaat}"'
    return response


def _geojson(features_tekst):
    yield '{"type": "FeatureCollection", "features": ['
    for i, feature in enumerate(features_tekst):
        yield ("," if i else "") + feature
    yield "]}\n"


def _csv_regel(row) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


# --- OGC API – Features as web pages (chosen by kaartlagen.ogcapi.OgcView for a browser or ?f=html) ---


def _ogc_pagina(functie):
    """An OGC page: the JSON document's own links listed, a link to the JSON form in the head, and a
    refused request (unknown collection, bad bbox) as a page with the same status and message."""

    @functools.wraps(functie)
    def pagina(request, *args, **kwargs):
        try:
            template, context = functie(request, *args, **kwargs)
        except CodeFout as exc:
            context = {"fout": exc, "kruimels": _kruimels(request)}
            response = render(request, "kaartlagen/ogc/fout.html", context, status=exc.http_status)
            response.eigen_foutpagina = True  # kern.grenzen leaves it HTML on this API path
            return response
        context.setdefault("kruimels", _kruimels(request, *context.pop("kruimelpad", [])))
        context["json_url"] = next(
            (link["href"] for link in context.get("links", []) if link["rel"] == "self"), None
        )
        return render(request, f"kaartlagen/ogc/{template}.html", context)

    return require_GET(pagina)


def _kruimels(request, *verder) -> list[dict]:
    return [{"tekst": "Open kaartgegevens", "url": reverse("kaartlagen:ogc-landing")}, *verder]


def _ogc_pagina_inhoud(template, document, **extra):
    return template, {"doc": document, "links": document.get("links", []), **extra}


@_ogc_pagina
def ogc_landing_pagina(request):
    return _ogc_pagina_inhoud("landing", ogc.landing(request))


@_ogc_pagina
def ogc_conformance_pagina(request):
    return _ogc_pagina_inhoud("conformance", ogc.conformance(request))


@_ogc_pagina
def ogc_collecties_pagina(request):
    return _ogc_pagina_inhoud("collecties", ogc.collecties(request))


def _collectie_kruimel(laag: Kaartlaag) -> dict:
    return {"tekst": laag.titel, "url": reverse("kaartlagen:ogc-collectie", args=[laag.naam])}


@_ogc_pagina
def ogc_collectie_pagina(request, collectie):
    laag = ogc.laag(collectie)
    return _ogc_pagina_inhoud(
        "collectie", ogc.collectie(request, laag), kruimelpad=[_collectie_kruimel(laag)]
    )


@_ogc_pagina
def ogc_items_pagina(request, collectie):
    laag = ogc.laag(collectie)
    kop, gevonden, crs_uri = ogc.items(request, laag)
    objecten = [json.loads(tekst) for tekst in gevonden]
    kolommen = list(VECTOR_BRONNEN[laag.bron].attributen)
    eerste = int(request.GET.get("offset", 0)) + 1
    return _ogc_pagina_inhoud(
        "items",
        kop,
        laag=laag,
        kolommen=kolommen,
        rijen=[(o["id"], [o["properties"].get(k) for k in kolommen]) for o in objecten],
        eerste=eerste,
        laatste=eerste + len(objecten) - 1,
        bladeren={
            link["rel"]: ogc.met_f(link["href"], "html")
            for link in kop["links"]
            if link["rel"] in ("next", "prev")
        },
        kaart=kleine_kaart({"type": "FeatureCollection", "features": objecten})
        if crs_uri == CRS84_URI
        else None,
        kruimelpad=[_collectie_kruimel(laag), {"tekst": "Objecten", "url": ""}],
    )


@_ogc_pagina
def ogc_item_pagina(request, collectie, item):
    laag = ogc.laag(collectie)
    feature, crs_uri, links = ogc.item(request, laag, item)
    object_ = json.loads(feature)
    return _ogc_pagina_inhoud(
        "item",
        {"links": links},
        laag=laag,
        object=object_,
        eigenschappen=list(object_["properties"].items()),
        kaart=kleine_kaart({"type": "FeatureCollection", "features": [object_]})
        if crs_uri == CRS84_URI
        else None,
        kruimelpad=[
            _collectie_kruimel(laag),
            {"tekst": "Objecten", "url": reverse("kaartlagen:ogc-items", args=[laag.naam])},
            {"tekst": str(object_["id"]), "url": ""},
        ],
    )


# --- The basemap's landing page and the open-data register ---


def _basis(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def basiskaart_pagina(request):
    """/basiskaart/ itself (MapProxy serves everything below it, config/wsgi.py)."""
    basis = _basis(request)
    lagen = list(basiskaart.lagen())
    context = {
        "diensten": basiskaart.diensten(basis),
        "lagen": [(laag, basiskaart.tegels(basis, laag)) for laag in lagen],
        "attributie": lagen[0].attributie if lagen else "",
        "kaart": kleine_kaart(),
    }
    return render(request, "kaartlagen/basiskaart.html", context)


@require_GET
def open_data_pagina(request):
    basis = _basis(request)
    context = {
        "datasets": opendata.datasets(basis),
        "catalogus": basis + reverse("kaartlagen:catalogus"),
        "ogc": reverse("kaartlagen:ogc-landing") + "?f=html",
    }
    return render(request, "kaartlagen/open_data.html", context)


@require_GET
def catalogus_view(request):
    """The DCAT-AP-DONL catalogue for data.overheid.nl (and any DCAT harvester)."""
    document = opendata.catalogus(
        _basis(request), request.build_absolute_uri(reverse("kaartlagen:catalogus"))
    )
    response = JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
