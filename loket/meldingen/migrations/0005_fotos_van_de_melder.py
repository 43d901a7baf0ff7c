"""The photos a melder sent before documents were marked: what `services.meld` stored ("Foto 1", …);
the portal had no other way to add a document to a melding."""

from django.db import migrations


def markeer(apps, schema_editor):
    Document = apps.get_model("zaken", "Document")
    Document.objects.filter(zaak__melding__isnull=False, titel__regex=r"^Foto [0-9]+$").update(van_indiener=True)


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0004_volger_bevestigd"),
        ("zaken", "0009_document_van_indiener"),
    ]
    operations = [migrations.RunPython(markeer, migrations.RunPython.noop)]
