"""What every section of the staff backoffice shares, whatever its zaaktype: the sections themselves
(an extension point: meldingen, buurtberichten and dso_koppeling register theirs when they start), a
notice a section raises (e.g. verzoeken in quarantaine), the status history, the status choices of a
list filter, a paginator that does not count a million rows, and the map points of a selection."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Min, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property

from kern.crs import WGS84
from loket.zaken.models import Statustype, Zaak
from loket.zaken.toegang import is_medewerker


@dataclass(frozen=True)
class Onderdeel:
    """A section of the backoffice in its menu; `mag(user)` says who sees it, `melding(user)` returns a
    notice that needs attention (or "")."""

    tekst: str
    url_naam: str
    volgorde: int
    mag: Callable = is_medewerker
    melding: Callable | None = None


ONDERDELEN: dict[str, Onderdeel] = {}


def registreer(onderdeel: Onderdeel) -> None:
    ONDERDELEN.setdefault(onderdeel.url_naam, onderdeel)


def menu(request) -> dict:
    """The sections this medewerker may open (the current one marked) and the notices for them."""
    user, pad = request.user, request.path
    links, meldingen = [], []
    for onderdeel in sorted(ONDERDELEN.values(), key=lambda o: o.volgorde):
        if not onderdeel.mag(user):
            continue
        try:
            url = reverse(onderdeel.url_naam)
        except NoReverseMatch:
            continue
        links.append({"tekst": onderdeel.tekst, "url": url, "huidig": pad == url})
        if onderdeel.melding and (tekst := onderdeel.melding(user)):
            meldingen.append({"tekst": tekst, "url": url})
    # The longest matching prefix is the current section (/backoffice/ is everybody's prefix).
    binnen = [link for link in links if pad.startswith(link["url"])]
    if binnen and not any(link["huidig"] for link in links):
        max(binnen, key=lambda link: len(link["url"]))["huidig"] = True
    return {"links": links, "meldingen": meldingen}


def startpagina(user) -> str | None:
    """Where a medewerker lands after logging in: the first section they may open."""
    for onderdeel in sorted(ONDERDELEN.values(), key=lambda o: o.volgorde):
        if onderdeel.mag(user):
            try:
                return reverse(onderdeel.url_naam)
            except NoReverseMatch:
                continue
    return None


def historie(zaak: Zaak) -> list[dict]:
    return [
        {
            "status": s.statustype.omschrijving,
            "tijdstip": s.tijdstip,
            "tekst": s.tekst_voor_burger,
            "door": s.door.get_username() if s.door else s.door_omschrijving,
            "toelichting_intern": s.toelichting_intern,
        }
        for s in zaak.statussen.select_related("statustype", "door")
    ]


def statuskeuzes(zaaktypen) -> list[tuple[str, str]]:
    """(code, omschrijving) of the statussen of these zaaktypen, each code once, in flow order: zaaktypen
    share codes ("ontvangen"), and a filter on status means that step in every one of them."""
    rijen = (
        Statustype.objects.filter(zaaktype__in=zaaktypen)
        .values("code")
        .annotate(volgorde=Min("volgnummer"), omschrijving=Min("omschrijving"))
        .order_by("volgorde", "omschrijving")
    )
    return [(r["code"], r["omschrijving"]) for r in rijen]


class BegrensdePaginator(Paginator):
    """Counting 200 000 rows for "page 1 of 4 000" costs more than the page itself; above MAX the
    count says "more than MAX" (`begrensd`) and nobody pages that far anyway (filters do)."""

    MAX = 500

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.MAX + 1].count()

    @property
    def begrensd(self) -> bool:
        return self.count > self.MAX


def punten_geojson(zaak_ids: QuerySet, max_aantal: int = 5000) -> str:
    """The zaken of a selection (a queryset of zaak ids) as GeoJSON points in WGS84, built in SQL."""
    try:
        sql, params = zaak_ids[:max_aantal].query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing (e.g. an unknown status) makes no SQL
        return '{"type": "FeatureCollection", "features": []}'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT json_build_object('type','FeatureCollection','features',coalesce(json_agg(json_build_object("
            "'type','Feature','geometry',ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(z.geometrie), %s), 6)::json,"
            "'properties',json_build_object('referentie',z.referentie,'status',s.omschrijving))),'[]'::json))::text "
            f"FROM zaken_zaak z JOIN zaken_statustype s ON s.id = z.status_id WHERE z.geometrie IS NOT NULL "
            f"AND z.id IN ({sql})",
            [WGS84, *params],
        )
        return cursor.fetchone()[0]
