"""What the buurtberichten tests speak of: places around Keizerstraat 12a (the shared `adressen`
fixture, in buurt Centrum 112900–113200 × 552900–553200), subscriptions and berichten there, and
the mails the mail outbox holds."""

from django.contrib.gis.geos import LineString, Point
from django.utils import timezone

from kern.crs import RD_NEW, naar_wgs84
from kern.mail import verzending
from kern.mail.models import Bezorging as MailBezorging
from loket.buurtberichten import berichten, gebieden
from loket.buurtberichten.abonnementen import Voorkeuren
from loket.buurtberichten.models import Abonnement, Gebied, Onderwerp
from tests.support.adressen import NUM_12A

ADRES_12A = f"adres-{NUM_12A}"
# Keizerstraat 12a's verblijfsobject lies at (113005, 553005).
BIJ_12A = Point(113050, 553005, srid=RD_NEW)  # 45 m east
VER_WEG = Point(113500, 553400, srid=RD_NEW)  # ~630 m away, outside buurt Centrum
ALLE = list(Onderwerp.values)


def punt(x, y):
    return Point(x, y, srid=RD_NEW)


def lijn(*coords):
    return LineString(*coords, srid=RD_NEW)


def vlak_geojson(minx, miny, maxx, maxy) -> dict:
    """A rectangle in RD New as a GeoJSON polygon in WGS84 (as the map sends it)."""
    hoeken = [(minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy), (minx, miny)]
    return {"type": "Polygon", "coordinates": [[list(naar_wgs84(x, y)) for x, y in hoeken]]}


def abonnement(
    gebied: gebieden.NieuwGebied,
    *,
    onderwerpen=None,
    frequentie="direct",
    email="bewoner@example.org",
    bevestigd=True,
    gepauzeerd=False,
) -> Abonnement:
    """A subscription straight in the database (the pages and the opt-in are tested on their own)."""
    a = Abonnement.objects.create(
        email=email,
        onderwerpen=onderwerpen or ALLE,
        frequentie=frequentie,
        bron="test",
        bevestigd_op=timezone.now() if bevestigd else None,
        gepauzeerd=gepauzeerd,
    )
    gebied.maak(a).save()
    return a


def zet(abo: Abonnement, **velden) -> None:
    """Change a subscription as the services do: saved, and copied into its areas."""
    for naam, waarde in velden.items():
        setattr(abo, naam, waarde)
    abo.save()
    abo.werk_gebieden_bij()


def rond(x, y, straal) -> gebieden.NieuwGebied:
    return gebieden.NieuwGebied(
        Gebied.Soort.ADRES, f"test {straal} m", punt(x, y).buffer(straal, quadsegs=8), straal
    )


def bericht(geom=BIJ_12A, soort=Onderwerp.WERKZAAMHEDEN, titel="Nieuwe riolering", **extra):
    return berichten.publiceer(
        berichten.NieuwBericht(
            soort=soort, titel=titel, tekst="De straat gaat open voor nieuwe riolering.", geom=geom, **extra
        )
    )


def voorkeuren(onderwerpen=None, frequentie="direct") -> Voorkeuren:
    return Voorkeuren(onderwerpen or ALLE, frequentie)


def geplande_mails(soort: str | None = None) -> list[dict]:
    """What the mail outbox (kern.mail) holds, oldest first, as it will be sent: sleutel, aan,
    onderwerp, tekst, html, headers (a shared body with the subscriber's own part put in), bijlagen as
    (content-id, bytes, mimetype), soort."""
    rijen = MailBezorging.objects.order_by("id")
    if soort:
        rijen = rijen.filter(soort=soort)
    mails = []
    for r in rijen.select_related("inhoud"):
        tekst, html, headers = verzending.inhoud(r)
        mails.append(
            {
                "sleutel": r.sleutel,
                "aan": r.aan,
                "onderwerp": r.onderwerp,
                "tekst": tekst,
                "html": html,
                "headers": headers,
                "bijlagen": verzending.bijlagen(r),
                "soort": r.soort,
            }
        )
    return mails
