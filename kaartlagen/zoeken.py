"""Address search in the manner of PDOK's Locatieserver: suggest, lookup, free and reverse.

Typed text is read as a postcode with huisnummer ("1781 AB 12"), a street with huisnummer
("keizerstr 12a"), or a name (street, buurt, wijk, woonplaats). Street and area names are matched
by trigram word similarity, which tolerates typos and unfinished words and uses the GIN trigram
index on openbare ruimte names.
"""

import re
from dataclasses import dataclass, field

from kaartlagen import voorbereid
from kern import gemeente
from kern.crs import RD_GEBIED, RD_NEW, WGS84, naar_rd, naar_wgs84
from kern.fouten import CodeFout
from kern.replica import leesverbinding

MAX_ZOEKTERM = 200
MAX_RESULTATEN = 20
# Lower than pg_trgm's 0.6: "kiezerstraat" (a typo) must still find Keizerstraat.
WOORD_DREMPEL = 0.45
# pg_trgm reads the threshold of `<%` from a setting. Every query that matches names carries this
# condition: an uncorrelated subquery without columns is a one-time filter, which PostgreSQL evaluates
# before it scans anything, so the threshold is set (for this transaction only, the statement's own in
# autocommit) before the first name is compared; no separate round trip and no transaction around it.
MET_DREMPEL = f"(SELECT set_config('pg_trgm.word_similarity_threshold', '{WOORD_DREMPEL}', true)) IS NOT NULL"
TYPE_VOLGORDE = {"adres": 0, "weg": 1, "buurt": 2, "wijk": 3, "woonplaats": 4}

_POSTCODE = re.compile(r"^(\d{4})\s*([a-z]{2})(?:\s+(\d{1,5})\s*([a-z])?(?:[\s-]+([a-z0-9]{1,4}))?)?$")
_STRAAT_NUMMER = re.compile(r"^(.*?[a-z].*?)\s+(\d{1,5})\s*([a-z])?(?:[\s-]+([a-z0-9]{1,4}))?$")


class ZoekFout(CodeFout):
    """A search or location the portal cannot answer (bad text, outside the municipality)."""


@dataclass
class Treffer:
    id: str
    type: str
    weergavenaam: str
    score: float
    details: dict = field(default_factory=dict)

    def als_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "weergavenaam": self.weergavenaam,
            "score": self.score,
            **self.details,
        }


def _normaliseer(q: str) -> str:
    if len(q) > MAX_ZOEKTERM:
        raise ZoekFout("zoekterm_te_lang", f"De zoekterm is langer dan {MAX_ZOEKTERM} tekens.")
    if "<" in q or ">" in q:
        raise ZoekFout("zoekterm_ongeldig", "De zoekterm mag geen < of > bevatten.")
    q = re.sub(r"[^\w\s-]", " ", q.lower())
    q = re.sub(r"\s+", " ", q).strip()
    if not q:
        raise ZoekFout("zoekterm_leeg", "Geef een adres, postcode, straat of buurt op.")
    return q


def _adresnaam(straat, nummer, letter, toevoeging, postcode, woonplaats) -> str:
    tekst = f"{straat} {nummer}{letter or ''}{'-' + toevoeging if toevoeging else ''}"
    return f"{tekst}, {postcode} {woonplaats}".replace(",  ", ", ").strip().rstrip(",")


ADRES_SQL = """
    SELECT n.identificatie, o.naam, n.huisnummer, n.huisletter, n.huisnummertoevoeging, n.postcode,
           coalesce(w.naam, ''), {score}{extra}
    FROM {bron}
    JOIN kaartlagen_openbareruimte o ON o.identificatie = n.openbare_ruimte_id
    LEFT JOIN kaartlagen_woonplaats w ON w.identificatie = coalesce(n.woonplaats_id, o.woonplaats_id)
    WHERE n.actief AND {voorwaarde}
    ORDER BY 8 DESC, lower(n.huisletter) = %(letter)s DESC, lower(n.huisnummertoevoeging) = %(toev)s DESC,
             n.huisnummer, n.huisletter, n.huisnummertoevoeging
    LIMIT %(limit)s
"""
NUMMERAANDUIDINGEN = "kaartlagen_nummeraanduiding n"
_PUNT = "ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s)"
# How far the `limit`-th nearest address lies (at most `straal`), found by walking the GiST index
# outward from the point (KNN, `<->`) through the same joins as ADRES_SQL, so that it stops after
# `limit` addresses. Within 200 m of a point in town lie ~800 addresses; joining and sorting them all
# to keep five took 10–15 ms a click.
_GRENS = f"""SELECT least(max(afstand), %(straal)s) FROM (
    SELECT k.geom <-> {_PUNT} AS afstand FROM kaartlagen_verblijfsobject k
    JOIN kaartlagen_nummeraanduiding kn ON kn.identificatie = k.hoofdadres_id AND kn.actief
    JOIN kaartlagen_openbareruimte ko ON ko.identificatie = kn.openbare_ruimte_id
    WHERE k.actief ORDER BY k.geom <-> {_PUNT} LIMIT %(limit)s) dichtstbij"""
