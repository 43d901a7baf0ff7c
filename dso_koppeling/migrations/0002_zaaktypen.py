"""The zaaktypen for DSO verzoeken (vergunningaanvraag, melding, informatie) in the zaak core."""

from django.db import migrations


def maak(apps, schema_editor):
    from dso_koppeling.zaaktypen import ALLE
    from loket.zaken.definitie import definieer

    for definitie in ALLE:
        definieer(definitie, apps)


class Migration(migrations.Migration):
    dependencies = [("dso_koppeling", "0001_verzoeken"), ("zaken", "0001_kern")]
    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]
