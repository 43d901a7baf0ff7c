import hashlib

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from kaartlagen.models import Kaartlaag
from kaartlagen.tegels import TegelFout, tegel
from loket.problem import probleem

MVT = "application/vnd.mapbox-vector-tile"


def _zichtbaar(request):
    lagen = Kaartlaag.objects.all()
    return lagen if request.user.is_staff else lagen.filter(publiek=True)


@require_GET
def tegel_view(request, laag: str, z: str, x: str, y: str):
    gevonden = _zichtbaar(request).filter(naam=laag).first()
    if gevonden is None:
        return probleem(
            404, "laag_onbekend", "Deze kaartlaag bestaat niet", f"Er is geen kaartlaag '{laag[:60]}'."
        )
    try:
        inhoud = tegel(gevonden, int(z), int(x), int(y))
    except TegelFout as exc:
        return probleem(400, exc.code, "Deze tegel bestaat niet", str(exc))
    cache = "public, max-age=300" if gevonden.publiek else "private, max-age=300"
    if not inhoud:
        response = HttpResponse(status=204)
        response["Cache-Control"] = cache
        return response
    etag = f'"{hashlib.md5(inhoud, usedforsecurity=False).hexdigest()}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(inhoud, content_type=MVT)
    response["ETag"] = etag
    response["Cache-Control"] = cache
    return response
