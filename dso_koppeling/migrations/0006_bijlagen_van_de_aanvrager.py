"""The bijlagen of a DSO verzoek come from the aanvrager: mark the documents made from them before."""

from django.db import migrations


def markeer(apps, schema_editor):
    ids = [
        pk
        for bijlagen in apps.get_model("dso_koppeling", "Verzoek").objects.values_list("bijlagen", flat=True)
        for pk in bijlagen.values()
    ]
    apps.get_model("zaken", "Document").objects.filter(pk__in=ids).update(van_indiener=True)


class Migration(migrations.Migration):
    dependencies = [
        ("dso_koppeling", "0005_slot_en_breker"),
        ("zaken", "0009_document_van_indiener"),
    ]
    operations = [migrations.RunPython(markeer, migrations.RunPython.noop)]
