"""A parsed plan delivery and how it is stored: one transaction, all or nothing.

Both importers (STOP/TPOD and IMRO) fill a Levering; `bewaar` writes it as one RegelingVersie. A
delivery that was stored before (same vingerafdruk) is not read again; `opnieuw` replaces the
version's contents with the same result. Geometry goes in as WKT (curves included) through a staging
table, so PostGIS linearises arcs (ST_CurveToLine) and checks validity in one set-based step.
"""

import time
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from kern.crs import RD_NEW
from kern.importing.copytekst import copy_rij
from kern.importing.pipeline import Bevinding, ImportFout
from kern.models import ImportRun
from toepasbare_regels.omgevingsplan import models as m

# Pieces of at most this many vertices: a point-in-polygon test stays cheap whatever the gebied's size.
SUBDIVIDE_VERTICES = 64


@dataclass
class Levering:
    bron: str  # m.Regeling.Bron
    regeling: str
    titel: str
    bevoegd_gezag: str
    expressie: str
    begin_geldigheid: date
    locaties: list[dict] = field(default_factory=list)  # identificatie, soort, noemer, leden, wkt, regel
    activiteiten: list[dict] = field(default_factory=list)
    gebiedsaanwijzingen: list[dict] = field(default_factory=list)
    normen: list[dict] = field(default_factory=list)  # with "normwaarden": [dict]
    regelteksten: list[dict] = field(default_factory=list)
    regels: list[dict] = field(default_factory=list)  # with "aanduidingen": [dict]
    bevindingen: list[Bevinding] = field(default_factory=list)
    niet_gebruikt: dict[str, int] = field(default_factory=dict)  # object types we do not store

    def telling(self) -> dict[str, int]:
        soorten: dict[str, int] = {}
        for loc in self.locaties:
            soorten[loc["soort"]] = soorten.get(loc["soort"], 0) + 1
        return {
            **soorten,
            "activiteit": len(self.activiteiten),
            "gebiedsaanwijzing": len(self.gebiedsaanwijzingen),
            "omgevingsnorm": sum(1 for n in self.normen if n["soort"] == m.Omgevingsnorm.Soort.NORM),
            "omgevingswaarde": sum(1 for n in self.normen if n["soort"] == m.Omgevingsnorm.Soort.WAARDE),
            "normwaarde": sum(len(n["normwaarden"]) for n in self.normen),
            "regeltekst": len(self.regelteksten),
            "juridische_regel": len(self.regels),
            "activiteitlocatieaanduiding": sum(len(r["aanduidingen"]) for r in self.regels),
        }


@dataclass
class ImportResultaat:
    bron: str
    status: str  # klaar | al_geimporteerd | mislukt
    regeling: str = ""
    telling: dict[str, int] = field(default_factory=dict)
    bevindingen: list[Bevinding] = field(default_factory=list)
    niet_gebruikt: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0
    fout: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "mislukt"


def eerder_geimporteerd(soort: str, vingerafdruk: str) -> bool:
    return ImportRun.objects.filter(soort=soort, sha256=vingerafdruk, status=ImportRun.Status.KLAAR).exists()


def controleer_verwijzingen(lev: Levering, bestand: str) -> None:
    """References to locaties that the delivery does not contain are reported, not guessed at."""
    bekend = {loc["identificatie"] for loc in lev.locaties}

    def check(ident, refs):
        for ref in refs:
            if ref not in bekend:
                lev.bevindingen.append(
                    Bevinding(
                        "waarschuwing",
                        "verwijzing_ontbreekt",
                        bestand,
                        None,
                        ident,
                        f"locatie {ref} ontbreekt",
                    )
                )

    for loc in lev.locaties:
        check(loc["identificatie"], loc.get("leden", []))
    for ga in lev.gebiedsaanwijzingen:
        check(ga["identificatie"], ga["locaties"])
    for norm in lev.normen:
        for w in norm["normwaarden"]:
            check(w["identificatie"], w["locaties"])
    for regel in lev.regels:
        check(regel["identificatie"], regel["locaties"])
        for ala in regel["aanduidingen"]:
            check(ala["identificatie"], ala["locaties"])