# Reverse: the verblijfsobjecten within that distance, ties included, so ADRES_SQL's order picks from
# them exactly what it picked from all within `straal`.
NABIJ = (
    f"(SELECT {_PUNT} AS p) pt "
    f"JOIN kaartlagen_verblijfsobject v ON v.actief AND ST_DWithin(v.geom, pt.p, ({_GRENS})) "
    "JOIN kaartlagen_nummeraanduiding n ON n.identificatie = v.hoofdadres_id"
)
_NAMEN_SQL = f"""
    SELECT 'weg', o.identificatie, o.naam || coalesce(', ' || w.naam, ''), word_similarity(%(q)s, o.naam)
    FROM kaartlagen_openbareruimte o LEFT JOIN kaartlagen_woonplaats w ON w.identificatie = o.woonplaats_id
    WHERE {MET_DREMPEL} AND o.actief AND %(q)s <%% o.naam
    UNION ALL
    SELECT 'buurt', b.code, b.naam || ' (buurt)', word_similarity(%(q)s, b.naam) FROM kaartlagen_buurt b
    WHERE {MET_DREMPEL} AND %(q)s <%% b.naam
    UNION ALL
    SELECT 'wijk', k.code, k.naam || ' (wijk)', word_similarity(%(q)s, k.naam) FROM kaartlagen_wijk k
    WHERE {MET_DREMPEL} AND %(q)s <%% k.naam
    UNION ALL
    SELECT 'woonplaats', p.identificatie, p.naam, word_similarity(%(q)s, p.naam) FROM kaartlagen_woonplaats p
    WHERE {MET_DREMPEL} AND p.actief AND %(q)s <%% p.naam
    ORDER BY 4 DESC, 3
    LIMIT %(limit)s
"""


def suggest(q: str, limit: int = 10) -> list[Treffer]:
    """Ranked suggestions for what a person is typing: one prepared statement (a second only when a
    street with a number finds no address and names are tried)."""
    q = _normaliseer(q)
    limit = max(1, min(limit, MAX_RESULTATEN))
    params = {"q": q, "limit": limit, "letter": "", "toev": ""}
    treffers: list[Treffer] = []
    with voorbereid.cursor(leesverbinding()) as cursor:
        if match := _POSTCODE.match(q):
            pc, letters, nummer, letter, toev = match.groups()
            params.update(
                pc=(pc + letters).upper(), nr=int(nummer or 0), letter=letter or "", toev=toev or ""
            )
            voorwaarde = "n.postcode = %(pc)s" + (" AND n.huisnummer = %(nr)s" if nummer else "")
            cursor.execute(
                ADRES_SQL.format(extra="", bron=NUMMERAANDUIDINGEN, score="1.0", voorwaarde=voorwaarde),
                params,
            )
            treffers += [adres_treffer(row) for row in cursor.fetchall()]
        elif match := _STRAAT_NUMMER.match(q):
            straat, nummer, letter, toev = match.groups()
            params.update(straat=straat, nr=int(nummer), letter=letter or "", toev=toev or "")
            cursor.execute(
                ADRES_SQL.format(
                    extra="",
                    bron=NUMMERAANDUIDINGEN,
                    score="word_similarity(%(straat)s, o.naam)",
                    voorwaarde=f"{MET_DREMPEL} AND n.huisnummer = %(nr)s AND %(straat)s <%% o.naam",
                ),
                params,
            )
            treffers += [adres_treffer(row) for row in cursor.fetchall()]
        if not treffers:
            cursor.execute(_NAMEN_SQL, params)
            treffers += [
                Treffer(f"{t}-{ident}", t, naam, round(score, 3))
                for t, ident, naam, score in cursor.fetchall()
            ]
    # An exact name beats a longer one with the same score: "den helder" is the woonplaats first.
    treffers.sort(key=lambda t: (-t.score, _kernnaam(t) != q, TYPE_VOLGORDE[t.type], t.weergavenaam))
    return treffers[:limit]


