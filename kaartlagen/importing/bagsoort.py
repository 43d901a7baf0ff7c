"""One BAG object type in general: its elements as staging rows (COPY text), its merge into its table.

A stand extract holds every voorkomen of every object. We keep the one in force: the voorkomen
without eindRegistratie with the highest voorkomenidentificatie. A later import only replaces an
object with an equal or newer voorkomen, so an old delivery never overwrites a newer one. bag.py
names the object types and imports a delivery.
"""

import re
from datetime import date, datetime

from kern.importing.copytekst import NULL, copy_tekst
from kern.importing.gml import LOCAL_NAMES, GeometryError, first_geometry, geometry_wkt, local_name
from kern.importing.merge import geometry_from_wkt, prepare_geometry, upsert
from kern.importing.pipeline import (
    LEVERING_TIJDZONE,
    Context,
    Objectsoort,
    RecordFout,
    Telling,
    iter_elements,
)

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
    ("regelnummer", "integer"),
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


# As an SQL literal: the statement is also sent in a COPY, which takes no parameters.
_BEEINDIGD = "array[" + ", ".join(f"'{status}'" for status in BEEINDIGDE_STATUSSEN) + "]"
# Per object the voorkomen in force: not ended, the highest voorkomenidentificatie.
_IN_WERKING = (
    "select distinct on (identificatie) * from {bron} where eind_registratie is null "
    "order by identificatie, voorkomenidentificatie desc"
)


def refs(el) -> list[str]:
    return [r.text.strip() for r in el if r.text]


# Dates repeat from record to record (a documentdatum, a day's registrations): each distinct text is
# parsed once. Bounded: the cache is emptied when full.
_DATUMS: dict = {}
_MAX_DATUMS = 4096


