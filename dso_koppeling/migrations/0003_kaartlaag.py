"""The public map layer of vergunningaanvragen: a view without personal data and its registry row."""

from django.db import migrations

from dso_koppeling.kaart import BRON, VIEW, VIEW_SQL


def maak(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.update_or_create(
        naam="vergunningaanvragen",
        defaults=dict(
            titel="Vergunningaanvragen",
            groep="Vergunningen en meldingen",
            bron=BRON,
            stijl={"kleur": "#d95f02", "lijnkleur": "#7f3901"},
            min_zoom=12,
            standaard_aan=False,
            volgorde=60,
            attributie="Gemeente Den Helder, aanvragen via het Omgevingsloket (DSO)",
        ),
    )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam="vergunningaanvragen").delete()


class Migration(migrations.Migration):
    dependencies = [("dso_koppeling", "0002_zaaktypen"), ("kaartlagen", "0005_externe_lagen"), ("zaken", "0001_kern")]
    operations = [
        migrations.RunSQL(VIEW_SQL, f"DROP VIEW IF EXISTS {VIEW}"),
        migrations.RunPython(maak, verwijder),
    ]
