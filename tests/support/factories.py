"""factory_boy factories for the rows tests need, built as the importers and services would leave them.

BAG and CBS rows get what the importers derive in their merge SQL (kaartlagen/importing/bagsoort.py,
cbs.py): the voorkomen in force, `actief` from status and eindGeldigheid, geometries in RD New as
multipolygons (points for verblijfsobjecten), a buurt's gemeente and wijk from its code. `bron_hash`
is a random fingerprint: a row made here was never delivered, so a later import of the same object
counts as a change, never as "ongewijzigd". Tests of the importers themselves keep using the importers.

Generated identificaties and codes lie in ranges that tests do not pick by hand (e.g. panden
04001090…), so a factory row never collides with a fixed one such as the `adressen` fixture's.
"""

import uuid
from datetime import date, datetime

import factory
from django.contrib.auth.models import Permission, User
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils import timezone
from factory.django import DjangoModelFactory

from kaartlagen.importing.bagsoort import BEEINDIGDE_STATUSSEN
from kaartlagen.models import (
    BgtObject,
    Buurt,
    Nummeraanduiding,
    OpenbareRuimte,
    Pand,
    Verblijfsobject,
    Wijk,
    Woonplaats,
)
from kern.crs import RD_NEW
from kern.importing.pipeline import LEVERING_TIJDZONE
from loket.meldingen.models import Categorie, Routeringsregel, Volger
from loket.zaken.models import Team


def vierkant(x: float, y: float, grootte: float = 10.0) -> Polygon:
    """A square in RD New with its lower left corner at (x, y), counter-clockwise from that corner
    (the ring order of the hand-made BAG files in tests/support/bagxml.py)."""
    ring = [(x, y), (x + grootte, y), (x + grootte, y + grootte), (x, y + grootte), (x, y)]
    return Polygon(ring, srid=RD_NEW)


def rechthoek(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    """A box in RD New, counter-clockwise from (x0, y0)."""
    return Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], srid=RD_NEW)


def vlak(x0: float, y0: float, x1: float, y1: float) -> MultiPolygon:
    """A box in RD New as the multipolygon the importers store."""
    return MultiPolygon(rechthoek(x0, y0, x1, y1), srid=RD_NEW)


def _vingerafdruk() -> str:
    return uuid.uuid4().hex


# --- BAG ------------------------------------------------------------------------------------------


class BagObjectFactory(DjangoModelFactory):
    """The fields every BAG object has, as a stand extract's voorkomen in force delivers them."""

    class Meta:
        abstract = True

    voorkomenidentificatie = 1
    begin_geldigheid = date(2020, 1, 1)
    eind_geldigheid = None
    # The extract's local time, as the importer reads it (kern.importing.pipeline.LEVERING_TIJDZONE).
    tijdstip_registratie = datetime(2020, 1, 1, 10, 0, tzinfo=LEVERING_TIJDZONE)
    geconstateerd = False
    documentdatum = date(2020, 1, 1)
    documentnummer = "T"
    # What the merge computes: the object exists now (not ended, not in a final status).
    actief = factory.LazyAttribute(
        lambda o: (
            (o.eind_geldigheid is None or o.eind_geldigheid > date.today())
            and o.status not in BEEINDIGDE_STATUSSEN
        )
    )
    bron_hash = factory.LazyFunction(_vingerafdruk)


class WoonplaatsFactory(BagObjectFactory):
    """Den Helder (3056) unless told otherwise; made once and shared by the objects that lie in it."""

    class Meta:
        model = Woonplaats
        django_get_or_create = ("identificatie",)

    identificatie = "3056"
    naam = "Den Helder"
    status = "Woonplaats aangewezen"
    geom = factory.LazyFunction(lambda: vlak(110000, 546000, 118000, 556000))


class OpenbareRuimteFactory(BagObjectFactory):
    class Meta:
        model = OpenbareRuimte

    identificatie = factory.Sequence(lambda n: f"04003090{n:08d}")
    naam = factory.Sequence(lambda n: f"Straat {n}")
    type = "Weg"
    status = "Naamgeving uitgegeven"
    woonplaats = factory.SubFactory(WoonplaatsFactory)


class NummeraanduidingFactory(BagObjectFactory):
    class Meta:
        model = Nummeraanduiding

    identificatie = factory.Sequence(lambda n: f"04002090{n:08d}")
    huisnummer = factory.Sequence(lambda n: n + 1)
    huisletter = ""
    huisnummertoevoeging = ""
    postcode = "1781AB"
    type_adresseerbaar_object = "Verblijfsobject"
    status = "Naamgeving uitgegeven"
    openbare_ruimte = factory.SubFactory(OpenbareRuimteFactory)
    woonplaats = None  # only when the address lies in another woonplaats than its street


class PandFactory(BagObjectFactory):
    """A 10 × 10 m pand with its lower left corner at (x, y); `status="Pand gesloopt"` makes it inactive."""

    class Meta:
        model = Pand

    class Params:
        x = 113000.0
        y = 553000.0
        grootte = 10.0

    identificatie = factory.Sequence(lambda n: f"04001090{n:08d}")
    documentnummer = "T-1"
    status = "Pand in gebruik"
    oorspronkelijk_bouwjaar = 1930
    geom = factory.LazyAttribute(lambda o: MultiPolygon(vierkant(o.x, o.y, o.grootte), srid=RD_NEW))