def _datum(text: str | None) -> str:
    """An optional date as COPY text. Dates and times are parsed here, not by COPY: one malformed
    date must skip one object, not fail the file."""
    if not text:
        return NULL
    iso = _DATUMS.get(text)
    if iso is None:
        iso = date.fromisoformat(text.strip()).isoformat()
        if len(_DATUMS) >= _MAX_DATUMS:
            _DATUMS.clear()
        _DATUMS[text] = iso
    return iso


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
    `velden` return the extra columns as COPY text."""

    element: str
    table: str
    extra: list[tuple[str, str]] = []
    shape: str | None = "multipolygon"
    # Children that may occur more than once; `velden` finds them in `multi`.
    herhaald: frozenset = frozenset()
    # The children in the order the Kadaster writes them, and those that hold references
    # (bagsnel.py reads a record in that order without lxml; one in any other order goes to lxml).
    volgorde: tuple = ()
    verwijzingen: frozenset = frozenset()

    def __init__(self):
        self.staging = _COMMON + self.extra + ([("wkt", "text")] if self.shape else [])
        self.record_element = self.element
        self._leeg = "\t" + "\t".join([NULL] * (len(self.staging) - 4)) + "\n"
        # eind_registratie '-infinity' marks a superseded voorkomen as history for the merge.
        self._historisch = (
            "\t" + "\t".join([NULL] * 3 + ["-infinity"] + [NULL] * (len(self.staging) - 8)) + "\n"
        )

    def velden(self, kids: dict, multi: dict) -> list[str]:
        return []

    def rijen(self, fh, ctx: Context):
        # The Kadaster's own way of writing a record is read without a tree; anything else goes to
        # lxml (bagsnel.py).
        from kaartlagen.importing.bagsnel import snel_gelezen

        return snel_gelezen(self, fh, ctx)

    def rijen_gewoon(self, fh, ctx: Context, parser=None, regels: int = 0):
        """The rows through lxml, record by record (`parser`, `regels`: of a piece of the file that
        starts after that many lines, for bagsnel.py)."""
        herhaald, local_names, offset = self.herhaald, LOCAL_NAMES, ctx.regelnummer_offset + regels
        for el in iter_elements(fh, {"{*}" + self.element}, ctx, parser):
            kids, multi = {}, {}
            for child in el:
                tag = child.tag
                name = local_names.get(tag) or local_name(tag)
                kids[name] = child
                if name in herhaald:
                    multi.setdefault(name, []).append(child)
            rij = self.rij(kids, multi, el.sourceline + offset, el, ctx)
            if rij is not None:
                yield rij

    def rij(self, kids: dict, multi: dict, regel: int, record, ctx: Context, vk: dict | None = None):
        """One record's staging row as COPY text, from its children by local name (`kids`, the last
        of each; `multi`, all of those in `herhaald`) as lxml elements or elements that look like
        them (bagsnel.py, which gives the voorkomen's fields as `vk` and each geometry's WKT); None
        when the record is skipped without an identificatie. `record`: the element, or the text
        bagsnel.py read it from. The rows are written as COPY text right here: going through Python
        values and copy_rij cost a quarter of the parsing time. Column order is that of staging."""
        identificatie = None
        try:
            identificatie = (kids["identificatie"].text or "").strip()
            if not identificatie:
                raise RecordFout("veld_ontbreekt", "identificatie ontbreekt")
            voorkomen = kids.get("voorkomen")
            if voorkomen is None or len(voorkomen) == 0:
                raise RecordFout("veld_ontbreekt", "voorkomen ontbreekt")
            if vk is None:
                vk = {}
                local_names = LOCAL_NAMES
                for c in voorkomen[0]:
                    tag = c.tag
                    vk[local_names.get(tag) or local_name(tag)] = c.text
            begin = f"{copy_tekst(identificatie)}\t{regel}\tf\t{int(vk['voorkomenidentificatie'])}"
            if vk.get("eindRegistratie"):
                # A superseded voorkomen only needs to be counted and outranked: skip parsing the rest.
                return begin + self._historisch
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
                *self.velden(kids, multi),
            ]
            if self.shape:
                container = kids.get("geometrie")
                if isinstance(record, str):
                    wkt = container.wkt if container is not None else None
                else:
                    geometry = first_geometry(container) if container is not None else None
                    wkt = geometry_wkt(geometry, record) if geometry is not None else None
                if wkt is None:
                    raise RecordFout("geometrie_ontbreekt", "geometrie ontbreekt")
                # Built from checked numbers and keywords only: nothing in it needs escaping.
                values.append(wkt)
            return "\t".join(values) + "\n"
        except (GeometryError, RecordFout, KeyError, ValueError, TypeError) as exc:
            code = getattr(
                exc, "code", "geometrie_ongeldig" if isinstance(exc, GeometryError) else "veld_ongeldig"
            )
            reden = f"veld {exc} ontbreekt" if isinstance(exc, KeyError) else str(exc)
            ctx.noteer("overgeslagen", code, regel, identificatie, reden)
            if identificatie:
                # Kept in staging (marked) so that an older voorkomen cannot take its place.
                return f"{copy_tekst(identificatie)}\t{regel}\tt\t{_voorkomen_id(record)}{self._leeg}"
            return None

    @staticmethod
    def text(kids: dict, name: str, default=...):
        el = kids.get(name)
        text = None if el is None else el.text
        if text is None:
            if default is ...:
                raise RecordFout("veld_ontbreekt", f"veld {name} ontbreekt")
            return default
        return text.strip()

    def check_references(self, cursor, ctx: Context) -> None:
        """Objects whose required references do not resolve are skipped; hook for subclasses."""

    def voorbereiden(self) -> str:
        geom = (
            f", case when not overslaan then {geometry_from_wkt(self.shape)} end as geom"
            if self.shape
            else ""
        )
        # The fingerprint of what was delivered and whether the object still exists, computed by the
        # database in the same pass.
        delivered = ", ".join(c for c, _ in self.staging if c not in ("regelnummer", "overslaan"))
        sql = (
            f"select s.*, md5(row({delivered})::text) as bron_hash{geom}, "
            f"(eind_geldigheid is null or eind_geldigheid > current_date) and status <> all({_BEEINDIGD}) as actief "
            f"from ({_IN_WERKING.format(bron='staging')}) s"
        )
        if self.shape != "multipolygon":
            return sql
        # Whether the area is valid, here too: in the workers' backends it is checked side by side
        # instead of in the file's one merge (prepare_geometry repairs what is not). OFFSET 0 keeps
        # the geometry from being computed once more for the check.
        return f"select v.*, ST_IsValid(v.geom) as geldig from ({sql} offset 0) v"

    def merge(self, cursor, ctx: Context) -> Telling:
        telling = Telling()
        if ctx.rijen_elders is None:
            cursor.execute(f"create temporary table cur on commit drop as {self.voorbereiden()}")
            cursor.execute("select count(*) from staging")
            rijen = cursor.fetchone()[0]
        else:
            # The ranges each kept the voorkomen in force of their objects; of an object in two ranges
            # the same rule keeps one (of equal voorkomens any one), deleted in place: copying every
            # row into a new table cost more than the rest of this step.
            cursor.execute("alter table voorbereid rename to cur")
            cursor.execute(
                "delete from cur v where exists (select from cur w where w.identificatie = v.identificatie "
                "and (w.voorkomenidentificatie, w.ctid) > (v.voorkomenidentificatie, v.ctid))"
            )
            rijen = ctx.rijen_elders
        cursor.execute("select count(*) from cur")
        telling.historisch = rijen - cursor.fetchone()[0]
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


# The first voorkomenidentificatie of a record's text (bagsnel.py reads only records whose elements
# all have a prefix and whose texts hold no '<'): the same one el.iter finds first.
_VOORKOMEN_ID = re.compile(r"<[\w.-]+:voorkomenidentificatie(?:\s[^>]*)?>([^<]*)<")


def _voorkomen_id(record) -> int:
    if isinstance(record, str):
        found = _VOORKOMEN_ID.search(record)
        text = found.group(1) if found else None
        if found is None:
            return 0
    else:
        child = next(record.iter("{*}voorkomenidentificatie"), None)
        if child is None:
            return 0
        text = child.text
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0