_STAGING = (
    "identificatie text, soort text, noemer text, leden text[], geometrie_ref text, wkt text, regel int"
)
_LOCATIES_SQL = """
    INSERT INTO omgevingsplan_locatie (versie_id, identificatie, soort, noemer, leden, geometrie_ref, geom)
    SELECT %(versie)s, identificatie, soort, noemer, leden, geometrie_ref,
           CASE WHEN ST_HasArc(g) THEN ST_CurveToLine(g) ELSE g END
    FROM (SELECT *, ST_GeomFromText(wkt, %(srid)s) AS g FROM staging_locatie) s
"""
_ONGELDIG_SQL = """
    SELECT identificatie, ST_IsValidReason(geom) FROM omgevingsplan_locatie
    WHERE versie_id = %(versie)s AND geom IS NOT NULL AND (NOT ST_IsValid(geom) OR ST_IsEmpty(geom))
    LIMIT 1
"""
# A groep's own geometry is the collection of its members' parts (for maps only). Joined through the
# unnested member list: a groep can have tens of thousands of members.
_GROEPEN_SQL = """
    UPDATE omgevingsplan_locatie g SET geom = c.geom
    FROM (
        SELECT lid.groep, ST_Collect(d.geom) AS geom
        FROM (SELECT id AS groep, unnest(leden) AS lid FROM omgevingsplan_locatie
              WHERE versie_id = %(versie)s AND leden <> '{}') lid
        JOIN omgevingsplan_locatie l ON l.versie_id = %(versie)s AND l.identificatie = lid.lid,
             ST_Dump(l.geom) d
        GROUP BY lid.groep
    ) c
    WHERE g.id = c.groep
"""
_VLAKKEN_SQL = """
    WITH lid AS (
        SELECT unnest(leden) AS lid, identificatie AS groep FROM omgevingsplan_locatie
        WHERE versie_id = %(versie)s AND leden <> '{}'
    ), groepen AS (SELECT lid, array_agg(DISTINCT groep) AS groepen FROM lid GROUP BY lid)
    INSERT INTO omgevingsplan_locatievlak (versie_id, locaties, geom)
    SELECT l.versie_id, ARRAY[l.identificatie]::varchar[] || coalesce(g.groepen, '{}')::varchar[],
           ST_Subdivide(l.geom, %(max)s)
    FROM omgevingsplan_locatie l LEFT JOIN groepen g ON g.lid = l.identificatie
    WHERE l.versie_id = %(versie)s AND l.leden = '{}' AND l.geom IS NOT NULL
"""


_KAARTVLAKKEN_SQL = """
    INSERT INTO omgevingsplan_kaartvlak (versie_id, sleutel, identificatie, gebiedsaanwijzing, naam, type, groep, geom)
    SELECT ga.versie_id, ga.identificatie || '/' || m.identificatie, m.identificatie, ga.identificatie, ga.naam,
           regexp_replace(ga.type, '^.*/', ''), regexp_replace(ga.groep, '^.*/', ''), m.geom
    FROM omgevingsplan_gebiedsaanwijzing ga
    CROSS JOIN LATERAL unnest(ga.locaties) AS ref(locatie)
    JOIN omgevingsplan_locatie l ON l.versie_id = ga.versie_id AND l.identificatie = ref.locatie
    CROSS JOIN LATERAL unnest(CASE WHEN l.leden = '{}' THEN ARRAY[l.identificatie] ELSE l.leden END) AS lid(identificatie)
    JOIN omgevingsplan_locatie m ON m.versie_id = ga.versie_id AND m.identificatie = lid.identificatie
    WHERE ga.versie_id = %(versie)s AND m.geom IS NOT NULL
"""


def _leeg(versie: m.RegelingVersie) -> None:
    for model in (
        m.Kaartvlak,
        m.LocatieVlak,
        m.ActiviteitLocatieaanduiding,
        m.JuridischeRegel,
        m.Regeltekst,
        m.Normwaarde,
        m.Omgevingsnorm,
        m.Gebiedsaanwijzing,
        m.Activiteit,
        m.Locatie,
    ):
        model.objects.filter(versie=versie).delete()


def _locaties(cursor, versie: m.RegelingVersie, lev: Levering, bestand: str) -> None:
    cursor.execute(f"CREATE TEMPORARY TABLE staging_locatie ({_STAGING}) ON COMMIT DROP")
    with cursor.copy("COPY staging_locatie FROM STDIN") as copy:
        for loc in lev.locaties:
            row = (
                loc["identificatie"],
                str(loc["soort"]),
                loc.get("noemer", "")[:300],
                loc.get("leden", []),
                loc.get("geometrie_ref", ""),
                loc.get("wkt"),
                loc.get("regel"),
            )
            copy.write(copy_rij(row))
    cursor.execute(_LOCATIES_SQL, {"versie": versie.pk, "srid": RD_NEW})
    # Fresh statistics, or the planner thinks the table is still empty and joins groepen to their
    # members with a nested loop over every row (minutes instead of a second for 100 000 locaties).
    cursor.execute("ANALYZE omgevingsplan_locatie")
    cursor.execute(_ONGELDIG_SQL, {"versie": versie.pk})
    if fout := cursor.fetchone():
        ident, reden = fout
        regel = next((loc.get("regel") for loc in lev.locaties if loc["identificatie"] == ident), None)
        raise ImportFout(
            "geometrie_ongeldig", f"{bestand}: locatie {ident} heeft een ongeldige geometrie: {reden}", regel
        )
    cursor.execute(_GROEPEN_SQL, {"versie": versie.pk})
    cursor.execute(_VLAKKEN_SQL, {"versie": versie.pk, "max": SUBDIVIDE_VERTICES})
    cursor.execute("DROP TABLE staging_locatie")


