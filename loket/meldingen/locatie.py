"""The locatie-informatie section "Meldingen in de buurt": open meldingen within 100 m."""

from kaartlagen.locatie import LocatieInformatie, Sectie, sql_sectie
from loket.meldingen.models import Categorie, Melding
from loket.zaken.models import Statustype, Zaak

STRAAL_M = 100


@sql_sectie(f"""
    SELECT json_agg(json_build_array(r.categorie, r.status, r.datum)) FROM (
        SELECT coalesce(h.naam || ' › ', '') || c.naam AS categorie, s.omschrijving AS status,
               to_char(z.registratiedatum AT TIME ZONE %(tijdzone)s, 'DD-MM-YYYY') AS datum
        FROM {Zaak._meta.db_table} z
        JOIN {Melding._meta.db_table} m ON m.zaak_id = z.id
        JOIN {Categorie._meta.db_table} c ON c.id = m.categorie_id
        LEFT JOIN {Categorie._meta.db_table} h ON h.id = c.hoofdcategorie_id
        JOIN {Statustype._meta.db_table} s ON s.id = z.status_id
        WHERE z.einddatum IS NULL AND ST_DWithin(z.geometrie, pt.p, {STRAAL_M})
        ORDER BY z.registratiedatum DESC LIMIT 5
    ) r
""")
def meldingen_in_de_buurt(info: LocatieInformatie, rijen) -> Sectie | None:
    if not rijen:
        return None
    return Sectie(
        "meldingen",
        f"Open meldingen binnen {STRAAL_M} meter",
        [(categorie, f"{status}, gemeld op {datum}") for categorie, status, datum in rijen],
    )
