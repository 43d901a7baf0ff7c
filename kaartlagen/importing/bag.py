"""LV BAG 2.0 extract (Kadaster 'Objecten' XML, sl-bag-extract:bagStand) into the BAG tables.

A stand extract holds every voorkomen of every object. We keep the one in force: the voorkomen
without eindRegistratie with the highest voorkomenidentificatie. A later import only replaces an
object with an equal or newer voorkomen, so an old delivery never overwrites a newer one.
"""

import re
from datetime import date, datetime
from pathlib import Path

from kaartlagen.importing.copytekst import NULL, copy_array, copy_tekst
from kaartlagen.importing.gml import GeometryError, first_geometry, geometry_wkt
from kaartlagen.importing.merge import geometry_from_wkt, prepare_geometry, upsert
from kaartlagen.importing.pipeline import (
    LEVERING_TIJDZONE,
    Context,
    Objectsoort,
    RecordFout,
    Telling,
    importeer,
    iter_elements,
)

# Load order: what is referred to comes before what refers to it.
VOLGORDE = ["WPL", "OPR", "NUM", "PND", "VBO", "LIG", "STA"]
_BESTANDSNAAM = re.compile(r"^\d{4}(WPL|OPR|NUM|PND|VBO|LIG|STA)\d{8}")

# Statuses after which an object no longer exists in reality (BAG 2.0 catalogus, statuswaarden).
BEEINDIGDE_STATUSSEN = (
    "Pand gesloopt",
    "Niet gerealiseerd pand",
    "Pand ten onrechte opgevoerd",
    "Verblijfsobject ingetrokken",
    "Niet gerealiseerd verblijfsobject",
    "Verblijfsobject ten onrechte opgevoerd",
    "Plaats ingetrokken",
    "Naamgeving ingetrokken",
    "Woonplaats ingetrokken",
)

_COMMON = [
    ("identificatie", "text"),
    ("regel", "integer"),
    ("overslaan", "boolean"),
    ("voorkomenidentificatie", "integer"),
    ("begin_geldigheid", "date"),
    ("eind_geldigheid", "date"),
    ("tijdstip_registratie", "timestamptz"),
    ("eind_registratie", "timestamptz"),
    ("status", "text"),
    ("geconstateerd", "boolean"),
    ("documentdatum", "date"),
    ("documentnummer", "text"),
]
_TARGET_COMMON = [
    "identificatie",
    "voorkomenidentificatie",
    "begin_geldigheid",
    "eind_geldigheid",
    "tijdstip_registratie",
    "status",
    "geconstateerd",
    "documentdatum",
    "documentnummer",
    "actief",
    "bron_hash",
]


# Tag names repeat endlessly in a delivery; a dict lookup beats splitting each one again. Comments
# and processing instructions (whose tag is not a string) get the name "", which no field has.
_LOCAL_NAMES: dict = {}


def _local(tag) -> str:
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 10_000:  # bounded: a hostile file could invent endless names
            _LOCAL_NAMES[tag] = name
    return name


def _refs(el) -> list[str]:
    return [r.text.strip() for r in el if r.text]


def _datum(text: str | None) -> str:
    """An optional date as COPY text. Dates and times are parsed here, not by COPY: one malformed
    date must skip one object, not fail the file."""
    return date.fromisoformat(text.strip()).isoformat() if text else NULL


# The zone's offset as the aware datetime's isoformat writes it, per distinct offset.
_OFFSETS: dict = {}


def _tijdstip(text: str | None) -> str:
    """An optional timestamp as COPY text, the same as `tijdstip(text).isoformat()` at a third of the
    cost: attaching the zone to a datetime is what is slow, so only its offset is looked up."""
    if not text:
        return NULL
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo:
        return value.isoformat()
    offset = LEVERING_TIJDZONE.utcoffset(value)
    suffix = _OFFSETS.get(offset)
    if suffix is None:
        suffix = _OFFSETS[offset] = value.replace(tzinfo=LEVERING_TIJDZONE).isoformat()[
            len(value.isoformat()) :
        ]
    return value.isoformat() + suffix


