"""The zaaktype with its status flow, the public materialized view and layer. Categories, teams and routing
rules are the municipality's own, made in the admin; development gets sample ones from
`manage.py load_sample_meldingen` (dev/sample/meldingen.py), never from a migration."""

from django.db import migrations

from loket.meldingen.zaaktype import MELDING
from loket.zaken.definitie import definieer

# The public layer: a materialized view with its own GiST index, refreshed every minute by the job
# `meldingen.ververs_openbaar` (see docs/decisions/0008-meldingen-openbaar-en-mail.md).
OPENBAAR_SELECT = """
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
OPENBAAR = [
    f"CREATE MATERIALIZED VIEW meldingen_openbaar AS {OPENBAAR_SELECT}",
    # Unique: REFRESH … CONCURRENTLY needs it, so readers are never blocked by a refresh.
    "CREATE UNIQUE INDEX meldingen_openbaar_id ON meldingen_openbaar (id)",
    "CREATE INDEX meldingen_openbaar_geom_gist ON meldingen_openbaar USING gist (geom)",
    "CREATE INDEX meldingen_openbaar_registratiedatum ON meldingen_openbaar (registratiedatum)",
]

def maak(apps, schema_editor):
    definieer(MELDING, apps)
    apps.get_model("kaartlagen", "Kaartlaag").objects.update_or_create(
        naam="meldingen",
        defaults={
            "titel": "Open meldingen", "groep": "Meldingen", "bron": "meldingen_open",
            "stijl": {"kleur": "#b3261e"}, "min_zoom": 11, "standaard_aan": False, "volgorde": 60,
            "attributie": "Gemeente Den Helder, meldingen openbare ruimte (ligging op 10 m afgerond)",
        },
    )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam="meldingen").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0001_meldingen"),
        ("zaken", "0005_locatie_openbaar"),
        ("kaartlagen", "0005_externe_lagen"),
    ]
    operations = [
        migrations.RunSQL(OPENBAAR, "DROP MATERIALIZED VIEW meldingen_openbaar"),
        migrations.RunPython(maak, verwijder),
    ]
