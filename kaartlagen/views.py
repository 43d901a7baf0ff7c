import csv
import io
import itertools

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from kaartlagen import features
from kaartlagen.bronnen import VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import TegelFout, antwoord, tegel
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