def _kernnaam(treffer: Treffer) -> str:
    return re.sub(r" \((buurt|wijk)\)$|, .*$", "", treffer.weergavenaam).lower()


def adres_treffer(row) -> Treffer:
    ident, straat, nummer, letter, toev, postcode, woonplaats, score = row
    naam = _adresnaam(straat, nummer, letter, toev, postcode, woonplaats)
    details = {
        "straatnaam": straat,
        "huisnummer": nummer,
        "huisletter": letter,
        "huisnummertoevoeging": toev,
        "postcode": postcode,
        "woonplaatsnaam": woonplaats,
        "nummeraanduiding": ident,
    }
    return Treffer(f"adres-{ident}", "adres", naam, round(float(score), 3), details)


_LIGGING_SQL = {
    # Where an address lies: its verblijfsobject, ligplaats or standplaats (hoofd- or nevenadres).
    "adres": """
        SELECT ST_X(p), ST_Y(p) FROM (
            SELECT geom AS p FROM kaartlagen_verblijfsobject
            WHERE hoofdadres_id = %(id)s OR nevenadressen @> ARRAY[%(id)s]::varchar[]
            UNION ALL SELECT ST_PointOnSurface(geom) FROM kaartlagen_ligplaats
            WHERE hoofdadres_id = %(id)s OR nevenadressen @> ARRAY[%(id)s]::varchar[]
            UNION ALL SELECT ST_PointOnSurface(geom) FROM kaartlagen_standplaats
            WHERE hoofdadres_id = %(id)s OR nevenadressen @> ARRAY[%(id)s]::varchar[]) s LIMIT 1""",
    "weg": """
        SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(ST_Collect(v.geom)) AS c
            FROM kaartlagen_nummeraanduiding n JOIN kaartlagen_verblijfsobject v ON v.hoofdadres_id = n.identificatie
            WHERE n.openbare_ruimte_id = %(id)s) s WHERE c IS NOT NULL""",
    "buurt": "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM kaartlagen_buurt WHERE code = %(id)s) s",
    "wijk": "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM kaartlagen_wijk WHERE code = %(id)s) s",
    "woonplaats": """SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM kaartlagen_woonplaats
        WHERE identificatie = %(id)s) s""",
}


# The buurt with its wijk at a point, as a JSON array [buurtcode, buurtnaam, wijkcode, wijknaam] (or
# NULL): a scalar subquery, so the location panel folds it into its one statement as well.
GEBIED_SQL = """(SELECT json_build_array(b.code, b.naam, w.code, w.naam) FROM kaartlagen_buurt b
    LEFT JOIN kaartlagen_wijk w ON w.code = b.wijk_id WHERE ST_Intersects(b.geom, {punt}) LIMIT 1)"""


def _met_ligging(treffer: Treffer, cursor, punt: tuple[float, float] | None = None) -> Treffer:
    """Add centroid (RD and WGS84), buurt and wijk; `punt` when the caller already knows where it is."""
    if punt is None:
        soort, ident = treffer.id.split("-", 1)
        cursor.execute(_LIGGING_SQL[soort], {"id": ident})
        punt = cursor.fetchone()
    if not punt:
        return treffer
    cursor.execute(
        f"SELECT {GEBIED_SQL.format(punt='ST_SetSRID(ST_MakePoint(%s, %s), %s)')}", [*punt, RD_NEW]
    )
    return met_ligging(treffer, punt, cursor.fetchone()[0])


def met_ligging(treffer: Treffer, punt, gebied) -> Treffer:
    """Where a hit lies, already looked up: its point in RD New and [buurtcode, buurtnaam, wijkcode,
    wijknaam] (or None outside every buurt)."""
    x, y = punt
    treffer.details["centroide_rd"] = [round(x, 3), round(y, 3)]
    treffer.details["centroide_ll"] = [round(v, 7) for v in naar_wgs84(x, y)]
    if gebied:
        treffer.details.update(zip(("buurtcode", "buurtnaam", "wijkcode", "wijknaam"), gebied, strict=True))
    return treffer


def free(q: str, limit: int = 10) -> list[Treffer]:
    """Search results with where they lie (centroid in RD and WGS84, buurt and wijk)."""
    treffers = suggest(q, limit)
    with leesverbinding().cursor() as cursor:
        return [_met_ligging(t, cursor) for t in treffers]


