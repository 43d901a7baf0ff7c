"""The layers the portal starts with; staff change or add layers in the admin afterwards."""

from django.db import migrations

BOUWJAAR_KLASSEN = [
    {"attribuut": "bouwjaar", "tot": 1900, "kleur": "#7a0177", "label": "voor 1900"},
    {"attribuut": "bouwjaar", "tot": 1945, "kleur": "#c51b8a", "label": "1900–1944"},
    {"attribuut": "bouwjaar", "tot": 1975, "kleur": "#f768a1", "label": "1945–1974"},
    {"attribuut": "bouwjaar", "tot": 2000, "kleur": "#fbb4b9", "label": "1975–1999"},
    {"attribuut": "bouwjaar", "tot": 9999, "kleur": "#feebe2", "label": "2000 en later"},
]
BAG = "Kadaster, BAG (CC0)"
CBS = "CBS, Wijk- en buurtkaart (CC BY 4.0)"

LAGEN = [
    ("panden", "Gebouwen naar bouwjaar", "Gebouwen en adressen", "bag_panden",
     {"klassen": BOUWJAAR_KLASSEN, "lijnkleur": "#595959"}, 14, True, 10, BAG),
    ("adressen", "Adressen", "Gebouwen en adressen", "bag_verblijfsobjecten",
     {"kleur": "#004b8d"}, 16, False, 20, BAG),
    ("buurten", "Buurten", "Gebieden", "cbs_buurten", {"lijnkleur": "#004b8d", "kleur": ""}, 11, True, 30, CBS),
    ("wijken", "Wijken", "Gebieden", "cbs_wijken", {"lijnkleur": "#1a1a1a", "kleur": ""}, 10, False, 40, CBS),
    ("bgt", "Topografie (BGT-vlakken)", "Ondergrond", "bgt", {"kleur": "#d9d9d9"}, 16, False, 50,
     "Basisregistratie Grootschalige Topografie (CC0)"),
]


def maak(apps, schema_editor):
    Kaartlaag = apps.get_model("kaartlagen", "Kaartlaag")
    for naam, titel, groep, bron, stijl, min_zoom, aan, volgorde, attributie in LAGEN:
        Kaartlaag.objects.update_or_create(
            naam=naam,
            defaults=dict(
                titel=titel, groep=groep, bron=bron, stijl=stijl, min_zoom=min_zoom, standaard_aan=aan,
                volgorde=volgorde, attributie=attributie,
            ),
        )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam__in=[laag[0] for laag in LAGEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("kaartlagen", "0002_kaartlaag")]
    operations = [migrations.RunPython(maak, verwijder)]
