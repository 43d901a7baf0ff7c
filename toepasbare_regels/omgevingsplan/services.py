"""What the omgevingsplan says at a place on a date: the functions the engine, the API and the panel call.

Value-list attributes (type, groep, eenheid) come back as their term ('Erfgoed', 'BeschermdMonument',
'Meter'); kwalificaties as the plain words of the list ('vergunningplicht', 'anders geduid').

`geometrie` is a GEOSGeometry in RD New (a point or a polygon), `peildatum` a date (default today).
Every query first takes the regeling versions in force on the peildatum, then finds the locaties with
one indexed ST_Intersects on LocatieVlak (member and groepen at once), then looks up what refers to
those locaties through the GIN indexes on the identificatie arrays.
"""

import json
from datetime import date

from django.db.models import Q
from django.utils import timezone

from kern.crs import RD_NEW, WGS84
from kern.replica import leesverbinding
from toepasbare_regels.omgevingsplan.models import (
    Activiteit,
    ActiviteitLocatieaanduiding,
    Gebiedsaanwijzing,
    JuridischeRegel,
    Locatie,
    Normwaarde,
    RegelingVersie,
    Regeltekst,
)
from toepasbare_regels.omgevingsplan.waardelijsten import term


class GeometrieFout(ValueError):
    """The geometry handed to a service is not usable (no RD New, not valid)."""


def geldige_versies(peildatum: date | None = None) -> list[int]:
    dag = peildatum or timezone.localdate()
    return list(
        RegelingVersie.objects.filter(begin_geldigheid__lte=dag)
        .filter(Q(eind_geldigheid__isnull=True) | Q(eind_geldigheid__gt=dag))
        .values_list("id", flat=True)
    )


def ewkb(geometrie) -> bytes:
    if geometrie is None or geometrie.empty:
        raise GeometrieFout("lege geometrie")
    if geometrie.srid not in (None, RD_NEW):
        raise GeometrieFout(f"geometrie moet in RD New zijn, niet in SRID {geometrie.srid}")
    if not geometrie.valid:
        raise GeometrieFout(f"ongeldige geometrie: {geometrie.valid_reason}")
    if geometrie.srid is None:
        geometrie = geometrie.clone()
        geometrie.srid = RD_NEW
    return bytes(geometrie.ewkb)


_LOCATIES_SQL = """
    SELECT DISTINCT unnest(v.locaties)
    FROM omgevingsplan_locatievlak v
    WHERE v.versie_id = ANY(%(versies)s)
      AND ST_Intersects(v.geom, ST_GeomFromEWKB(%(geom)s))
"""


def locaties_in_versies(geometrie, versies: list[int]) -> set[str]:
    if not versies:
        return set()
    with leesverbinding().cursor() as cursor:
        cursor.execute(_LOCATIES_SQL, {"versies": versies, "geom": ewkb(geometrie)})
        return {ident for (ident,) in cursor.fetchall()}


_GEHEEL_SQL = """
    SELECT l FROM omgevingsplan_locatievlak v, unnest(v.locaties) AS l
    WHERE v.versie_id = ANY(%(versies)s) AND ST_Intersects(v.geom, ST_GeomFromEWKB(%(geom)s))
    GROUP BY l HAVING ST_CoveredBy(ST_GeomFromEWKB(%(geom)s), ST_Union(v.geom))
"""


def geheel_in_versies(geometrie, versies: list[int]) -> set[str]:
    """The locaties the whole geometry lies in; the others it intersects it lies in only partly."""
    if not versies:
        return set()
    with leesverbinding().cursor() as cursor:
        cursor.execute(_GEHEEL_SQL, {"versies": versies, "geom": ewkb(geometrie)})
        return {ident for (ident,) in cursor.fetchall()}


def locaties_op(geometrie, peildatum: date | None = None) -> set[str]:
    """Identificaties of every locatie (gebied, lijn, punt, and each groep with a member) that
    intersects the geometry."""
    return locaties_in_versies(geometrie, geldige_versies(peildatum))


def gebiedsaanwijzingen_van(versies, locaties) -> list[dict]:
    """The gebiedsaanwijzingen of already-found locaties (callers that need several answers at one
    spot find the locaties once)."""
    rijen = Gebiedsaanwijzing.objects.filter(versie__in=versies, locaties__overlap=list(locaties))
    return [
        gebiedsaanwijzing(g.identificatie, g.type, g.groep, g.naam, g.locaties, locaties)
        for g in rijen.order_by("type", "naam", "identificatie")
    ]


def gebiedsaanwijzing(identificatie, soort, groep, naam, van, gevonden: set[str]) -> dict:
    """A gebiedsaanwijzing as the services give it; `locaties` only the ones of `van` that were found."""
    return {
        "identificatie": identificatie,
        "type": term(soort),
        "groep": term(groep),
        "naam": naam,
        "locaties": sorted(set(van) & gevonden),
    }


def gebiedsaanwijzingen_op(geometrie, peildatum: date | None = None) -> list[dict]:
    versies = geldige_versies(peildatum)
    return gebiedsaanwijzingen_van(versies, locaties_in_versies(geometrie, versies))