class VerblijfsobjectFactory(BagObjectFactory):
    """A dwelling at (x, y) with its hoofdadres, in `pand`; without `pand` (or `panden`, a list of
    identificaties) in a new pand around the point."""

    class Meta:
        model = Verblijfsobject

    class Params:
        x = 113005.0
        y = 553005.0
        pand = None

    identificatie = factory.Sequence(lambda n: f"04000190{n:08d}")
    status = "Verblijfsobject in gebruik"
    hoofdadres = factory.SubFactory(NummeraanduidingFactory)
    nevenadressen = factory.LazyFunction(list)
    gebruiksdoelen = factory.LazyFunction(lambda: ["woonfunctie"])
    oppervlakte = 80
    panden = factory.Maybe(
        "pand",
        yes_declaration=factory.LazyAttribute(lambda o: [o.pand.identificatie]),
        no_declaration=factory.LazyAttribute(lambda o: [PandFactory(x=o.x - 5, y=o.y - 5).identificatie]),
    )
    geom = factory.LazyAttribute(lambda o: Point(o.x, o.y, srid=RD_NEW))


# --- CBS ------------------------------------------------------------------------------------------


class WijkFactory(DjangoModelFactory):
    class Meta:
        model = Wijk

    class Params:
        bbox = (112000, 552000, 114000, 554000)

    code = factory.Sequence(lambda n: f"WK0400{50 + n % 50:02d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    gemeentecode = factory.LazyAttribute(lambda o: "GM" + o.code[2:6])
    geom = factory.LazyAttribute(lambda o: vlak(*o.bbox))
    bron_hash = factory.LazyFunction(_vingerafdruk)


class BuurtFactory(DjangoModelFactory):
    """A buurt; like the importer, its gemeente and wijk follow from its code and the wijk row is not
    required (make it with WijkFactory(code=buurt.wijk_id) when a test needs it)."""

    class Meta:
        model = Buurt

    class Params:
        bbox = (112900, 552900, 113200, 553200)

    code = factory.Sequence(lambda n: f"BU0400{50 + n // 100 % 50:02d}{n % 100:02d}")
    naam = factory.Sequence(lambda n: f"Buurt {n}")
    gemeentecode = factory.LazyAttribute(lambda o: "GM" + o.code[2:6])
    wijk_id = factory.LazyAttribute(lambda o: "WK" + o.code[2:8])
    geom = factory.LazyAttribute(lambda o: vlak(*o.bbox))
    bron_hash = factory.LazyFunction(_vingerafdruk)


# --- BGT ------------------------------------------------------------------------------------------


class BgtObjectFactory(DjangoModelFactory):
    """An existing BGT object of the municipality; a 10 × 10 m wegdeel unless told otherwise."""

    class Meta:
        model = BgtObject

    class Params:
        bbox = (113000, 553000, 113010, 553010)

    objecttype = "wegdeel"
    lokaal_id = factory.Sequence(lambda n: f"G0400.fabriek{n}")
    bronhouder = "G0400"
    bgt_status = "bestaand"
    geom = factory.LazyAttribute(lambda o: rechthoek(*o.bbox))
    bron_hash = factory.LazyFunction(_vingerafdruk)


# --- Users, teams, zaken and meldingen ------------------------------------------------------------


class GebruikerFactory(DjangoModelFactory):
    """A user without a usable password (like `create_user(naam)`); give `password=` to log in by form."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password(None)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"team-{n}")
    naam = factory.LazyAttribute(lambda o: f"Team {o.code}")

    @factory.post_generation
    def leden(team, create, leden, **kwargs):
        if create and leden:
            team.leden.add(*leden)


class MedewerkerFactory(GebruikerFactory):
    """Staff in `teams`, with `rechten` by codename (e.g. "contactgegevens_zien", "alle_zaken")."""

    is_staff = True

    @factory.post_generation
    def teams(user, create, teams, **kwargs):
        if create:
            for team in teams or ():
                team.leden.add(user)

    @factory.post_generation
    def rechten(user, create, rechten, **kwargs):
        if create and rechten:
            user.user_permissions.add(*Permission.objects.filter(codename__in=rechten))
            # Django caches permissions on the object; the next has_perm must see these.
            for cache in ("_perm_cache", "_user_perm_cache"):
                user.__dict__.pop(cache, None)


class CategorieFactory(DjangoModelFactory):
    """A hoofdcategorie; with `hoofdcategorie=` a subcategorie (which is what a melding gets)."""

    class Meta:
        model = Categorie

    naam = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    hoofdcategorie = None


class RouteringsregelFactory(DjangoModelFactory):
    """A rule without conditions (it matches everything) for a new team, first in line."""

    class Meta:
        model = Routeringsregel

    volgorde = 1
    naam = factory.Sequence(lambda n: f"Regel {n}")
    team = factory.SubFactory(TeamFactory)


class VolgerFactory(DjangoModelFactory):
    """Someone who joined `melding` and confirmed the address (required: a melding comes from
    loket.meldingen.services.meld)."""

    class Meta:
        model = Volger

    email = factory.Sequence(lambda n: f"volger{n}@example.org")
    bevestigd = factory.LazyFunction(timezone.now)