def lookup(ident: str) -> Treffer | None:
    soort, _, sleutel = ident.partition("-")
    if soort not in TYPE_VOLGORDE or not re.fullmatch(r"[A-Za-z0-9]{1,16}", sleutel):
        raise ZoekFout("id_ongeldig", "Een id ziet eruit als adres-0400200000012345 of buurt-BU04000102.")
    if soort == "adres":
        with leesverbinding().cursor() as cursor:
            cursor.execute(
                ADRES_SQL.format(
                    extra="", bron=NUMMERAANDUIDINGEN, score="1.0", voorwaarde="n.identificatie = %(id)s"
                ),
                {"id": sleutel, "letter": "", "toev": "", "limit": 1},
            )
            row = cursor.fetchone()
        treffer = adres_treffer(row) if row else None
    else:
        treffer = next((t for t in _namen_op_id(soort, sleutel)), None)
    if treffer is None:
        return None
    with leesverbinding().cursor() as cursor:
        return _met_ligging(treffer, cursor)


def adressen(identificaties: list[str]) -> list[Treffer]:
    """Addresses by nummeraanduiding, in postcode order (for a building's list of addresses)."""
    with leesverbinding().cursor() as cursor:
        cursor.execute(
            ADRES_SQL.format(
                extra="", bron=NUMMERAANDUIDINGEN, score="1.0", voorwaarde="n.identificatie = ANY(%(ids)s)"
            ),
            {"ids": identificaties, "letter": "", "toev": "", "limit": len(identificaties)},
        )
        return op_postcode([adres_treffer(row) for row in cursor.fetchall()])


def op_postcode(treffers: list[Treffer]) -> list[Treffer]:
    """Addresses in postcode order (a building's list of addresses)."""
    return sorted(treffers, key=lambda t: (t.details["postcode"], t.details["huisnummer"], t.weergavenaam))


def _namen_op_id(soort: str, sleutel: str):
    tabel, kolom, naam = {
        "weg": ("kaartlagen_openbareruimte", "identificatie", "naam"),
        "buurt": ("kaartlagen_buurt", "code", "naam || ' (buurt)'"),
        "wijk": ("kaartlagen_wijk", "code", "naam || ' (wijk)'"),
        "woonplaats": ("kaartlagen_woonplaats", "identificatie", "naam"),
    }[soort]
    with leesverbinding().cursor() as cursor:
        cursor.execute(f"SELECT {naam} FROM {tabel} WHERE {kolom} = %s", [sleutel])
        for (weergavenaam,) in cursor.fetchall():
            yield Treffer(f"{soort}-{sleutel}", soort, weergavenaam, 1.0)


def punt_in_gemeente(x: float, y: float, srid: int) -> tuple[float, float]:
    """A point from the web edge, checked and in RD New; every incoming coordinate goes through here."""
    minx, miny, maxx, maxy = {RD_NEW: RD_GEBIED, WGS84: (-180, -90, 180, 90)}[srid]
    if not (minx <= x <= maxx and miny <= y <= maxy):
        raise ZoekFout("buiten_crs", "Deze coördinaten bestaan niet in het gekozen coördinatenstelsel.")
    x_rd, y_rd = naar_rd(x, y, srid)
    minx, miny, maxx, maxy = gemeente.huidige().bbox_rd
    if not (minx <= x_rd <= maxx and miny <= y_rd <= maxy):
        raise ZoekFout(
            "buiten_gemeente",
            f"Dit punt ligt buiten de gemeente {gemeente.huidige().naam}. Voor andere plaatsen: zoek bij die "
            "gemeente of op www.pdok.nl.",
        )
    return x_rd, y_rd


def reverse(x: float, y: float, srid: int, limit: int = 5, straal: float = 200.0) -> list[Treffer]:
    """The addresses nearest to a point (within `straal` metres), nearest first."""
    x_rd, y_rd = punt_in_gemeente(x, y, srid)
    with leesverbinding().cursor() as cursor:
        cursor.execute(
            ADRES_SQL.format(
                bron=NABIJ,
                score="-ST_Distance(v.geom, pt.p)",
                # Where each lies in the same statement: one round trip, not one more per address.
                extra=", ST_X(v.geom), ST_Y(v.geom), " + GEBIED_SQL.format(punt="v.geom"),
                voorwaarde="true",
            ),
            {
                "x": x_rd,
                "y": y_rd,
                "srid": RD_NEW,
                "straal": straal,
                "letter": "",
                "toev": "",
                "limit": limit,
            },
        )
        treffers = []
        for row in cursor.fetchall():
            t = adres_treffer(row[:8])
            t.details["afstand"] = round(-t.score, 1)
            t.score = 1.0
            treffers.append(met_ligging(t, row[8:10], row[10]))
    return treffers