class BagSoort(Objectsoort):
    """One BAG object type. Subclasses name their element, extra columns and geometry shape; their
    `fields` return the extra columns as COPY text."""

    element: str
    table: str
    extra: list[tuple[str, str]] = []
    shape: str | None = "multipolygon"
    # Children that may occur more than once; `fields` finds them in `multi`.
    herhaald: frozenset = frozenset()

    def __init__(self):
        self.staging = _COMMON + self.extra + ([("wkt", "text")] if self.shape else [])
        self.record_element = self.element

    def fields(self, kids: dict, multi: dict) -> list[str]:
        return []

    def regels(self, fh, ctx: Context):
        # The rows are written as COPY text right here: going through Python values and copy_regel
        # cost a third of the parsing time. Column order is that of self.staging.
        rest = "\t" + "\t".join([NULL] * (len(self.staging) - 4)) + "\n"
        # eind_registratie '-infinity' marks a superseded voorkomen as history for the merge.
        historisch = "\t" + "\t".join([NULL] * 3 + ["-infinity"] + [NULL] * (len(self.staging) - 8)) + "\n"
        herhaald, local_names, offset = self.herhaald, _LOCAL_NAMES, ctx.regel_offset
        for el in iter_elements(fh, {"{*}" + self.element}, ctx):
            identificatie = None
            try:
                kids, multi = {}, {}
                for child in el:
                    tag = child.tag
                    name = local_names.get(tag) or _local(tag)
                    kids[name] = child
                    if name in herhaald:
                        multi.setdefault(name, []).append(child)
                identificatie = (kids["identificatie"].text or "").strip()
                if not identificatie:
                    raise RecordFout("veld_ontbreekt", "identificatie ontbreekt")
                voorkomen = kids.get("voorkomen")
                if voorkomen is None or len(voorkomen) == 0:
                    raise RecordFout("veld_ontbreekt", "voorkomen ontbreekt")
                vk = {}
                for c in voorkomen[0]:
                    tag = c.tag
                    vk[local_names.get(tag) or _local(tag)] = c.text
                begin = f"{copy_tekst(identificatie)}\t{el.sourceline + offset}\tf\t{int(vk['voorkomenidentificatie'])}"
                if vk.get("eindRegistratie"):
                    # A superseded voorkomen only needs to be counted and outranked: skip parsing the rest.
                    yield begin + historisch
                    continue
                values = [
                    begin,
                    _datum(vk["beginGeldigheid"]),
                    _datum(vk.get("eindGeldigheid")),
                    _tijdstip(vk.get("tijdstipRegistratie")),
                    _tijdstip(vk.get("eindRegistratie")),
                    copy_tekst(self.text(kids, "status")),
                    "t" if self.text(kids, "geconstateerd", "N") == "J" else "f",
                    _datum(self.text(kids, "documentdatum", None)),
                    copy_tekst(self.text(kids, "documentnummer", "")),
                    *self.fields(kids, multi),
                ]
                if self.shape:
                    container = kids.get("geometrie")
                    geometry = first_geometry(container) if container is not None else None
                    if geometry is None:
                        raise RecordFout("geometrie_ontbreekt", "geometrie ontbreekt")
                    # Built from checked numbers and keywords only: nothing in it needs escaping.
                    values.append(geometry_wkt(geometry, el))
                yield "\t".join(values) + "\n"
            except (GeometryError, RecordFout, KeyError, ValueError, TypeError) as exc:
                code = getattr(
                    exc, "code", "geometrie_ongeldig" if isinstance(exc, GeometryError) else "veld_ongeldig"
                )
                reden = f"veld {exc} ontbreekt" if isinstance(exc, KeyError) else str(exc)
                ctx.meld("overgeslagen", code, el.sourceline + offset, identificatie, reden)
                if identificatie:
                    # Kept in staging (marked) so that an older voorkomen cannot take its place.
                    yield f"{copy_tekst(identificatie)}\t{el.sourceline + offset}\tt\t{_voorkomen_id(el)}{rest}"

    @staticmethod
    def text(kids: dict, name: str, default=...):
        el = kids.get(name)
        if el is None or el.text is None:
            if default is ...:
                raise RecordFout("veld_ontbreekt", f"veld {name} ontbreekt")
            return default
        return el.text.strip()

    def check_references(self, cursor, ctx: Context) -> None:
        """Objects whose required references do not resolve are skipped; hook for subclasses."""

    def merge(self, cursor, ctx: Context) -> Telling:
        telling = Telling()
        geom = (
            f", case when not overslaan then {geometry_from_wkt(self.shape)} end as geom"
            if self.shape
            else ""
        )
        # The fingerprint of what was delivered and whether the object still exists, computed by the
        # database in the same pass.
        delivered = ", ".join(c for c, _ in self.staging if c not in ("regel", "overslaan"))
        cursor.execute(
            f"create temporary table cur on commit drop as select s.*, md5(row({delivered})::text) as bron_hash"
            f"{geom}, (eind_geldigheid is null or eind_geldigheid > current_date) and status <> all(%s) as actief "
            "from (select distinct on (identificatie) * from staging where eind_registratie is null "
            "order by identificatie, voorkomenidentificatie desc) s",
            [list(BEEINDIGDE_STATUSSEN)],
        )
        cursor.execute("select (select count(*) from staging) - (select count(*) from cur)")
        telling.historisch = cursor.fetchone()[0]
        cursor.execute("delete from cur where overslaan")
        if self.shape:
            prepare_geometry(cursor, ctx, self.shape)
        self.check_references(cursor, ctx)
        cursor.execute("select count(*) from cur")
        current = cursor.fetchone()[0]
        columns = _TARGET_COMMON + [c for c, _ in self.extra] + (["geom"] if self.shape else [])
        telling.nieuw, telling.gewijzigd = upsert(
            cursor,
            self.table,
            columns,
            "identificatie",
            newer_only=f"excluded.voorkomenidentificatie >= {self.table}.voorkomenidentificatie",
        )
        telling.ongewijzigd = current - telling.nieuw - telling.gewijzigd
        return telling


