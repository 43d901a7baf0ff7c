"""Buurtberichten on the map (a vector source in the layers registry) and in the locatie-informatie
panel (a section read in the panel's one statement, `@sql_sectie`): current berichten only, public fields only."""

from datetime import date

from django.urls import reverse

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron
from kaartlagen.kaart import ondergrondkaart
from kaartlagen.locatie import LocatieInformatie, Sectie, sql_sectie
from loket.buurtberichten.models import Bericht, Onderwerp

BRON = "buurtberichten"
# Current: not ended, or without an end date and published in the last 90 days.
ACTUEEL_SQL = "(t.eind >= current_date OR (t.eind IS NULL AND t.gepubliceerd >= now() - interval '90 days'))"
STRAAL_M = 250

VECTOR_BRONNEN.setdefault(
    BRON,
    VectorBron(
        "Buurtberichten",
        Bericht._meta.db_table,
        "t.uuid::text",
        {
            "titel": "t.titel",
            "soort": "t.soort",
            "begin": "t.begin::text",
            "eind": "t.eind::text",
            "id": "t.uuid::text",
        },
        filter=ACTUEEL_SQL,
        frequentie="CONT",
    ),
)


@sql_sectie(f"""
    SELECT json_agg(json_build_array(r.soort, r.titel, r.begin, r.eind)) FROM (
        SELECT t.soort, t.titel, t.begin, t.eind FROM {Bericht._meta.db_table} t
        WHERE (t.eind >= %(vandaag)s OR (t.eind IS NULL AND t.gepubliceerd >= now() - interval '90 days'))
          AND ST_DWithin(t.geom, pt.p, {STRAAL_M})
        ORDER BY t.gepubliceerd DESC LIMIT 5
    ) r
""")
def buurtberichten(info: LocatieInformatie, items) -> Sectie | None:
    """Current berichten within STRAAL_M metres of the spot, read in the panel's one statement."""
    rijen = []
    for soort, titel, begin, eind in items or []:
        periode = ""
        if begin:
            begin, eind = date.fromisoformat(begin), eind and date.fromisoformat(eind)
            periode = f", {begin:%d-%m-%Y}" + (
                f" tot en met {eind:%d-%m-%Y}" if eind and eind != begin else ""
            )
        rijen.append((dict(Onderwerp.choices).get(soort, soort), f"{titel}{periode}"))
    if not rijen:
        return None
    return Sectie("buurtberichten", f"Buurtberichten binnen {STRAAL_M} meter", rijen)


def paginaconfig(request) -> dict:
    """What the drawing map and the address field need: centre, basemap, the suggest endpoint."""
    return {**ondergrondkaart(request), "suggest": reverse("kaartlagen:locatie-suggest")}
