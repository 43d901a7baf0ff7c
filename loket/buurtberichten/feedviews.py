"""The feed endpoints (Atom per buurt and per bbox, iCalendar per buurt): public, no personal data."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from kern.fouten import CodeFout
from kern.problem import probleem_voor
from loket.buurtberichten import berichten, feeds, gebieden, mails


def _cache(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def atom_buurt(request, code: str):
    try:
        buurt = gebieden.buurt(code)
    except CodeFout as fout:
        fout.http_status = 404
        return probleem_voor(fout)
    items = berichten.in_gebied(buurt.geom)
    xml = feeds.atom(
        f"Buurtberichten: {buurt.omschrijving}", mails.link("buurtberichten:atom-buurt", code), items
    )
    return _cache(HttpResponse(xml, content_type="application/atom+xml; charset=utf-8"))


@require_GET
def atom_bbox(request):
    try:
        vak = feeds.bbox_geometrie(request.GET.get("bbox", ""))
    except CodeFout as fout:
        return probleem_voor(fout)
    zelf = mails.link("buurtberichten:atom-bbox") + "?bbox=" + request.GET["bbox"]
    xml = feeds.atom("Buurtberichten in dit gebied", zelf, berichten.in_gebied(vak))
    return _cache(HttpResponse(xml, content_type="application/atom+xml; charset=utf-8"))


@require_GET
def ical_buurt(request, code: str):
    try:
        buurt = gebieden.buurt(code)
    except CodeFout as fout:
        fout.http_status = 404
        return probleem_voor(fout)
    host = urlsplit(settings.PORTAAL_URL).hostname or "localhost"
    tekst = feeds.icalendar(
        f"Werkzaamheden en evenementen: {buurt.omschrijving}", feeds.agenda_items(buurt.geom), host
    )
    response = HttpResponse(tekst, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="buurtberichten-{code}.ics"'
    return _cache(response)