def _voorkomen_id(el) -> int:
    for child in el.iter("{*}voorkomenidentificatie"):
        try:
            return int(child.text)
        except (TypeError, ValueError):
            return 0
    return 0


class WoonplaatsSoort(BagSoort):
    code, element, table = "WPL", "Woonplaats", "kaartlagen_woonplaats"
    extra = [("naam", "text")]

    def fields(self, kids, multi):
        return [copy_tekst(self.text(kids, "naam"))]


class OpenbareRuimteSoort(BagSoort):
    code, element, table = "OPR", "OpenbareRuimte", "kaartlagen_openbareruimte"
    extra = [("naam", "text"), ("type", "text"), ("woonplaats_id", "text")]
    shape = None

    def fields(self, kids, multi):
        ligt_in = kids.get("ligtIn")
        if ligt_in is None or not _refs(ligt_in):
            raise RecordFout("verwijzing_ontbreekt", "ligtIn (woonplaats) ontbreekt")
        return [
            copy_tekst(self.text(kids, "naam")),
            copy_tekst(self.text(kids, "type")),
            copy_tekst(_refs(ligt_in)[0]),
        ]


class NummeraanduidingSoort(BagSoort):
    code, element, table = "NUM", "Nummeraanduiding", "kaartlagen_nummeraanduiding"
    extra = [
        ("huisnummer", "integer"),
        ("huisletter", "text"),
        ("huisnummertoevoeging", "text"),
        ("postcode", "text"),
        ("type_adresseerbaar_object", "text"),
        ("openbare_ruimte_id", "text"),
        ("woonplaats_id", "text"),
    ]
    shape = None

    def fields(self, kids, multi):
        ligt_aan = kids.get("ligtAan")
        if ligt_aan is None or not _refs(ligt_aan):
            raise RecordFout("verwijzing_ontbreekt", "ligtAan (openbare ruimte) ontbreekt")
        ligt_in = kids.get("ligtIn")
        return [
            str(int(self.text(kids, "huisnummer"))),
            copy_tekst(self.text(kids, "huisletter", "")),
            copy_tekst(self.text(kids, "huisnummertoevoeging", "")),
            copy_tekst(self.text(kids, "postcode", "")),
            copy_tekst(self.text(kids, "typeAdresseerbaarObject")),
            copy_tekst(_refs(ligt_aan)[0]),
            copy_tekst(_refs(ligt_in)[0]) if ligt_in is not None and _refs(ligt_in) else NULL,
        ]

    def check_references(self, cursor, ctx):
        cursor.execute(
            "delete from cur where not exists (select 1 from kaartlagen_openbareruimte o "
            "where o.identificatie = cur.openbare_ruimte_id) returning identificatie, regel, openbare_ruimte_id"
        )
        for identificatie, regel, opr in cursor.fetchall():
            ctx.meld(
                "overgeslagen",
                "verwijzing_ontbreekt",
                regel,
                identificatie,
                f"verwijst naar openbare ruimte {opr}, die niet bestaat (niet in deze of een eerdere levering)",
            )


