"""BGT download of PDOK (IMGeo 2.1.1 CityGML) into the one table kaartlagen_bgtobject.

A download holds a bgt_<type>.gml per object type; each is a CityModel whose cityObjectMembers are
voorkomens, so with history an object appears once per voorkomen. We keep the voorkomen in force
(no eindRegistratie; the latest tijdstipRegistratie if there are several) and end what the delivery
ends: an object whose every voorkomen has eindRegistratie is removed from the table. A later import
only replaces an object with an equal or newer tijdstipRegistratie, so an old download never
overwrites a newer one. Objects that are simply absent from a file are left alone: a download is an
area, not the whole registry.
"""

import hashlib
import re
from datetime import date, datetime

from lxml import etree

from kern.crs import RD_NEW_URN
from kern.importing import verbinding
from kern.importing.gml import GeometryError, first_geometry, geometry_wkt, local_name
from kern.importing.levering import importeer
from kern.importing.merge import geometry_from_wkt, prepare_geometry, upsert
from kern.importing.pipeline import (
    Context,
    ImportFout,
    Objectsoort,
    RecordFout,
    Telling,
    iter_elements,
    tijdstip,
)

CITYGML = "http://www.opengis.net/citygml/2.0"
MEMBER = f"{{{CITYGML}}}cityObjectMember"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# IMGeo 2.1.1 fixes RD New for the whole BGT, and real PDOK files rely on that: bgt_pand.gml has no
# srsName on its gml:MultiSurface at all. So a *missing* srsName is RD New by specification, while a
# *different* srsName is still an error (geometry_wkt checks every srsName it finds against RD New).
RD_SRS_NAME = RD_NEW_URN

# kaartlagen.models.BgtObject's table, named rather than read from the model: the lean start of
# import_bgt loads no models (config/importeren.py); its field lengths come from the database.
TABLE = "kaartlagen_bgtobject"
_BESTANDSNAAM = re.compile(r"^bgt_([a-z]+)", re.IGNORECASE)

# IMGeo attributes that CityGML base classes carry under their own English names.
_FUNCTIE = ("function", "class", "bgt-type", "bgt-functie", "openbareRuimteType")
_FYSIEK = ("surfaceMaterial", "bgt-fysiekVoorkomen")
# On PlantCover (begroeidterreindeel) CityGML's class holds bgt-fysiekVoorkomen, not a type.
_CLASS_IS_FYSIEK = {"PlantCover"}
_LABELPUNT = "{*}openbareRuimteNaam/{*}Label/{*}positie/{*}Labelpositie/{*}plaatsingspunt"

_STAGING = [
    ("identificatie", "text"),  # lokaalID
    ("regelnummer", "integer"),
    ("overslaan", "boolean"),
    ("tijdstip_registratie", "timestamptz"),
    ("eind_registratie", "timestamptz"),
    ("objecttype", "text"),
    ("namespace", "text"),
    ("bronhouder", "text"),
    ("bgt_status", "text"),
    ("plus_status", "text"),
    ("functie", "text"),
    ("fysiek_voorkomen", "text"),
    ("plus_functie", "text"),
    ("plus_fysiek_voorkomen", "text"),
    ("relatieve_hoogteligging", "smallint"),
    ("bag_pand_identificatie", "text"),
    ("creation_date", "date"),
    ("bron_hash", "text"),
    ("wkt", "text"),
]
_COLUMNS = [
    "objecttype",
    "lokaal_id",
    "namespace",
    "bronhouder",
    "bgt_status",
    "plus_status",
    "functie",
    "fysiek_voorkomen",
    "plus_functie",
    "plus_fysiek_voorkomen",
    "relatieve_hoogteligging",
    "bag_pand_identificatie",
    "tijdstip_registratie",
    "creation_date",
    "geom",
    "bron_hash",
]
_LEEG = [None] * (len(_STAGING) - 5)


def _text(el) -> str:
    return (el.text or "").strip() if el is not None else ""


def _veld(column: str, value: str) -> str:
    """A value that fits its column: an over-long one would fail the whole file at the COPY."""
    lengte = verbinding.kolomlengtes(TABLE)[column]
    if len(value) > lengte:
        raise RecordFout("veld_ongeldig", f"{column} '{value[:40]}…' is langer dan {lengte} tekens")
    return value


def _tijdstip(kids: dict, name: str) -> datetime | None:
    text = _text(kids.get(name))
    if not text:
        return None
    try:
        return tijdstip(text)
    except ValueError:
        raise RecordFout("veld_ongeldig", f"{name} '{text}' is geen tijdstip") from None


