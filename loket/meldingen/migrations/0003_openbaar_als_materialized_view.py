"""The public layer becomes a materialized view with its own GiST index, refreshed every minute by
the job `meldingen.ververs_openbaar`: tile and GeoJSON queries then read one small indexed relation
instead of planning a join over all zaken (the planner did not use the partial index over open zaken)."""

from django.db import migrations

SELECT = """
SELECT z.id, z.locatie_openbaar AS geom, c.naam AS categorie, h.naam AS hoofdcategorie,
       s.omschrijving AS status, (z.registratiedatum AT TIME ZONE 'Europe/Amsterdam')::date AS datum,
       z.registratiedatum
FROM zaken_zaak z
JOIN meldingen_melding m ON m.zaak_id = z.id
JOIN meldingen_categorie c ON c.id = m.categorie_id
JOIN meldingen_categorie h ON h.id = c.hoofdcategorie_id
JOIN zaken_statustype s ON s.id = z.status_id
WHERE z.einddatum IS NULL AND z.locatie_openbaar IS NOT NULL
"""
MAAK = [
    "DROP VIEW meldingen_openbaar",
    f"CREATE MATERIALIZED VIEW meldingen_openbaar AS {SELECT}",
    # Unique: REFRESH … CONCURRENTLY needs it, so readers are never blocked by a refresh.
    "CREATE UNIQUE INDEX meldingen_openbaar_id ON meldingen_openbaar (id)",
    "CREATE INDEX meldingen_openbaar_geom_gist ON meldingen_openbaar USING gist (geom)",
    "CREATE INDEX meldingen_openbaar_registratiedatum ON meldingen_openbaar (registratiedatum)",
]
TERUG = ["DROP MATERIALIZED VIEW meldingen_openbaar", f"CREATE VIEW meldingen_openbaar AS {SELECT}"]


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0002_zaaktype_kaartlaag_voorbeelden")]
    operations = [migrations.RunSQL(MAAK, TERUG)]