def normwaarden_van(versies, locaties) -> list[dict]:
    rijen = Normwaarde.objects.filter(versie__in=versies, locaties__overlap=list(locaties)).select_related(
        "norm"
    )
    uit = []
    for w in rijen.order_by("norm__naam", "identificatie"):
        waarde = w.kwantitatief if w.kwantitatief is not None else (w.kwalitatief or w.in_regeltekst)
        uit.append(
            {
                "identificatie": w.norm.identificatie,
                "normwaarde": w.identificatie,
                "naam": w.norm.naam,
                "soort": w.norm.soort,
                "type": term(w.norm.type),
                "eenheid": term(w.norm.eenheid),
                "waarde": waarde,
                "locatie": sorted(set(w.locaties) & locaties)[0],
            }
        )
    return uit


def normwaarden_op(geometrie, peildatum: date | None = None) -> list[dict]:
    versies = geldige_versies(peildatum)
    return normwaarden_van(versies, locaties_in_versies(geometrie, versies))


def _artikelen(versies: list[int], regeltekst_ids: set[str]) -> dict:
    """The artikelen the rules here refer to, in one query: (versie, identificatie) -> artikel."""
    return {
        (t.versie_id, t.identificatie): {
            "identificatie": t.identificatie,
            "wId": t.wid,
            "kop": t.kop,
            "tekst": t.tekst,
        }
        for t in Regeltekst.objects.filter(versie__in=versies, identificatie__in=regeltekst_ids)
    }


_LIJSTEN = ("locaties", "activiteiten", "overige_regels", "gebiedsaanwijzingen", "normen")


def regels_op(geometrie, peildatum: date | None = None) -> dict:
    """Every activiteit regulated here with its kwalificatie, juridische regel and artikel, plus the
    gebiedsaanwijzingen and normen here."""
    dag = peildatum or timezone.localdate()
    versies = geldige_versies(dag)
    locaties = locaties_in_versies(geometrie, versies)
    if not locaties:
        return {"peildatum": dag.isoformat(), **{k: [] for k in _LIJSTEN}}
    ids = list(locaties)
    aanduidingen = list(
        ActiviteitLocatieaanduiding.objects.filter(versie__in=versies, locaties__overlap=ids)
        .select_related("regel")
        .order_by("activiteit", "identificatie")
    )
    activiteiten = {
        (a.versie_id, a.identificatie): a
        for a in Activiteit.objects.filter(
            versie__in=versies, identificatie__in={x.activiteit for x in aanduidingen}
        )
    }
    # Rules without an activiteit (a functie, a norm) still say something about this place.
    overige = list(
        JuridischeRegel.objects.filter(versie__in=versies, locaties__overlap=ids, activiteiten=[]).order_by(
            "identificatie"
        )
    )
    artikelen = _artikelen(
        versies, {a.regel.regeltekst for a in aanduidingen} | {r.regeltekst for r in overige}
    )
    per_activiteit: dict[str, dict] = {}
    for ala in aanduidingen:
        act = activiteiten.get((ala.versie_id, ala.activiteit))
        item = per_activiteit.setdefault(
            ala.activiteit,
            {
                "identificatie": ala.activiteit,
                "naam": act.naam if act else ala.activiteit,
                "groep": term(act.groep) if act else "",
                "bovenliggende": act.bovenliggende if act else "",
                "regels": [],
            },
        )
        item["regels"].append(
            {
                "kwalificatie": ala.kwalificatie,
                "activiteitlocatieaanduiding": ala.identificatie,
                "juridische_regel": ala.regel.identificatie,
                "artikel": artikelen.get((ala.versie_id, ala.regel.regeltekst)),
                "locaties": sorted(set(ala.locaties) & locaties),
            }
        )
    return {
        "peildatum": dag.isoformat(),
        "locaties": sorted(locaties),
        "activiteiten": list(per_activiteit.values()),
        "overige_regels": [
            {
                "juridische_regel": r.identificatie,
                "artikel": artikelen.get((r.versie_id, r.regeltekst)),
                "gebiedsaanwijzingen": r.gebiedsaanwijzingen,
                "normen": r.normen,
            }
            for r in overige
        ],
        "gebiedsaanwijzingen": gebiedsaanwijzingen_van(versies, locaties),
        "normen": normwaarden_van(versies, locaties),
    }


def regeltekst(wid: str, peildatum: date | None = None) -> dict | None:
    """The artikel or lid with this wId in a regeling in force (for artikel references in conclusions)."""
    tekst = (
        Regeltekst.objects.filter(versie__in=geldige_versies(peildatum), wid=wid)
        .select_related("versie__regeling")
        .first()
    )
    if tekst is None:
        return None
    return {
        "wId": tekst.wid,
        "identificatie": tekst.identificatie,
        "kop": tekst.kop,
        "tekst": tekst.tekst,
        "regeling": tekst.versie.regeling.titel,
        "regeling_identificatie": tekst.versie.regeling.identificatie,
    }


def locaties_geojson(identificaties, peildatum: date | None = None) -> dict:
    """The werkingsgebieden as a GeoJSON FeatureCollection in WGS84 (for a result map)."""
    rijen = Locatie.objects.filter(
        versie__in=geldige_versies(peildatum), identificatie__in=list(identificaties), geom__isnull=False
    ).order_by("identificatie")
    features = []
    for loc in rijen:
        geom = loc.geom.transform(WGS84, clone=True)
        features.append(
            {
                "type": "Feature",
                "id": loc.identificatie,
                "properties": {"identificatie": loc.identificatie, "soort": loc.soort, "noemer": loc.noemer},
                "geometry": json.loads(geom.geojson),
            }
        )
    return {"type": "FeatureCollection", "features": features}