class _Vooruit:
    """The file with its first bytes read ahead, so the root element is known before streaming."""

    def __init__(self, fh, size: int = 1 << 16):
        self.fh = fh
        self.kop = fh.read(size)

    def read(self, n: int = -1) -> bytes:
        if not self.kop:
            return self.fh.read(n)
        if n is None or n < 0:
            data, self.kop = self.kop + self.fh.read(), b""
        else:
            data, self.kop = self.kop[:n], self.kop[n:]
        return data


def _hoofdelement(kop: bytes):
    """The root element (tag and line) from the first bytes, or None if they do not show it."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True)
    try:
        parser.feed(kop)
        for _, el in parser.read_events():
            return el.tag, el.sourceline
    except etree.XMLSyntaxError:
        pass  # the streaming parse reports it, with its line
    return None


class BgtSoort(Objectsoort):
    """Every object type of the BGT: the file name says which one, the merge is the same."""

    code = "BGT"
    staging = _STAGING

    def __init__(self, objecttype: str):
        self.objecttype = objecttype

    def records(self, fh, ctx: Context):
        fh = _Vooruit(fh)
        root = _hoofdelement(fh.kop)
        if root is not None and root[0] != f"{{{CITYGML}}}CityModel":
            tag, regelnummer = root
            raise ImportFout(
                "formaat_onbekend",
                f"geen IMGeo-CityGML zoals PDOK de BGT levert: het hoofdelement is {local_name(tag)} "
                f"({etree.QName(tag).namespace or 'zonder namespace'}); verwacht CityModel van CityGML 2.0",
                regelnummer=regelnummer,
            )
        for member in iter_elements(fh, {MEMBER}, ctx):
            regelnummer, lokaal_id, tijdstip = member.sourceline, None, None
            try:
                feature = next((c for c in member if isinstance(c.tag, str)), None)
                if feature is None:
                    raise RecordFout("veld_ontbreekt", "cityObjectMember zonder object")
                regelnummer = feature.sourceline
                kids = {}
                for child in feature:
                    if isinstance(child.tag, str):
                        kids.setdefault(local_name(child.tag), child)
                lokaal_id = _text(feature.find("{*}identificatie/{*}NEN3610ID/{*}lokaalID"))
                if not lokaal_id:
                    raise RecordFout("veld_ontbreekt", "lokaalID (imgeo:identificatie/NEN3610ID) ontbreekt")
                _veld("lokaal_id", lokaal_id)
                tijdstip = _tijdstip(kids, "tijdstipRegistratie")
                eind = _tijdstip(kids, "eindRegistratie")
                if eind is not None:
                    # A superseded voorkomen: the merge only needs to know it exists, not its content
                    # (so a flaw in its geometry is no reason to report anything).
                    yield [lokaal_id, regelnummer, False, tijdstip, eind, *_LEEG]
                    continue
                values = self.velden(feature, kids)
                wkt = self.geometry(feature, kids)
                digest = hashlib.md5(repr((lokaal_id, tijdstip, values, wkt)).encode(), usedforsecurity=False)
                yield [lokaal_id, regelnummer, False, tijdstip, None, *values, digest.hexdigest(), wkt]
            except (GeometryError, RecordFout, ValueError) as exc:
                # Our own field checks raise RecordFout; what else fails is in the GML geometry.
                code = getattr(exc, "code", "geometrie_ongeldig")
                ctx.noteer("overgeslagen", code, regelnummer, lokaal_id or None, str(exc))
                if lokaal_id:
                    # Kept in staging (marked) so that an older voorkomen cannot take its place.
                    yield [lokaal_id, regelnummer, True, tijdstip, None, *_LEEG]

    def velden(self, feature, kids: dict) -> list:
        functie = fysiek = plus_functie = plus_fysiek = ""
        for name, el in kids.items():
            if name in _FYSIEK or (name == "class" and local_name(feature.tag) in _CLASS_IS_FYSIEK):
                fysiek = fysiek or _text(el)
            elif name in _FUNCTIE:
                functie = functie or _text(el)
            elif name.startswith(("plus-functie", "plus-type")):
                plus_functie = plus_functie or _text(el)
            elif name.startswith("plus-fysiekVoorkomen"):
                plus_fysiek = plus_fysiek or _text(el)
        bronhouder, status = _text(kids.get("bronhouder")), _text(kids.get("bgt-status"))
        if not bronhouder or not status:
            raise RecordFout(
                "veld_ontbreekt", "bronhouder ontbreekt" if not bronhouder else "bgt-status ontbreekt"
            )
        hoogte = _text(kids.get("relatieveHoogteligging")) or "0"
        if not re.fullmatch(r"-?\d{1,2}", hoogte):
            raise RecordFout(
                "veld_ongeldig", f"relatieveHoogteligging '{hoogte[:20]}' is geen klein geheel getal"
            )
        created = _text(kids.get("creationDate"))
        try:
            creation_date = date.fromisoformat(created[:10]) if created else None
        except ValueError:
            raise RecordFout("veld_ongeldig", f"creationDate '{created[:20]}' is geen datum") from None
        namespace = _text(feature.find("{*}identificatie/{*}NEN3610ID/{*}namespace")) or "NL.IMGeo"
        return [
            self.objecttype,
            _veld("namespace", namespace),
            _veld("bronhouder", bronhouder),
            _veld("bgt_status", status),
            _veld("plus_status", _text(kids.get("plus-status"))),
            _veld("functie", functie),
            _veld("fysiek_voorkomen", fysiek),
            _veld("plus_functie", plus_functie),
            _veld("plus_fysiek_voorkomen", plus_fysiek),
            int(hoogte),
            _veld("bag_pand_identificatie", _text(kids.get("identificatieBAGPND"))),
            creation_date,
        ]

    @staticmethod
    def geometry(feature, kids: dict) -> str:
        for name, prop in kids.items():
            if name.startswith("geometrie2d") and prop.get(XSI_NIL) != "true":
                el = first_geometry(prop)
                if el is not None:
                    return geometry_wkt(el, feature, default_srs=RD_SRS_NAME)
        # A label has no geometrie2d: it stands at the plaatsingspunt of each of its positions.
        points = []
        for prop in feature.iterfind(_LABELPUNT):
            el = first_geometry(prop)
            if el is not None:
                wkt = geometry_wkt(el, feature, default_srs=RD_SRS_NAME)
                if not wkt.startswith("POINT("):
                    raise GeometryError("plaatsingspunt is geen gml:Point")
                points.append(wkt.removeprefix("POINT"))
        if len(points) > 1:
            return "MULTIPOINT(" + ", ".join(points) + ")"
        if points:
            return "POINT" + points[0]
        raise RecordFout("geometrie_ontbreekt", "geometrie (imgeo:geometrie2d…) ontbreekt")

    def merge(self, cursor, ctx: Context) -> Telling:
        telling = Telling()
        cursor.execute(
            f"create temporary table cur on commit drop as select s.*, "
            f"case when not overslaan then {geometry_from_wkt('any')} end as geom from ("
            "select distinct on (identificatie) * from staging where eind_registratie is null "
            "order by identificatie, tijdstip_registratie desc nulls last, regelnummer desc) s"
        )
        # Ended by this delivery: every voorkomen has eindRegistratie. Only a version we hold that
        # was registered before that end goes, so an old download cannot remove a newer object.
        cursor.execute(
            f"delete from {TABLE} t using (select identificatie, max(eind_registratie) as eind from staging "
            "group by identificatie having bool_and(eind_registratie is not null)) e "
            f"where t.lokaal_id = e.identificatie and (t.tijdstip_registratie is null "
            "or t.tijdstip_registratie <= e.eind)"
        )
        telling.beeindigd = cursor.rowcount
        cursor.execute("select (select count(*) from staging) - (select count(*) from cur)")
        telling.historisch = cursor.fetchone()[0] - telling.beeindigd
        cursor.execute("delete from cur where overslaan")
        prepare_geometry(cursor, ctx, "any")
        cursor.execute("alter table cur rename column identificatie to lokaal_id")
        cursor.execute("select count(*) from cur")
        current = cursor.fetchone()[0]
        telling.nieuw, telling.gewijzigd = upsert(
            cursor,
            TABLE,
            _COLUMNS,
            "lokaal_id",
            newer_only=f"(excluded.tijdstip_registratie is null or {TABLE}.tijdstip_registratie is null "
            f"or excluded.tijdstip_registratie >= {TABLE}.tijdstip_registratie)",
        )
        telling.ongewijzigd = current - telling.nieuw - telling.gewijzigd
        return telling


def _objecttype(name: str) -> str | None:
    match = _BESTANDSNAAM.match(name.rsplit("!", 1)[-1].rsplit("/", 1)[-1])
    return match.group(1).lower() if match else None


def _soort_voor(basename: str) -> Objectsoort | None:
    objecttype = _objecttype(basename)
    return BgtSoort(objecttype) if objecttype and basename.lower().endswith(".gml") else None


def _volgorde(name: str):
    return name.lower()  # no references between BGT files: any stable order will do


def importeer_bgt(bron, *, opnieuw: bool = False, werkers: int = 1, stream=None):
    """Import a BGT download of PDOK: the zip with its bgt_<type>.gml files, a folder, or one file."""
    verbinding.kolomlengtes(TABLE)  # before the workers fork and any COPY starts
    return importeer("bgt", bron, _soort_voor, _volgorde, opnieuw=opnieuw, werkers=werkers, stream=stream)
