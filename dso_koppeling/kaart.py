"""Vergunningaanvragen on the map and in the locatie-informatie panel, through the kaartportaal's
extension points: a vector source (a database view without personal data) and a panel section."""

from django.db import connection

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron
from kaartlagen.locatie import LocatieInformatie, Sectie, sectie
from loket.crs import RD_NEW

BRON = "dso_vergunningaanvragen"
VIEW = "dso_koppeling_vergunningaanvraag_kaart"
# What the public sees of an aanvraag: where, what, when and how far along. Never who.
# The zaak table holds every kind of zaak; a GiST index over only the DSO ones keeps the layer's
# selection small, and the view's `z.bron = 'dso'` lets the planner use it.
INDEX = "dso_koppeling_zaak_geom_idx"
INDEX_SQL = f"CREATE INDEX IF NOT EXISTS {INDEX} ON zaken_zaak USING gist (geometrie) WHERE bron = 'dso'"
VIEW_SQL = f"""
CREATE OR REPLACE VIEW {VIEW} AS
SELECT z.referentie, z.adres, z.geometrie AS geom, (v.ingediend_op AT TIME ZONE 'Europe/Amsterdam')::date AS datum,
       s.omschrijving AS status,
       (SELECT string_agg(a->>'naam', ', ') FROM jsonb_array_elements(v.activiteiten) a) AS activiteit
FROM dso_koppeling_verzoek v
JOIN zaken_zaak z ON z.id = v.zaak_id
JOIN zaken_statustype s ON s.id = z.status_id
WHERE v.type = 'aanvraag' AND z.bron = 'dso' AND z.geometrie IS NOT NULL
"""

VECTOR_BRONNEN.setdefault(
    BRON,
    VectorBron(
        "Vergunningaanvragen (DSO)",
        VIEW,
        "t.referentie",
        {
            "referentie": "t.referentie",
            "adres": "t.adres",
            "activiteit": "t.activiteit",
            "datum": "t.datum::text",
            "status": "t.status",
        },
        punten=True,
    ),
)

STRAAL = 100.0


@sectie
def vergunningaanvragen(info: LocatieInformatie) -> Sectie | None:
    """Aanvragen within STRAAL metres: neighbours see what is planned near them."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT activiteit, adres, status, datum FROM {VIEW} "
            "WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint(%s, %s), %s), %s) ORDER BY datum DESC LIMIT 10",
            [*info.punt_rd, RD_NEW, STRAAL],
        )
        rijen = cursor.fetchall()
    if not rijen:
        return None
    return Sectie(
        "vergunningaanvragen",
        f"Vergunningaanvragen in de buurt (binnen {STRAAL:.0f} meter)",
        [
            (activiteit or "Aanvraag", f"{adres} — {status}, ingediend {datum:%d-%m-%Y}")
            for activiteit, adres, status, datum in rijen
        ],
    )
