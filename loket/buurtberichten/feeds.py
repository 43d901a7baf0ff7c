"""Channels beside e-mail, without personal data: an Atom feed (RFC 4287) per buurt and per bbox,
and an iCalendar feed (RFC 5545) of werkzaamheden and evenementen per buurt."""

from datetime import timedelta

from django.contrib.gis.geos import Polygon
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from kern import gemeente
from kern.crs import RD_NEW, WGS84
from loket.buurtberichten import berichten, geometrie, mails
from loket.buurtberichten.fouten import BuurtberichtFout
from loket.buurtberichten.models import Bericht, Onderwerp

MAX_ITEMS = 100
AGENDA_SOORTEN = [Onderwerp.WERKZAAMHEDEN, Onderwerp.EVENEMENT]
MAX_BBOX_GRADEN = 0.5


def bbox_geometrie(tekst: str) -> Polygon:
    """`minlon,minlat,maxlon,maxlat` in WGS84 → a polygon in RD New inside the municipality."""
    try:
        minx, miny, maxx, maxy = (float(v) for v in tekst.split(","))
    except ValueError:
        raise BuurtberichtFout(
            "bbox_ongeldig", "Geef bbox als minlon,minlat,maxlon,maxlat (WGS84)."
        ) from None
    if not (minx < maxx and miny < maxy) or maxx - minx > MAX_BBOX_GRADEN or maxy - miny > MAX_BBOX_GRADEN:
        raise BuurtberichtFout("bbox_ongeldig", "De bbox klopt niet of is groter dan een halve graad.")
    vak = Polygon.from_bbox((minx, miny, maxx, maxy))
    vak.srid = WGS84
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise BuurtberichtFout("buiten_crs", "Deze coördinaten bestaan niet in WGS84.")
    vak.transform(RD_NEW)
    return vak


def atom(titel: str, zelf_url: str, items) -> str:
    g = gemeente.huidige()
    feed = Atom1Feed(
        title=titel,
        link=mails.link("buurtberichten:lijst"),
        feed_url=zelf_url,
        description=f"Berichten over wat er speelt in de buurt, van gemeente {g.naam}.",
        language="nl",
        author_name=f"Gemeente {g.naam}",
        feed_guid=zelf_url,
    )
    for b in items[:MAX_ITEMS]:
        feed.add_item(
            title=b.titel,
            link=mails.link("buurtberichten:bericht", b.uuid),
            description=b.tekst,
            unique_id=f"urn:uuid:{b.uuid}",
            unique_id_is_permalink=False,
            pubdate=b.gepubliceerd,
            updateddate=b.gepubliceerd,
            categories=[b.get_soort_display()],
        )
    return feed.writeString("utf-8")


def _escape(tekst: str) -> str:
    return (
        tekst.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _vouw(regel: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF + one space."""
    data, delen = regel.encode(), []
    while len(data) > 75:
        knip = 75 if not delen else 74
        while knip and (data[knip] & 0xC0) == 0x80:  # never split a UTF-8 character
            knip -= 1
        delen.append(data[:knip])
        data = data[knip:]
    delen.append(data)
    return "\r\n ".join(d.decode() for d in delen)


def _datum(d) -> str:
    return d.strftime("%Y%m%d")


def icalendar(naam: str, items: list[Bericht], host: str) -> str:
    g = gemeente.huidige()
    nu = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Gemeente {_escape(g.naam)}//Buurtberichten//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(naam)}",
    ]
    for b in items:
        if b.begin is None:
            continue
        lon, lat = geometrie.middelpunt_wgs84(b.geom)
        regels += [
            "BEGIN:VEVENT",
            f"UID:{b.uuid}@{host}",
            f"DTSTAMP:{nu}",
            f"DTSTART;VALUE=DATE:{_datum(b.begin)}",
            # DTEND of an all-day event is the day after the last day (exclusive).
            f"DTEND;VALUE=DATE:{_datum((b.eind or b.begin) + timedelta(days=1))}",
            f"SUMMARY:{_escape(b.titel)}",
            f"DESCRIPTION:{_escape(b.tekst)}",
            f"URL:{mails.link('buurtberichten:bericht', b.uuid)}",
            f"GEO:{lat:.6f};{lon:.6f}",
            f"CATEGORIES:{_escape(b.get_soort_display())}",
            "END:VEVENT",
        ]
    regels.append("END:VCALENDAR")
    return "".join(_vouw(r) + "\r\n" for r in regels)


def agenda_items(buurt_geom) -> list[Bericht]:
    return list(berichten.in_gebied(buurt_geom, AGENDA_SOORTEN)[:MAX_ITEMS])
