"""What the omgevingsplan says at a place on a date: the functions the engine, the API and the panel call.

`geometrie` is a GEOSGeometry in RD New (a point or a polygon), `peildatum` a date (default today).
Every query first takes the regeling versions in force on the peildatum, then finds the locaties with
one indexed ST_Intersects on LocatieVlak (member and groepen at once), then looks up what refers to
those locaties through the GIN indexes on the identificatie arrays.
"""

import json
from datetime import date

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from loket.crs import RD_NEW, WGS84
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
from toepasbare_regels.omgevingsplan.waardelijsten import label


class GeometrieFout(ValueError):
    """The geometry handed to a service is not usable (no RD New, not valid)."""


def geldige_versies(peildatum: date | None = None) -> list[int]:
    dag = peildatum or timezone.localdate()
    return list(
        RegelingVersie.objects.filter(begin_geldigheid__lte=dag)
        .filter(Q(eind_geldigheid__isnull=True) | Q(eind_geldigheid__gt=dag))
        .values_list("id", flat=True)
    )


def _ewkb(geometrie) -> bytes:
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


def _locaties(geometrie, versies: list[int]) -> set[str]:
    if not versies:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_LOCATIES_SQL, {"versies": versies, "geom": _ewkb(geometrie)})
        return {ident for (ident,) in cursor.fetchall()}


def locaties_op(geometrie, peildatum: date | None = None) -> set[str]:
    """Identificaties of every locatie (gebied, lijn, punt, and each groep with a member) that
    intersects the geometry."""
    return _locaties(geometrie, geldige_versies(peildatum))


def _gebiedsaanwijzingen(versies, locaties) -> list[dict]:
    rijen = Gebiedsaanwijzing.objects.filter(versie__in=versies, locaties__overlap=list(locaties))
    return [
        {
            "identificatie": g.identificatie,
            "type": label(g.type),
            "groep": label(g.groep),
            "naam": g.naam,
            "locaties": sorted(set(g.locaties) & locaties),
        }
        for g in rijen.order_by("type", "naam", "identificatie")
    ]


def gebiedsaanwijzingen_op(geometrie, peildatum: date | None = None) -> list[dict]:
    versies = geldige_versies(peildatum)
    return _gebiedsaanwijzingen(versies, _locaties(geometrie, versies))


def _normwaarden(versies, locaties) -> list[dict]:
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
                "type": label(w.norm.type),
                "eenheid": label(w.norm.eenheid),
                "waarde": waarde,
                "locatie": sorted(set(w.locaties) & locaties)[0],
            }
        )
    return uit


def normwaarden_op(geometrie, peildatum: date | None = None) -> list[dict]:
    versies = geldige_versies(peildatum)
    return _normwaarden(versies, _locaties(geometrie, versies))


def _artikel(versie_id: int, regeltekst_id: str, cache: dict) -> dict | None:
    sleutel = (versie_id, regeltekst_id)
    if sleutel not in cache:
        tekst = Regeltekst.objects.filter(versie_id=versie_id, identificatie=regeltekst_id).first()
        cache[sleutel] = (
            {"identificatie": tekst.identificatie, "wId": tekst.wid, "kop": tekst.kop, "tekst": tekst.tekst}
            if tekst
            else None
        )
    return cache[sleutel]


def regels_op(geometrie, peildatum: date | None = None) -> dict:
    """Every activiteit regulated here with its kwalificatie, juridische regel and artikel, plus the
    gebiedsaanwijzingen and normen here."""
    dag = peildatum or timezone.localdate()
    versies = geldige_versies(dag)
    locaties = _locaties(geometrie, versies)
    ids = list(locaties)
    aanduidingen = (
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
    artikelen: dict = {}
    per_activiteit: dict[str, dict] = {}
    for ala in aanduidingen:
        act = activiteiten.get((ala.versie_id, ala.activiteit))
        item = per_activiteit.setdefault(
            ala.activiteit,
            {
                "identificatie": ala.activiteit,
                "naam": act.naam if act else ala.activiteit,
                "groep": label(act.groep) if act else "",
                "bovenliggende": act.bovenliggende if act else "",
                "regels": [],
            },
        )
        item["regels"].append(
            {
                "kwalificatie": ala.kwalificatie,
                "activiteitlocatieaanduiding": ala.identificatie,
                "juridische_regel": ala.regel.identificatie,
                "artikel": _artikel(ala.versie_id, ala.regel.regeltekst, artikelen),
                "locaties": sorted(set(ala.locaties) & locaties),
            }
        )
    # Rules without an activiteit (a functie, a norm) still say something about this place.
    overige = JuridischeRegel.objects.filter(versie__in=versies, locaties__overlap=ids, activiteiten=[])
    return {
        "peildatum": dag.isoformat(),
        "locaties": sorted(locaties),
        "activiteiten": list(per_activiteit.values()),
        "overige_regels": [
            {
                "juridische_regel": r.identificatie,
                "artikel": _artikel(r.versie_id, r.regeltekst, artikelen),
                "gebiedsaanwijzingen": r.gebiedsaanwijzingen,
                "normen": r.normen,
            }
            for r in overige.order_by("identificatie")
        ],
        "gebiedsaanwijzingen": _gebiedsaanwijzingen(versies, locaties),
        "normen": _normwaarden(versies, locaties),
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
