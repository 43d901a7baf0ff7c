"""Vergunningaanvragen on the map and in the locatie-informatie panel, through the kaartportaal's
extension points: a vector source (a database view without personal data) and a panel section."""

from kaartlagen.bronnen import VECTOR_BRONNEN, VectorBron
from kaartlagen.locatie import LocatieInformatie, Sectie, sql_sectie

BRON = "dso_vergunningaanvragen"
VIEW = "dso_koppeling_vergunningaanvraag_kaart"
# What the public sees of an aanvraag: where, what, when and how far along. Never who. The verzoek
# table is the only one in FROM, so the tile query's `geom &&` selects through its GiST index; the
# zaak's fields come per row.
VIEW_SQL = f"""
CREATE OR REPLACE VIEW {VIEW} AS
SELECT v.geom,
       (SELECT z.referentie FROM zaken_zaak z WHERE z.id = v.zaak_id) AS referentie,
       (SELECT z.adres FROM zaken_zaak z WHERE z.id = v.zaak_id) AS adres,
       (v.ingediend_op AT TIME ZONE 'Europe/Amsterdam')::date AS datum,
       (SELECT s.omschrijving FROM zaken_zaak z JOIN zaken_statustype s ON s.id = z.status_id
        WHERE z.id = v.zaak_id) AS status,
       (SELECT string_agg(a->>'naam', ', ') FROM jsonb_array_elements(v.activiteiten) a) AS activiteit
FROM dso_koppeling_verzoek v
WHERE v.type = 'aanvraag'
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
        frequentie="CONT",
    ),
)

STRAAL = 100.0


@sql_sectie(f"""
    SELECT json_agg(json_build_array(r.activiteit, r.adres, r.status, to_char(r.datum, 'DD-MM-YYYY'))) FROM (
        SELECT activiteit, adres, status, datum FROM {VIEW}
        WHERE ST_DWithin(geom, pt.p, {STRAAL}) ORDER BY datum DESC LIMIT 10
    ) r
""")
def vergunningaanvragen(info: LocatieInformatie, rijen) -> Sectie | None:
    """Aanvragen within STRAAL metres: neighbours see what is planned near them."""
    if not rijen:
        return None
    return Sectie(
        "vergunningaanvragen",
        f"Vergunningaanvragen in de buurt (binnen {STRAAL:.0f} meter)",
        [
            (activiteit or "Aanvraag", f"{adres} — {status}, ingediend {datum}")
            for activiteit, adres, status, datum in rijen
        ],
    )