def _objecten(versie: m.RegelingVersie, lev: Levering) -> None:
    def maak(model, rijen, velden):
        model.objects.bulk_create(
            [model(versie=versie, **{k: r[k] for k in velden if k in r}) for r in rijen], batch_size=2000
        )

    maak(m.Activiteit, lev.activiteiten, ("identificatie", "naam", "groep", "bovenliggende"))
    maak(m.Gebiedsaanwijzing, lev.gebiedsaanwijzingen, ("identificatie", "type", "groep", "naam", "locaties"))
    maak(m.Regeltekst, lev.regelteksten, ("identificatie", "wid", "kop", "tekst"))
    normen = {
        n.identificatie: n
        for n in m.Omgevingsnorm.objects.bulk_create(
            [
                m.Omgevingsnorm(versie=versie, **{k: v for k, v in n.items() if k != "normwaarden"})
                for n in lev.normen
            ]
        )
    }
    m.Normwaarde.objects.bulk_create(
        [
            m.Normwaarde(versie=versie, norm=normen[n["identificatie"]], **w)
            for n in lev.normen
            for w in n["normwaarden"]
        ],
        batch_size=2000,
    )
    regels = {
        r.identificatie: r
        for r in m.JuridischeRegel.objects.bulk_create(
            [
                m.JuridischeRegel(versie=versie, **{k: v for k, v in r.items() if k != "aanduidingen"})
                for r in lev.regels
            ],
            batch_size=2000,
        )
    }
    m.ActiviteitLocatieaanduiding.objects.bulk_create(
        [
            m.ActiviteitLocatieaanduiding(versie=versie, regel=regels[r["identificatie"]], **a)
            for r in lev.regels
            for a in r["aanduidingen"]
        ],
        batch_size=2000,
    )


def bewaar(lev: Levering, soort: str, bestand: str, vingerafdruk: str) -> ImportResultaat:
    """Store the delivery as one regeling version, in one transaction; raises ImportFout."""
    start = time.monotonic()
    controleer_verwijzingen(lev, bestand)
    with transaction.atomic(), connection.cursor() as cursor:
        regeling, _ = m.Regeling.objects.update_or_create(
            identificatie=lev.regeling,
            defaults={"titel": lev.titel[:500], "bevoegd_gezag": lev.bevoegd_gezag, "bron": lev.bron},
        )
        versie, _ = m.RegelingVersie.objects.update_or_create(
            regeling=regeling,
            expressie=lev.expressie,
            defaults={"begin_geldigheid": lev.begin_geldigheid, "vingerafdruk": vingerafdruk},
        )
        _leeg(versie)
        # Each version is valid until the next one begins; the latest has no end.
        versies = list(regeling.versies.order_by("begin_geldigheid", "id"))
        for huidige, volgende in zip(versies, versies[1:] + [None], strict=True):
            eind = volgende.begin_geldigheid if volgende else None
            if huidige.eind_geldigheid != eind:
                huidige.eind_geldigheid = eind
                huidige.save(update_fields=["eind_geldigheid"])
        _locaties(cursor, versie, lev, bestand)
        _objecten(versie, lev)
        cursor.execute(_KAARTVLAKKEN_SQL, {"versie": versie.pk})
        for tabel in (
            "locatievlak",
            "gebiedsaanwijzing",
            "normwaarde",
            "juridischeregel",
            "activiteitlocatieaanduiding",
        ):
            cursor.execute(f"ANALYZE omgevingsplan_{tabel}")
        ImportRun.objects.create(
            soort=soort,
            bestand=bestand[:500],
            sha256=vingerafdruk,
            status=ImportRun.Status.KLAAR,
            klaar=timezone.now(),
            telling=lev.telling(),
            bevindingen=[asdict(x) for x in lev.bevindingen[:500]],
        )
    return ImportResultaat(
        bestand,
        "klaar",
        regeling=lev.regeling,
        telling=lev.telling(),
        bevindingen=lev.bevindingen,
        niet_gebruikt=lev.niet_gebruikt,
        seconden=time.monotonic() - start,
    )
