"""The public map layer "Buurtberichten" in the layers registry."""

from django.db import migrations


def maak(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.update_or_create(
        naam="buurtberichten",
        defaults=dict(
            titel="Buurtberichten",
            groep="Vergunningen en meldingen",
            bron="buurtberichten",
            stijl={"kleur": "#7b3294", "lijnkleur": "#40004b"},
            min_zoom=12,
            standaard_aan=False,
            volgorde=65,
            attributie="Buurtberichten van de gemeente",
        ),
    )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam="buurtberichten").delete()


class Migration(migrations.Migration):
    dependencies = [("buurtberichten", "0001_begin"), ("kaartlagen", "0009_importrun_naar_kern")]
    operations = [migrations.RunPython(maak, verwijder)]
