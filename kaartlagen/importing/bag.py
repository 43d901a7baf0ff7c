"""LV BAG 2.0 extract (Kadaster 'Objecten' XML, sl-bag-extract:bagStand) into the BAG tables.

A stand extract holds every voorkomen of every object. We keep the one in force: the voorkomen
without eindRegistratie with the highest voorkomenidentificatie. A later import only replaces an
object with an equal or newer voorkomen, so an old delivery never overwrites a newer one.
"""

import re
from datetime import date
from pathlib import Path

from kaartlagen.importing.gml import GeometryError, first_geometry, geometry_wkt
from kaartlagen.importing.merge import geometry_from_wkt, prepare_geometry, upsert
from kaartlagen.importing.pipeline import (
    Context,
    Objectsoort,
    RecordFout,
    Telling,
    importeer,
    iter_elements,
    tijdstip,
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


# Tag names repeat endlessly in a delivery; a dict lookup beats splitting each one again.
_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1]
    return name


def _refs(el) -> list[str]:
    return [r.text.strip() for r in el if r.text]


class BagSoort(Objectsoort):
    """One BAG object type. Subclasses name their element, extra columns and geometry shape."""

    element: str
    table: str
    extra: list[tuple[str, str]] = []
    shape: str | None = "multipolygon"

    def __init__(self):
        self.staging = _COMMON + self.extra + ([("wkt", "text")] if self.shape else [])

    def fields(self, kids: dict, multi: dict) -> list:
        return []

    def records(self, fh, ctx: Context):
        empty = [None] * (len(self.staging) - 3)
        historic = [None] * (len(self.staging) - 4)
        historic[3] = "-infinity"  # eind_registratie: marks the row as history for the merge
        for el in iter_elements(fh, {"{*}" + self.element}, ctx):
            identificatie = None
            try:
                kids, multi = {}, {}
                for child in el:
                    if isinstance(child.tag, str):
                        name = _local(child.tag)
                        kids[name] = child
                        multi.setdefault(name, []).append(child)
                identificatie = (kids["identificatie"].text or "").strip()
                if not identificatie:
                    raise RecordFout("veld_ontbreekt", "identificatie ontbreekt")
                voorkomen = kids.get("voorkomen")
                if voorkomen is None or len(voorkomen) == 0:
                    raise RecordFout("veld_ontbreekt", "voorkomen ontbreekt")
                vk = {_local(c.tag): c.text for c in voorkomen[0] if isinstance(c.tag, str)}
                if vk.get("eindRegistratie"):
                    # A superseded voorkomen only needs to be counted and outranked: skip parsing the rest.
                    yield [identificatie, el.sourceline, False, int(vk["voorkomenidentificatie"]), *historic]
                    continue
                # Dates are parsed here, not by COPY: one malformed date must skip one object, not fail
                # the file.
                values = [
                    int(vk["voorkomenidentificatie"]),
                    _datum(vk["beginGeldigheid"]),
                    _datum(vk.get("eindGeldigheid")),
                    tijdstip(vk.get("tijdstipRegistratie")),
                    tijdstip(vk.get("eindRegistratie")),
                    self.text(kids, "status"),
                    self.text(kids, "geconstateerd", "N") == "J",
                    _datum(self.text(kids, "documentdatum", None)),
                    self.text(kids, "documentnummer", ""),
                ]
                extra = self.fields(kids, multi)
                if self.shape:
                    container = kids.get("geometrie")
                    geometry = first_geometry(container) if container is not None else None
                    if geometry is None:
                        raise RecordFout("geometrie_ontbreekt", "geometrie ontbreekt")
                    extra.append(geometry_wkt(geometry, el))
                yield [identificatie, el.sourceline, False, *values, *extra]
            except (GeometryError, RecordFout, KeyError, ValueError, TypeError) as exc:
                code = getattr(
                    exc, "code", "geometrie_ongeldig" if isinstance(exc, GeometryError) else "veld_ongeldig"
                )
                reden = f"veld {exc} ontbreekt" if isinstance(exc, KeyError) else str(exc)
                ctx.meld("overgeslagen", code, el.sourceline, identificatie, reden)
                if identificatie:
                    # Kept in staging (marked) so that an older voorkomen cannot take its place.
                    vk_id = _voorkomen_id(el)
                    yield [identificatie, el.sourceline, True, vk_id, *empty[1:]]

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
        # The fingerprint of what was delivered, computed by the database in the same pass.
        delivered = ", ".join(c for c, _ in self.staging if c not in ("regel", "overslaan"))
        cursor.execute(
            f"create temporary table cur on commit drop as select s.*, md5(row({delivered})::text) as bron_hash"
            f"{geom} from ("
            "select distinct on (identificatie) * from staging where eind_registratie is null "
            "order by identificatie, voorkomenidentificatie desc) s"
        )
        cursor.execute("select (select count(*) from staging) - (select count(*) from cur)")
        telling.historisch = cursor.fetchone()[0]
        cursor.execute("delete from cur where overslaan")
        if self.shape:
            prepare_geometry(cursor, ctx, self.shape)
        self.check_references(cursor, ctx)
        cursor.execute("alter table cur add column actief boolean")
        cursor.execute(
            "update cur set actief = (eind_geldigheid is null or eind_geldigheid > current_date) "
            "and status <> all(%s)",
            [list(BEEINDIGDE_STATUSSEN)],
        )
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


def _datum(text: str | None) -> date | None:
    return date.fromisoformat(text.strip()) if text else None


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
        return [self.text(kids, "naam")]


class OpenbareRuimteSoort(BagSoort):
    code, element, table = "OPR", "OpenbareRuimte", "kaartlagen_openbareruimte"
    extra = [("naam", "text"), ("type", "text"), ("woonplaats_id", "text")]
    shape = None

    def fields(self, kids, multi):
        ligt_in = kids.get("ligtIn")
        if ligt_in is None or not _refs(ligt_in):
            raise RecordFout("verwijzing_ontbreekt", "ligtIn (woonplaats) ontbreekt")
        return [self.text(kids, "naam"), self.text(kids, "type"), _refs(ligt_in)[0]]


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
            int(self.text(kids, "huisnummer")),
            self.text(kids, "huisletter", ""),
            self.text(kids, "huisnummertoevoeging", ""),
            self.text(kids, "postcode", ""),
            self.text(kids, "typeAdresseerbaarObject"),
            _refs(ligt_aan)[0],
            _refs(ligt_in)[0] if ligt_in is not None and _refs(ligt_in) else None,
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
        return [int(self.text(kids, "oorspronkelijkBouwjaar"))]


class AdresseerbaarSoort(BagSoort):
    extra = [("hoofdadres_id", "text"), ("nevenadressen", "text[]")]

    def fields(self, kids, multi):
        hoofdadres = kids.get("heeftAlsHoofdadres")
        if hoofdadres is None or not _refs(hoofdadres):
            raise RecordFout("verwijzing_ontbreekt", "heeftAlsHoofdadres ontbreekt")
        neven = [r for el in multi.get("heeftAlsNevenadres", []) for r in _refs(el)]
        return [_refs(hoofdadres)[0], neven]

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

    def fields(self, kids, multi):
        doelen = [el.text.strip() for el in multi.get("gebruiksdoel", []) if el.text]
        if not doelen:
            raise RecordFout("veld_ontbreekt", "gebruiksdoel ontbreekt")
        panden = [r for el in multi.get("maaktDeelUitVan", []) for r in _refs(el)]
        return super().fields(kids, multi) + [doelen, int(self.text(kids, "oppervlakte")), panden]


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