class PandSoort(BagSoort):
    code, element, table = "PND", "Pand", "kaartlagen_pand"
    extra = [("oorspronkelijk_bouwjaar", "integer")]

    def fields(self, kids, multi):
        return [str(int(self.text(kids, "oorspronkelijkBouwjaar")))]


class AdresseerbaarSoort(BagSoort):
    extra = [("hoofdadres_id", "text"), ("nevenadressen", "text[]")]
    herhaald = frozenset({"heeftAlsNevenadres"})

    def fields(self, kids, multi):
        hoofdadres = kids.get("heeftAlsHoofdadres")
        if hoofdadres is None or not _refs(hoofdadres):
            raise RecordFout("verwijzing_ontbreekt", "heeftAlsHoofdadres ontbreekt")
        neven = [r for el in multi.get("heeftAlsNevenadres", ()) for r in _refs(el)]
        return [copy_tekst(_refs(hoofdadres)[0]), copy_array(neven)]

    def check_references(self, cursor, ctx):
        # An address outside this extract is possible (a gemeente border); warn, do not skip.
        cursor.execute(
            "select identificatie, regel, hoofdadres_id from cur where not exists (select 1 from "
            "kaartlagen_nummeraanduiding n where n.identificatie = cur.hoofdadres_id)"
        )
        for identificatie, regel, num in cursor.fetchall():
            ctx.meld(
                "waarschuwing", "verwijzing_ontbreekt", regel, identificatie, f"hoofdadres {num} is onbekend"
            )


class VerblijfsobjectSoort(AdresseerbaarSoort):
    code, element, table = "VBO", "Verblijfsobject", "kaartlagen_verblijfsobject"
    extra = AdresseerbaarSoort.extra + [
        ("gebruiksdoelen", "text[]"),
        ("oppervlakte", "integer"),
        ("panden", "text[]"),
    ]
    shape = "point"
    herhaald = AdresseerbaarSoort.herhaald | {"gebruiksdoel", "maaktDeelUitVan"}

    def fields(self, kids, multi):
        doelen = [el.text.strip() for el in multi.get("gebruiksdoel", ()) if el.text]
        if not doelen:
            raise RecordFout("veld_ontbreekt", "gebruiksdoel ontbreekt")
        panden = [r for el in multi.get("maaktDeelUitVan", ()) for r in _refs(el)]
        return super().fields(kids, multi) + [
            copy_array(doelen),
            str(int(self.text(kids, "oppervlakte"))),
            copy_array(panden),
        ]


class LigplaatsSoort(AdresseerbaarSoort):
    code, element, table = "LIG", "Ligplaats", "kaartlagen_ligplaats"


class StandplaatsSoort(AdresseerbaarSoort):
    code, element, table = "STA", "Standplaats", "kaartlagen_standplaats"


SOORTEN = {
    s.code: s
    for s in (
        WoonplaatsSoort,
        OpenbareRuimteSoort,
        NummeraanduidingSoort,
        PandSoort,
        VerblijfsobjectSoort,
        LigplaatsSoort,
        StandplaatsSoort,
    )
}


def bestand_code(name: str) -> str | None:
    match = _BESTANDSNAAM.match(Path(name.rsplit("!", 1)[-1]).name)
    return match.group(1) if match else None


def _volgorde(name: str):
    code = bestand_code(name)
    return (VOLGORDE.index(code) if code else len(VOLGORDE), name)


def _soort_voor(basename: str) -> Objectsoort | None:
    code = bestand_code(basename)
    return SOORTEN[code]() if code and basename.lower().endswith(".xml") else None


def importeer_bag(bron: Path, *, opnieuw: bool = False, werkers: int = 1, stream=None):
    """Import an LV BAG 2.0 extract: a gemeente zip as the Kadaster delivers it, a folder, or one file."""
    # Files of one object type may go side by side; the next type waits until they are done.
    return importeer(
        "bag",
        bron,
        _soort_voor,
        _volgorde,
        fase=bestand_code,
        opnieuw=opnieuw,
        werkers=werkers,
        stream=stream,
    )
