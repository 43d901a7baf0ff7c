"""The map layers of the omgevingsplan in the registry (their sources: omgevingsplan/bronnen.py)."""

from django.db import migrations

FUNCTIE_KLASSEN = [
    {"attribuut": "klasse", "tot": 1.5, "kleur": "#fdd49e", "label": "Wonen"},
    {"attribuut": "klasse", "tot": 2.5, "kleur": "#f4a582", "label": "Centrum"},
    {"attribuut": "klasse", "tot": 3.5, "kleur": "#b2abd2", "label": "Bedrijf"},
    {"attribuut": "klasse", "tot": 4.5, "kleur": "#a6d96a", "label": "Groen"},
    {"attribuut": "klasse", "tot": 5.5, "kleur": "#92c5de", "label": "Water"},
    {"attribuut": "klasse", "tot": 99, "kleur": "#d9d9d9", "label": "Overige functie"},
]
BRON = "Gemeente Den Helder, omgevingsplan (voorbeeld)"
LAGEN = [
    ("omgevingsplan-functies", "Omgevingsplan: functies", "omgevingsplan_functies",
     {"klassen": FUNCTIE_KLASSEN, "lijnkleur": "#595959"}, 13, 60),
    ("omgevingsplan-gebiedsaanwijzingen", "Omgevingsplan: gebiedsaanwijzingen (erfgoed, bouwvlakken, …)",
     "omgevingsplan_gebiedsaanwijzingen", {"kleur": "", "lijnkleur": "#8c2d04"}, 14, 61),
]


def maak(apps, schema_editor):
    Kaartlaag = apps.get_model("kaartlagen", "Kaartlaag")
    for naam, titel, bron, stijl, min_zoom, volgorde in LAGEN:
        Kaartlaag.objects.update_or_create(
            naam=naam,
            defaults=dict(
                titel=titel, groep="Regels", soort="vector", bron=bron, stijl=stijl, min_zoom=min_zoom,
                standaard_aan=False, volgorde=volgorde, attributie=BRON,
            ),
        )


def verwijder(apps, schema_editor):
    apps.get_model("kaartlagen", "Kaartlaag").objects.filter(naam__in=[laag[0] for laag in LAGEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("omgevingsplan", "0001_initial"), ("kaartlagen", "0005_externe_lagen")]
    operations = [migrations.RunPython(maak, verwijder)]
