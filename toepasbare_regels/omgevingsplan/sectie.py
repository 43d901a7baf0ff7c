"""The "Omgevingsplan" section of locatie-informatie (the /locatie page and the map panel)."""

from kaartlagen.locatie import LocatieInformatie, Sectie, sql_sectie
from toepasbare_regels.omgevingsplan.models import (
    Activiteit,
    ActiviteitLocatieaanduiding,
    Gebiedsaanwijzing,
    JuridischeRegel,
    LocatieVlak,
    Normwaarde,
    Omgevingsnorm,
    RegelingVersie,
    Regeltekst,
)
from toepasbare_regels.omgevingsplan.waardelijsten import label, term


def _waarde(norm: dict) -> str:
    waarde = norm["waarde"]
    if isinstance(waarde, float):
        waarde = f"{waarde:g}".replace(".", ",")
    eenheid = {"Meter": "m"}.get(norm["eenheid"], label(norm["eenheid"]))
    return f"{waarde} {eenheid}".strip()


# The kwalificaties in plain words (B1), strictest first. Of all the rules for one activiteit here,
# the strictest decides: where a monument needs a vergunning, the general "no vergunning needed" for
# the same work does not hold, so the panel shows that one conclusion and the article(s) behind it.
IN_GEWONE_WOORDEN = {
    "verbod": "niet toegestaan",
    "vergunningplicht": "vergunning nodig",
    "meldingsplicht": "melding nodig",
    "informatieplicht": "gegevens doorgeven",
    "gebod": "u moet zich aan regels houden",
    "anders geduid": "er gelden regels",
    "toestemmingsvrij": "geen vergunning nodig als u zich aan de regels houdt",
    "toegestaan": "toegestaan",
}


def conclusie(regels: list[dict]) -> str:
    """The one conclusion that holds for an activiteit at this spot, with the articles it rests on."""
    for kwalificatie, woorden in IN_GEWONE_WOORDEN.items():
        geldend = [r for r in regels if r["kwalificatie"] == kwalificatie]
        if geldend:
            koppen = sorted({r["artikel"]["kop"] for r in geldend if r["artikel"]})
            tekst = f"{woorden} ({'; '.join(koppen)})" if koppen else woorden
            return tekst[:1].upper() + tekst[1:]
    return "Er gelden regels"


def _tabel(model) -> str:
    return model._meta.db_table


# What regels_op answers at a point, as far as the panel shows it, in one subquery of the panel's
# statement: the versions in force, the locaties at the point (LocatieVlak, GiST), then through the GIN
# indexes on the identificatie arrays the activiteiten with kwalificatie and artikel kop, the
# gebiedsaanwijzingen and the normwaarden. NULL where no locatie lies.
_SQL = f"""
    WITH versies AS (
        SELECT id FROM {_tabel(RegelingVersie)}
        WHERE begin_geldigheid <= %(vandaag)s AND (eind_geldigheid IS NULL OR eind_geldigheid > %(vandaag)s)
    ),
    hier AS (
        SELECT array_agg(DISTINCT l)::varchar[] AS ids
        FROM {_tabel(LocatieVlak)} v, unnest(v.locaties) l
        WHERE v.versie_id IN (SELECT id FROM versies) AND ST_Intersects(v.geom, pt.p)
    )
    SELECT json_build_object(
        'activiteiten', (
            SELECT json_agg(json_build_array(x.naam, x.regels) ORDER BY x.activiteit) FROM (
                SELECT a.activiteit,
                       coalesce((array_agg(act.naam ORDER BY a.identificatie))[1], a.activiteit) AS naam,
                       json_agg(json_build_array(a.kwalificatie, t.kop) ORDER BY a.identificatie) AS regels
                FROM {_tabel(ActiviteitLocatieaanduiding)} a
                JOIN {_tabel(JuridischeRegel)} r ON r.id = a.regel_id
                LEFT JOIN {_tabel(Regeltekst)} t ON t.versie_id = a.versie_id AND t.identificatie = r.regeltekst
                LEFT JOIN {_tabel(Activiteit)} act
                       ON act.versie_id = a.versie_id AND act.identificatie = a.activiteit
                WHERE a.versie_id IN (SELECT id FROM versies) AND a.locaties && hier.ids
                GROUP BY a.activiteit
            ) x
        ),
        'gebiedsaanwijzingen', (
            SELECT json_agg(json_build_array(g.type, g.naam) ORDER BY g.type, g.naam, g.identificatie)
            FROM {_tabel(Gebiedsaanwijzing)} g
            WHERE g.versie_id IN (SELECT id FROM versies) AND g.locaties && hier.ids
        ),
        'normen', (
            SELECT json_agg(json_build_array(n.naam, w.kwantitatief, w.kwalitatief, w.in_regeltekst, n.eenheid)
                            ORDER BY n.naam, w.identificatie)
            FROM {_tabel(Normwaarde)} w JOIN {_tabel(Omgevingsnorm)} n ON n.id = w.norm_id
            WHERE w.versie_id IN (SELECT id FROM versies) AND w.locaties && hier.ids
        )
    )
    FROM hier WHERE hier.ids IS NOT NULL
"""


@sql_sectie(_SQL)
def omgevingsplan(info: LocatieInformatie, regels) -> Sectie | None:
    if regels is None:
        return None
    rijen: list[tuple[str, str]] = []
    for naam, aanduidingen in regels["activiteiten"] or []:
        per_regel = [
            {"kwalificatie": kwalificatie, "artikel": None if kop is None else {"kop": kop}}
            for kwalificatie, kop in aanduidingen
        ]
        rijen.append((naam[:1].upper() + naam[1:], conclusie(per_regel)))
    for type_, naam in regels["gebiedsaanwijzingen"] or []:
        rijen.append((label(type_).capitalize() or "Gebiedsaanwijzing", naam))
    for naam, kwantitatief, kwalitatief, in_regeltekst, eenheid in regels["normen"] or []:
        waarde = kwantitatief if kwantitatief is not None else (kwalitatief or in_regeltekst)
        rijen.append((naam.capitalize(), _waarde({"waarde": waarde, "eenheid": term(eenheid)})))
    if not rijen:
        return None
    return Sectie("omgevingsplan", "Omgevingsplan", rijen)
