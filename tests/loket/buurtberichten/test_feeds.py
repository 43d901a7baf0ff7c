"""Atom (RFC 4287) per buurt and per bbox, iCalendar (RFC 5545) per buurt: both parsed by
independent libraries (feedparser, icalendar), and both without personal data."""

from datetime import date

import feedparser
import icalendar
import pytest
from lxml import etree

from kern.crs import naar_wgs84
from loket.buurtberichten.models import Onderwerp
from tests.loket.buurtberichten.helpers import BIJ_12A, VER_WEG, bericht

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def berichten(buurt):
    return [
        bericht(titel="Riolering; fase 1, Keizerstraat", begin=date(2026, 12, 7), eind=date(2026, 12, 18)),
        bericht(soort=Onderwerp.EVENEMENT, titel="Kerstmarkt", begin=date(2026, 12, 20)),
        bericht(soort=Onderwerp.OMLEIDING, titel="Omleiding", begin=date(2026, 12, 7)),
        bericht(titel="Elders", geom=VER_WEG, begin=date(2026, 12, 7)),
    ]


def test_atom_per_buurt_geldig(client, berichten, buurt):
    r = client.get(f"/buurtberichten/feeds/buurt/{buurt}.atom")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert {e.title for e in feed.entries} == {"Riolering; fase 1, Keizerstraat", "Kerstmarkt", "Omleiding"}
    # RFC 4287 4.1.1/4.1.2: feed and every entry have id, title, updated; the feed an author.
    xml = etree.fromstring(r.content)
    for naam in ("id", "title", "updated", "author"):
        assert xml.find(ATOM + naam) is not None, naam
    for entry in xml.findall(ATOM + "entry"):
        for naam in ("id", "title", "updated", "link"):
            assert entry.find(ATOM + naam) is not None, naam
        assert entry.find(ATOM + "id").text.startswith("urn:uuid:")
    assert b"@" not in r.content  # no e-mail addresses anywhere


def test_atom_per_bbox(client, berichten):
    lon0, lat0 = naar_wgs84(BIJ_12A.x - 50, BIJ_12A.y - 50)
    lon1, lat1 = naar_wgs84(BIJ_12A.x + 50, BIJ_12A.y + 50)
    r = client.get("/buurtberichten/feeds/gebied.atom", {"bbox": f"{lon0},{lat0},{lon1},{lat1}"})
    feed = feedparser.parse(r.content)
    assert not feed.bozo and len(feed.entries) == 3
    assert client.get("/buurtberichten/feeds/gebied.atom", {"bbox": "1,2,3"}).status_code == 400
    r = client.get("/buurtberichten/feeds/gebied.atom", {"bbox": "4,52,5,53"})
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"


def test_icalendar_per_buurt_geldig(client, berichten, buurt):
    r = client.get(f"/buurtberichten/feeds/buurt/{buurt}.ics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    assert all(len(regel) <= 75 for regel in r.content.split(b"\r\n"))  # folded lines
    kalender = icalendar.Calendar.from_ical(r.content)
    assert str(kalender["VERSION"]) == "2.0" and kalender["PRODID"]
    events = {str(e["SUMMARY"]): e for e in kalender.walk("VEVENT")}
    assert set(events) == {"Riolering; fase 1, Keizerstraat", "Kerstmarkt"}  # werkzaamheden, evenementen
    riool = events["Riolering; fase 1, Keizerstraat"]
    assert riool["DTSTART"].dt == date(2026, 12, 7) and riool["DTEND"].dt == date(2026, 12, 19)
    assert events["Kerstmarkt"]["DTEND"].dt == date(2026, 12, 21)
    lat, lon = riool["GEO"].latitude, riool["GEO"].longitude
    assert 52 < lat < 54 and 4 < lon < 6
    assert str(riool["UID"]).endswith("@127.0.0.1") and riool["URL"]


def test_onbekende_buurt(client, buurt):
    assert client.get("/buurtberichten/feeds/buurt/BU99999999.atom").status_code == 404
    assert client.get("/buurtberichten/feeds/buurt/BU99999999.ics").status_code == 404
