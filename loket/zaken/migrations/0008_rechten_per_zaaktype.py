"""A permission and a group per zaaktype (loket.zaken.toegang) for the zaaktypen that exist already;
zaaktypen defined later get theirs from `definieer`."""

from django.db import migrations


def maak(apps, schema_editor):
    from loket.zaken.toegang import maak_rechten

    for zaaktype in apps.get_model("zaken", "Zaaktype").objects.all():
        maak_rechten(zaaktype, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("zaken", "0007_zonder_openbaar_gist"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]
